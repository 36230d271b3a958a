/** What the billing area says: every error code with its status, and its French and English text. */
import { defineTexts } from '../../shared/i18n/texts.js';
import { areaErrors } from '../http/errors.js';

export const billingTexts = defineTexts({
  fr: {
    unknown_plan: 'Cette formule n’existe pas ou n’est plus proposée.',
    unknown_pack: 'Ce pack de crédits n’existe pas ou n’est plus proposé.',
    free_plan_not_sold: 'La formule gratuite ne s’achète pas : choisissez « Résilier » pour y passer à la fin de la période.',
    downgrade_at_period_end: 'Une formule moins chère prend effet à la fin de la période payée : choisissez « Changer à la fin de la période ».',
    over_limits: '{reason}',
    no_subscription: 'Cet atelier n’a pas encore d’abonnement : réessayez dans un instant.',
    nothing_to_cancel: 'Il n’y a rien à résilier : l’atelier est déjà sur la formule gratuite.',
    plan_limit_members: 'Votre formule permet {allowed} membres dans l’équipe : changez de formule pour en inviter davantage.',
    plan_limit_owner_only: 'Votre formule ne permet que le propriétaire dans l’équipe : changez de formule pour inviter quelqu’un.',
    plan_limit_accept: 'L’équipe de cet atelier est complète pour sa formule ({allowed} au plus) : le propriétaire doit changer de formule, puis vous pourrez accepter l’invitation.',
    payment_unavailable: 'Le paiement en ligne est indisponible pour le moment ({reason}). Réessayez dans quelques minutes.',
    payment_refused: 'FedaPay a refusé de créer le paiement : {reason}',
    payment_not_found: 'Paiement introuvable.',
    receipt_not_found: 'Reçu introuvable.',
    // Plan changes (planChanges.ts)
    upgrade_is_paid: 'Une formule plus complète prend effet tout de suite et se paie maintenant : choisissez-la dans « Payer ».',
    nothing_to_change: 'L’atelier est déjà sur cette formule et ce rythme de paiement.',
    no_period_to_change: 'Aucune période payée en cours : choisissez directement la formule à payer.',
    nothing_pending: 'Aucun changement n’est prévu à la fin de la période.',
    cancel_unpaid: 'Il n’y a pas de période payée à résilier. Sans paiement, l’atelier garde toutes ses données et ses appareils continuent de fonctionner.',
    // Limits at the hub (limitsGuard.ts)
    plan_limit_portfolio: 'Votre formule permet {allowed} photos dans le portfolio (il y en a {used}) : retirez-en ou changez de formule.',
    plan_limit_directory: 'Votre formule ne comprend pas l’annuaire, ou ses services payants sont suspendus : choisissez une formule qui le comprend.',
  },
  en: {
    unknown_plan: 'This plan does not exist or is no longer offered.',
    unknown_pack: 'This credit pack does not exist or is no longer offered.',
    free_plan_not_sold: 'The free plan is not bought: choose “Cancel” to move to it at the end of the period.',
    downgrade_at_period_end: 'A cheaper plan takes effect at the end of the paid period: choose “Change at the end of the period”.',
    over_limits: '{reason}',
    no_subscription: 'This workshop has no subscription yet: try again in a moment.',
    nothing_to_cancel: 'There is nothing to cancel: the workshop is already on the free plan.',
    plan_limit_members: 'Your plan allows {allowed} team members: change plan to invite more.',
    plan_limit_owner_only: 'Your plan allows the owner alone in the team: change plan to invite someone.',
    plan_limit_accept: 'This workshop’s team is full for its plan ({allowed} at most): the owner must change plan, then you can accept the invitation.',
    payment_unavailable: 'Online payment is unavailable at the moment ({reason}). Try again in a few minutes.',
    payment_refused: 'FedaPay refused to create the payment: {reason}',
    payment_not_found: 'Payment not found.',
    receipt_not_found: 'Receipt not found.',
    upgrade_is_paid: 'A fuller plan takes effect at once and is paid now: choose it under “Pay”.',
    nothing_to_change: 'The workshop is already on this plan and this billing cycle.',
    no_period_to_change: 'No paid period is running: choose the plan to pay directly.',
    nothing_pending: 'No change is planned for the end of the period.',
    cancel_unpaid: 'There is no paid period to cancel. Without payment, the workshop keeps all its data and its devices keep working.',
    plan_limit_portfolio: 'Your plan allows {allowed} portfolio photos (there are {used}): remove some or change plan.',
    plan_limit_directory: 'Your plan does not include the directory, or its paid services are suspended: choose a plan that includes it.',
  },
});

export type BillingErrorCode = keyof typeof billingTexts.fr;

const STATUS: Record<BillingErrorCode, number> = {
  unknown_plan: 400,
  unknown_pack: 400,
  free_plan_not_sold: 400,
  downgrade_at_period_end: 409,
  over_limits: 409,
  no_subscription: 409,
  nothing_to_cancel: 409,
  plan_limit_members: 403,
  plan_limit_owner_only: 403,
  plan_limit_accept: 403,
  payment_unavailable: 503,
  payment_refused: 502,
  payment_not_found: 404,
  receipt_not_found: 404,
  upgrade_is_paid: 409,
  nothing_to_change: 409,
  no_period_to_change: 409,
  nothing_pending: 409,
  cancel_unpaid: 409,
  plan_limit_portfolio: 403,
  plan_limit_directory: 403,
};

export const billingError = areaErrors(billingTexts, STATUS);
