/** The choices offered for a client, and their names (no zod here: the app's screens import it). */
import { defineTexts } from '../i18n/texts.js';

export const GENDERS = ['female', 'male', 'other'] as const;
export const CHANNELS = ['sms', 'whatsapp', 'email', 'call'] as const;

export const GENDER_LABELS = defineTexts<(typeof GENDERS)[number]>({
  fr: { female: 'Femme', male: 'Homme', other: 'Autre' },
  en: { female: 'Female', male: 'Male', other: 'Other' },
});

export const CHANNEL_LABELS = defineTexts<(typeof CHANNELS)[number]>({
  fr: { sms: 'SMS', whatsapp: 'WhatsApp', email: 'E-mail', call: 'Appel' },
  en: { sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email', call: 'Call' },
});
