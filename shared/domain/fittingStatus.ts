/** A fitting's states and their names (no zod here: the app's screens import it). */
import { defineTexts } from '../i18n/texts.js';

export const FITTING_STATUSES = ['planned', 'done', 'missed'] as const;
export type FittingStatus = (typeof FITTING_STATUSES)[number];

export const FITTING_STATUS_LABELS = defineTexts<FittingStatus>({
  fr: { planned: 'Prévu', done: 'Fait', missed: 'Manqué' },
  en: { planned: 'Planned', done: 'Done', missed: 'Missed' },
});
