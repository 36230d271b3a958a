/** What the support view says (owner's permission and admin's reading): every error code with its status, French first. */
import { defineTexts } from '../../../shared/i18n/texts.js';
import { areaErrors } from '../../http/errors.js';

export const supportTexts = defineTexts({
  fr: {
    support_not_allowed: 'Le propriétaire de l’atelier n’a pas autorisé l’assistance, ou son autorisation a expiré.',
  },
  en: {
    support_not_allowed: 'The workshop’s owner has not allowed support access, or the permission has expired.',
  },
});

export type SupportErrorCode = keyof typeof supportTexts.fr;

const STATUS: Record<SupportErrorCode, number> = {
  support_not_allowed: 403,
};

export const supportError = areaErrors(supportTexts, STATUS);
