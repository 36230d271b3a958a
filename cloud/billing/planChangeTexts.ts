/** What plan changes answer when they refuse (the billing area's other codes are in texts.ts). */
import { defineTexts, text, type Locale } from '../../shared/i18n/texts.js';
import { HttpError } from '../http/errors.js';

export const planChangeTexts = defineTexts({
  fr: {
    upgrade_is_paid: 'Une formule plus complète prend effet tout de suite et se paie maintenant : choisissez-la dans « Payer ».',
    nothing_to_change: 'L’atelier est déjà sur cette formule et ce rythme de paiement.',
    no_period_to_change: 'Aucune période payée en cours : choisissez directement la formule à payer.',
    nothing_pending: 'Aucun changement n’est prévu à la fin de la période.',
    cancel_unpaid: 'Il n’y a pas de période payée à résilier. Sans paiement, l’atelier garde toutes ses données et ses appareils continuent de fonctionner.',
  },
  en: {
    upgrade_is_paid: 'A fuller plan takes effect at once and is paid now: choose it under “Pay”.',
    nothing_to_change: 'The workshop is already on this plan and this billing cycle.',
    no_period_to_change: 'No paid period is running: choose the plan to pay directly.',
    nothing_pending: 'No change is planned for the end of the period.',
    cancel_unpaid: 'There is no paid period to cancel. Without payment, the workshop keeps all its data and its devices keep working.',
  },
});

export type PlanChangeErrorCode = keyof typeof planChangeTexts.fr;

const STATUS: Record<PlanChangeErrorCode, number> = {
  upgrade_is_paid: 409,
  nothing_to_change: 409,
  no_period_to_change: 409,
  nothing_pending: 409,
  cancel_unpaid: 409,
};

export function planChangeError(code: PlanChangeErrorCode, locale: Locale): HttpError {
  return new HttpError(STATUS[code], code, text(planChangeTexts, locale, code));
}
