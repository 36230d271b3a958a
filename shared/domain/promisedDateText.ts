/**
 * The sentence explaining a promised-date suggestion (shown under the date on the new-order
 * screen), in the one text style: every word in the catalogue, numbers and names of days and
 * months from Intl in the catalogue's locale, singular or plural by Intl's plural rules (French
 * says "1,5 jour ouvré", English "1.5 working days").
 */
import type { IsoDate } from './calendar.js';
import type { PromisedDateSuggestion, Urgency } from './promisedDate.js';
import { defineTexts, text, type Locale, type TextParams } from '../i18n/texts.js';

const TEXTS = defineTexts({
  fr: {
    intl: 'fr-FR',
    head: 'Durée de confection : {days}',
    urgency: ', {urgency} (×{factor}) → {days}',
    'urgency.normal': 'délai normal',
    'urgency.high': 'commande prioritaire',
    'urgency.urgent': 'commande urgente',
    overload: 'Atelier surchargé : {orders} en cours pour une capacité de {capacity}, soit {overflow} de trop avec celle-ci : +{extra}.',
    'orders.one': '{n} commande',
    'orders.other': '{n} commandes',
    'closed.one': "{n} jour de fermeture de l'atelier a été sauté.",
    'closed.other': "{n} jours de fermeture de l'atelier ont été sautés.",
    proposed: 'Date proposée : {date} ({days}).',
    'days.one': '{n} jour ouvré',
    'days.other': '{n} jours ouvrés',
    date: '{weekday} {day} {month} {year}',
    firstOfMonth: '1er',
  },
  en: {
    intl: 'en-US',
    head: 'Making time: {days}',
    urgency: ', {urgency} (×{factor}) → {days}',
    'urgency.normal': 'normal',
    'urgency.high': 'high priority',
    'urgency.urgent': 'urgent',
    overload: 'Workshop overloaded: {orders} for a capacity of {capacity}, this order goes {overflow} over capacity: +{extra}.',
    'orders.one': '{n} active order',
    'orders.other': '{n} active orders',
    'closed.one': '{n} closing day was skipped.',
    'closed.other': '{n} closing days were skipped.',
    proposed: 'Suggested date: {date} ({days}).',
    'days.one': '{n} working day',
    'days.other': '{n} working days',
    date: '{weekday}, {month} {day}, {year}',
    firstOfMonth: '1',
  },
});

type Plural = 'orders' | 'closed' | 'days';

/** A short human sentence explaining the suggestion, in French (default) or English. */
export function describePromisedDate(s: PromisedDateSuggestion, locale: Locale = 'fr'): string {
  const intl = TEXTS[locale].intl;
  const say = (key: keyof (typeof TEXTS)['fr'], params?: TextParams) => text(TEXTS, locale, key, params);
  const num = (n: number) => new Intl.NumberFormat(intl, { maximumFractionDigits: 2 }).format(n);
  const plural = (what: Plural, n: number) => say(`${what}.${new Intl.PluralRules(intl).select(n) === 'one' ? 'one' : 'other'}`, { n: num(n) });
  const days = (n: number) => plural('days', n);

  let duration = s.baseDays;
  for (const r of s.reasons) if (r.code === 'duration') duration = r.days;
  let head = say('head', { days: days(duration) });
  for (const r of s.reasons) {
    if (r.code === 'urgency') head += say('urgency', { urgency: say(`urgency.${r.urgency satisfies Urgency}`), factor: num(r.factor), days: days(r.days) });
  }
  const parts = [`${head}.`];
  for (const r of s.reasons) {
    if (r.code === 'overload') {
      const overflow = r.activeOrders + 1 - r.capacity;
      parts.push(say('overload', { orders: plural('orders', r.activeOrders), capacity: num(r.capacity), overflow: num(overflow), extra: days(r.extraDays) }));
    } else if (r.code === 'closed_days_skipped') {
      parts.push(plural('closed', r.count));
    }
  }
  parts.push(say('proposed', { date: longDate(s.date, locale), days: days(s.workingDays) }));
  return parts.join(' ');
}

/** '2026-12-01' → « mardi 1er décembre 2026 », "Tuesday, December 1, 2026". */
function longDate(date: IsoDate, locale: Locale): string {
  const intl = TEXTS[locale].intl;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const noon = new Date(Date.UTC(y, m - 1, d, 12));
  const name = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(intl, { ...options, timeZone: 'UTC' }).format(noon);
  return text(TEXTS, locale, 'date', { weekday: name({ weekday: 'long' }), day: d === 1 ? TEXTS[locale].firstOfMonth : String(d), month: name({ month: 'long' }), year: String(y) });
}
