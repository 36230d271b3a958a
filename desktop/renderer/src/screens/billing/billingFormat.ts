/** Dates of the billing screens: a day in the workshop's time zone (« 17 décembre 2026 »). */
import { intlLocale } from '../../ui/format.js';
import type { Locale } from '../../app/locale.js';

const TIME_ZONE = 'Africa/Porto-Novo';

export function longDate(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE }).format(date);
}
