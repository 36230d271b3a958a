/** The names of a client's gender and preferred channel, for the form and the card alike. */
import { CHANNELS, GENDERS } from '../../../../../shared/domain/clientOptions.js';
import { defineTexts } from '../../../../../shared/i18n/texts.js';
import type { Locale } from '../../app/locale.js';

export type Gender = (typeof GENDERS)[number];
export type Channel = (typeof CHANNELS)[number];

const OPTION_TEXTS = defineTexts({
  fr: {
    'gender.female': 'Femme', 'gender.male': 'Homme', 'gender.other': 'Autre',
    'channel.sms': 'SMS', 'channel.whatsapp': 'WhatsApp', 'channel.email': 'E-mail', 'channel.call': 'Appel',
  },
  en: {
    'gender.female': 'Female', 'gender.male': 'Male', 'gender.other': 'Other',
    'channel.sms': 'SMS', 'channel.whatsapp': 'WhatsApp', 'channel.email': 'Email', 'channel.call': 'Call',
  },
});

export function asGender(value: string | null | undefined): Gender | null {
  return GENDERS.find((g) => g === value) ?? null;
}

export function asChannel(value: string | null | undefined): Channel | null {
  return CHANNELS.find((c) => c === value) ?? null;
}

/** The gender's name; an unknown value (a newer app's) is shown as it is. */
export function genderLabel(value: string, locale: Locale): string {
  const gender = asGender(value);
  return gender ? OPTION_TEXTS[locale][`gender.${gender}`] : value;
}

export function channelLabel(value: string, locale: Locale): string {
  const channel = asChannel(value);
  return channel ? OPTION_TEXTS[locale][`channel.${channel}`] : value;
}

export function genderOptions(locale: Locale): { value: Gender; label: string }[] {
  return GENDERS.map((g) => ({ value: g, label: genderLabel(g, locale) }));
}

export function channelOptions(locale: Locale): { value: Channel; label: string }[] {
  return CHANNELS.map((c) => ({ value: c, label: channelLabel(c, locale) }));
}
