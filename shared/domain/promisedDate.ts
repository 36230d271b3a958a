/**
 * Suggestion of a promised delivery date for a new order.
 *
 * The garment type's duration (in working days) is shortened by the urgency
 * factor, then lengthened when the workshop already has more active orders than
 * its capacity, and finally laid on the workshop's calendar (rest days and
 * closing days are skipped).
 */
import { addDays, addWorkingDays, isIsoDate, isoWeekday, type IsoDate, type WorkCalendar } from './calendar.js';
import { defineTexts } from '../i18n/texts.js';

export { describePromisedDate } from './promisedDateText.js';

export const URGENCIES = ['normal', 'high', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** An urgency's name, as the new-order screen and an order's card show it. */
export const URGENCY_LABELS = defineTexts<Urgency>({
  fr: { normal: 'Normale', high: 'Haute', urgent: 'Urgente' },
  en: { normal: 'Normal', high: 'High', urgent: 'Urgent' },
});

export const URGENCY_FACTOR: Record<Urgency, number> = { normal: 1, high: 0.7, urgent: 0.5 };

export interface PromisedDateInput {
  /** Today, in the workshop's timezone. */
  today: IsoDate;
  /** The garment type's default duration, in working days (integer >= 0). */
  durationDays: number;
  urgency: Urgency;
  calendar: WorkCalendar;
  /** Orders currently active (confirmed, in progress, fitting), NOT counting the new one. */
  activeOrders: number;
  /** Active orders the workshop can take (integer >= 1). */
  capacity: number;
}

export interface PromisedDateSuggestion {
  date: IsoDate;
  /** Total working days counted (baseDays + delayDays). */
  workingDays: number;
  /** Duration after the urgency factor. */
  baseDays: number;
  /** Extra working days due to overload (0 if none). */
  delayDays: number;
  overloaded: boolean;
  reasons: PromisedDateReason[];
}

export type PromisedDateReason =
  | { code: 'duration'; days: number }
  | { code: 'urgency'; urgency: Urgency; factor: number; days: number }
  | { code: 'overload'; activeOrders: number; capacity: number; extraDays: number }
  | { code: 'closed_days_skipped'; count: number };

/** Factors are applied in thousandths so that e.g. 10 × 0.7 gives exactly 7. */
const FACTOR_SCALE = 1000;

/** ceil(a / b) for non-negative integers a and positive integer b, exact. */
function ceilDiv(a: number, b: number): number {
  const r = a % b;
  return r === 0 ? a / b : (a - r) / b + 1;
}

function validate(input: PromisedDateInput): void {
  const { today, durationDays, urgency, activeOrders, capacity, calendar } = input;
  if (typeof today !== 'string' || !isIsoDate(today)) {
    throw new Error(`Date du jour invalide : « ${String(today)} » (format attendu AAAA-MM-JJ).`);
  }
  if (!Number.isInteger(durationDays) || durationDays < 0) {
    throw new Error(`La durée de confection doit être un nombre entier de jours positif ou nul (reçu : ${String(durationDays)}).`);
  }
  if (!Object.prototype.hasOwnProperty.call(URGENCY_FACTOR, urgency)) {
    throw new Error(`Niveau d'urgence inconnu : « ${String(urgency)} ».`);
  }
  if (!Number.isInteger(activeOrders) || activeOrders < 0) {
    throw new Error(`Le nombre de commandes en cours doit être un entier positif ou nul (reçu : ${String(activeOrders)}).`);
  }
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new Error(`La capacité de l'atelier doit être un entier supérieur ou égal à 1 (reçu : ${String(capacity)}).`);
  }
  if (!calendar || !Array.isArray(calendar.workingDays) || !Array.isArray(calendar.closingDays)) {
    throw new Error("Calendrier de l'atelier invalide.");
  }
}

/** Closing days falling on a working weekday in [from, to] (inclusive). */
function countClosedDays(from: IsoDate, to: IsoDate, calendar: WorkCalendar): number {
  let count = 0;
  for (const day of new Set(calendar.closingDays)) {
    if (isIsoDate(day) && day >= from && day <= to && calendar.workingDays.includes(isoWeekday(day))) count += 1;
  }
  return count;
}

export function suggestPromisedDate(input: PromisedDateInput): PromisedDateSuggestion {
  validate(input);
  const { today, durationDays, urgency, calendar, activeOrders, capacity } = input;

  const factor = URGENCY_FACTOR[urgency];
  const scaled = Math.round(factor * FACTOR_SCALE);
  let baseDays = ceilDiv(durationDays * scaled, FACTOR_SCALE);
  if (durationDays >= 1 && baseDays < 1) baseDays = 1;

  const position = activeOrders + 1; // the new order's rank among active orders
  const overloaded = position > capacity;
  const overflow = overloaded ? position - capacity : 0;
  const delayDays = overloaded ? ceilDiv(overflow * baseDays, capacity) : 0;

  const workingDays = baseDays + delayDays;
  const date = addWorkingDays(today, workingDays, calendar);

  const reasons: PromisedDateReason[] = [{ code: 'duration', days: durationDays }];
  if (urgency !== 'normal') reasons.push({ code: 'urgency', urgency, factor, days: baseDays });
  if (overloaded) reasons.push({ code: 'overload', activeOrders, capacity, extraDays: delayDays });
  // With n > 0 today is never counted, so only closing days after today can push the date.
  const spanStart = workingDays > 0 ? addDays(today, 1) : today;
  const skipped = countClosedDays(spanStart, date, calendar);
  if (skipped > 0) reasons.push({ code: 'closed_days_skipped', count: skipped });

  return { date, workingDays, baseDays, delayDays, overloaded, reasons };
}
