/** Money in FCFA and dates in the workshop's timezone, French by default. */
import { formatXof } from '../../../../shared/domain/money.js';
import { defineTexts } from '../../../../shared/i18n/texts.js';
import type { Locale } from '../app/locale.js';

/** How each language writes dates and decimals. */
const FORMATS = defineTexts({
  fr: { intl: 'fr-FR', decimal: ',' },
  en: { intl: 'en-GB', decimal: '.' },
});

/** The Intl locale of the app's language ('fr-FR', 'en-GB'). */
export function intlLocale(locale: Locale): string {
  return FORMATS[locale].intl;
}

/** 12.5 → « 12,5 » in French, "12.5" in English (no grouping: what a field shows and reads back). */
export function decimal(value: number, locale: Locale = 'fr'): string {
  return String(value).replace('.', FORMATS[locale].decimal);
}

export function money(amount: number, locale: Locale = 'fr'): string {
  return formatXof(amount, locale);
}

const tz = 'Africa/Porto-Novo';

/** '2026-11-27' → « ven. 27 nov. » */
export function day(iso: string, locale: Locale = 'fr'): string {
  const date = new Date(`${iso}T12:00:00Z`);
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** '2026-11-27' → « vendredi 27 novembre 2026 » */
export function longDay(iso: string, locale: Locale = 'fr'): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
}

/** An instant in the workshop's time: « jeu. 26 nov., 15:00 » */
export function dateTime(iso: string, locale: Locale = 'fr', timeZone = tz): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** An instant's time of day on this device: « 15:04 » */
export function clockTime(iso: string, locale: Locale = 'fr'): string {
  return new Date(iso).toLocaleTimeString(intlLocale(locale), { hour: '2-digit', minute: '2-digit' });
}

/** An instant's date on this device: « 27/11/2026 » */
export function shortDate(iso: string, locale: Locale = 'fr'): string {
  return new Date(iso).toLocaleDateString(intlLocale(locale));
}

export function phoneDisplay(e164: string | null | undefined): string {
  if (!e164) return '';
  const m = /^\+229(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+229 ${m.slice(1).join(' ')}` : e164;
}
