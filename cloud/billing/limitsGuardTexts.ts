/** What the hub answers past a plan's limit (portfolio photos, the directory listing), French first. */
import { defineTexts, text, type Locale } from '../../shared/i18n/texts.js';
import { HttpError } from '../http/errors.js';

export const limitsGuardTexts = defineTexts({
  fr: {
    plan_limit_portfolio: 'Votre formule permet {allowed} photos dans le portfolio (il y en a {used}) : retirez-en ou changez de formule.',
    plan_limit_directory: 'Votre formule ne comprend pas l’annuaire, ou ses services payants sont suspendus : choisissez une formule qui le comprend.',
  },
  en: {
    plan_limit_portfolio: 'Your plan allows {allowed} portfolio photos (there are {used}): remove some or change plan.',
    plan_limit_directory: 'Your plan does not include the directory, or its paid services are suspended: choose a plan that includes it.',
  },
});

export type LimitsGuardCode = keyof typeof limitsGuardTexts.fr;

export function limitsGuardError(code: LimitsGuardCode, locale: Locale, params: Record<string, string | number> = {}): HttpError {
  return new HttpError(403, code, text(limitsGuardTexts, locale, code, params), params);
}
