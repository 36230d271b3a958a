/** The names of a client's gender and preferred channel (the domain's), for the form and the card alike. */
import { CHANNEL_LABELS, CHANNELS, GENDER_LABELS, GENDERS } from '../../../../../shared/domain/clientOptions.js';
import type { Locale } from '../../app/locale.js';

export type Gender = (typeof GENDERS)[number];
export type Channel = (typeof CHANNELS)[number];

export function asGender(value: string | null | undefined): Gender | null {
  return GENDERS.find((g) => g === value) ?? null;
}

export function asChannel(value: string | null | undefined): Channel | null {
  return CHANNELS.find((c) => c === value) ?? null;
}

/** The gender's name; an unknown value (a newer app's) is shown as it is. */
export function genderLabel(value: string, locale: Locale): string {
  const gender = asGender(value);
  return gender ? GENDER_LABELS[locale][gender] : value;
}

export function channelLabel(value: string, locale: Locale): string {
  const channel = asChannel(value);
  return channel ? CHANNEL_LABELS[locale][channel] : value;
}

export function genderOptions(locale: Locale): { value: Gender; label: string }[] {
  return GENDERS.map((g) => ({ value: g, label: genderLabel(g, locale) }));
}

export function channelOptions(locale: Locale): { value: Channel; label: string }[] {
  return CHANNELS.map((c) => ({ value: c, label: channelLabel(c, locale) }));
}
