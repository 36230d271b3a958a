/**
 * What the admin portal's workshops say: every error code with its status, French first, and the
 * history's labels of payments.
 */
import { defineTexts } from '../../../shared/i18n/texts.js';
import type { SubscriptionActionRefusal } from '../../../shared/admin/subscriptionActions.js';
import { areaErrors } from '../../http/errors.js';

export const adminWorkshopTexts = defineTexts({
  fr: {
    workshop_not_found: 'Atelier introuvable.',
    no_subscription: 'Cet atelier n’a pas encore d’abonnement.',
    already_suspended: 'Cet atelier est déjà suspendu.',
    not_suspended: 'Cet atelier n’est pas suspendu : il n’y a rien à rétablir.',
    paid_period_running: 'Une période payée est en cours : l’essai ne peut pas être prolongé.',
    trial_not_extendable: 'L’essai de cet atelier ne peut pas être prolongé (statut « {status} ») : changez plutôt sa formule.',
    invalid_trial_days: 'Nombre de jours invalide (de 1 à 90).',
    unknown_plan: 'Formule inconnue : « {planId} ».',
    same_plan: 'L’atelier est déjà sur cette formule.',
    cancelled_needs_payment: 'Cet atelier est sur la formule gratuite : il doit payer une formule, ou recevoir un essai, avant d’en changer.',
  },
  en: {
    workshop_not_found: 'Workshop not found.',
    no_subscription: 'This workshop has no subscription yet.',
    already_suspended: 'This workshop is already suspended.',
    not_suspended: 'This workshop is not suspended: there is nothing to restore.',
    paid_period_running: 'A paid period is running: the trial cannot be extended.',
    trial_not_extendable: 'This workshop’s trial cannot be extended (status “{status}”): change its plan instead.',
    invalid_trial_days: 'Invalid number of days (1 to 90).',
    unknown_plan: 'Unknown plan: “{planId}”.',
    same_plan: 'The workshop is already on this plan.',
    cancelled_needs_payment: 'This workshop is on the free plan: it must pay for a plan, or be given a trial, before changing it.',
  },
});

export type AdminWorkshopErrorCode = keyof typeof adminWorkshopTexts.fr;

const STATUS: Record<AdminWorkshopErrorCode, number> = {
  workshop_not_found: 404,
  no_subscription: 409,
  already_suspended: 409,
  not_suspended: 409,
  paid_period_running: 409,
  trial_not_extendable: 409,
  invalid_trial_days: 400,
  unknown_plan: 409,
  same_plan: 409,
  cancelled_needs_payment: 409,
} satisfies Record<SubscriptionActionRefusal, number> & Record<string, number>;

export const adminWorkshopError = areaErrors(adminWorkshopTexts, STATUS);

/** The history's labels: what a payment bought, and the cycle's word. */
export const historyTexts = defineTexts({
  fr: {
    payment_plan: 'Paiement : formule {plan} ({cycle})',
    payment_renewal: 'Paiement : renouvellement {plan} ({cycle})',
    payment_upgrade: 'Paiement : passage à la formule {plan}',
    payment_credits: 'Paiement : {credits} crédits SMS',
    payment_other: 'Paiement',
    cycle_monthly: 'mensuel',
    cycle_yearly: 'annuel',
  },
  en: {
    payment_plan: 'Payment: {plan} plan ({cycle})',
    payment_renewal: 'Payment: {plan} renewal ({cycle})',
    payment_upgrade: 'Payment: upgrade to {plan}',
    payment_credits: 'Payment: {credits} SMS credits',
    payment_other: 'Payment',
    cycle_monthly: 'monthly',
    cycle_yearly: 'yearly',
  },
});
