/** What moderation says: every error code with its status, French first. */
import { defineTexts } from '../../../shared/i18n/texts.js';
import { areaErrors } from '../../http/errors.js';

export const moderationTexts = defineTexts({
  fr: {
    report_not_found: 'Signalement introuvable.',
    report_resolved: 'Ce signalement est déjà traité ({resolution}) : rechargez la liste.',
    profile_not_found: 'Ce profil n’existe plus dans l’annuaire.',
    profile_not_hidden: 'Ce profil n’est pas masqué.',
    photo_not_found: 'Cette photo n’est plus dans l’annuaire.',
    photo_not_hidden: 'Cette photo n’est pas masquée.',
    target_gone: 'L’atelier a retiré ce qui était signalé de l’annuaire : choisissez « Maintenir » pour clore le signalement.',
  },
  en: {
    report_not_found: 'Report not found.',
    report_resolved: 'This report is already dealt with ({resolution}): reload the list.',
    profile_not_found: 'This profile is no longer in the directory.',
    profile_not_hidden: 'This profile is not hidden.',
    photo_not_found: 'This photo is no longer in the directory.',
    photo_not_hidden: 'This photo is not hidden.',
    target_gone: 'The workshop removed what was reported from the directory: choose “Keep” to close the report.',
  },
});

export type ModerationErrorCode = keyof typeof moderationTexts.fr;

const STATUS: Record<ModerationErrorCode, number> = {
  report_not_found: 404,
  report_resolved: 409,
  profile_not_found: 404,
  profile_not_hidden: 409,
  photo_not_found: 404,
  photo_not_hidden: 409,
  target_gone: 409,
};

export const moderationError = areaErrors(moderationTexts, STATUS);

/** A resolution as the portal says it. */
export const resolutionTexts = defineTexts({
  fr: { hidden: 'masqué', kept: 'maintenu' },
  en: { hidden: 'hidden', kept: 'kept' },
});
