/** The choices offered for a client (no zod here: the app's screens import it). */
export const GENDERS = ['female', 'male', 'other'] as const;
export const CHANNELS = ['sms', 'whatsapp', 'email', 'call'] as const;
export const GENDER_LABELS = { female: 'Femme', male: 'Homme', other: 'Autre' } as const;
