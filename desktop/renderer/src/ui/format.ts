/** Money in FCFA and dates in the workshop's timezone, French by default. */
import { formatXof } from '../../../../shared/domain/money.js';
import type { Locale } from '../app/locale.js';

export function money(amount: number, locale: Locale = 'fr'): string {
  return formatXof(amount, locale);
}

const tz = 'Africa/Porto-Novo';

/** '2026-11-27' → « ven. 27 nov. » */
export function day(iso: string, locale: Locale = 'fr'): string {
  const date = new Date(`${iso}T12:00:00Z`);
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** An instant in the workshop's time: « jeu. 26 nov., 15:00 » */
export function dateTime(iso: string, locale: Locale = 'fr', timeZone = tz): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

export function phoneDisplay(e164: string | null | undefined): string {
  if (!e164) return '';
  const m = /^\+229(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+229 ${m.slice(1).join(' ')}` : e164;
}
