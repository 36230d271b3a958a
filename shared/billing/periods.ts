/**
 * Subscription periods in the workshop's own time zone: every boundary (a trial's end, a period's
 * end, the end of the grace period) is a local midnight, so a transition happens once, at the
 * start of a local day, whatever the server's zone.
 *
 * - A trial started on local day D ends at the start of D + 14 (TRIAL_DAYS full days after the
 *   signup day).
 * - A period bought at an instant that is not a local midnight (a payment at 15:00 on 10 January)
 *   runs through the same date one cycle later (10 February included) and ends at the start of the
 *   next day (11 February 00:00). A period that starts at a local midnight (a renewal from the end
 *   of the previous period, a purchase during the trial counted from its end) ends at the same
 *   local midnight one cycle later. A month from 31 January is 28/29 February.
 */
import { addDays, diffDays, type IsoDate } from '../domain/calendar.js';
import { zoneOffsetMs } from '../domain/zoneOffset.js';
import { GRACE_DAYS, REMINDER_DAYS_BEFORE, TRIAL_DAYS, type BillingCycle } from './plans.js';

/** The zone's offset at an instant (ms), from Intl once per quarter of an hour (zoneOffset.ts). */
const offsetAt = zoneOffsetMs;

/** The local date of an instant in a time zone. */
export function localDate(instant: string | Date, timeZone: string): IsoDate {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 10);
}

/** The instant (ISO) a local day starts (zones without daylight saving, as West Africa's; others to the hour). */
export function localMidnight(date: IsoDate, timeZone: string): string {
  const guess = Date.parse(`${date}T00:00:00.000Z`);
  return new Date(guess - offsetAt(guess - offsetAt(guess, timeZone), timeZone)).toISOString();
}

function isLocalMidnight(instant: string, timeZone: string): boolean {
  return Date.parse(localMidnight(localDate(instant, timeZone), timeZone)) === Date.parse(instant);
}

/** `date` plus whole months, the day clamped to the month's last (31 January + 1 month = 28/29 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function cycleMonths(cycle: BillingCycle): number {
  return cycle === 'yearly' ? 12 : 1;
}

export function trialEnd(startedAt: Date, timeZone: string): string {
  return localMidnight(addDays(localDate(startedAt, timeZone), TRIAL_DAYS), timeZone);
}

/** Where a period that starts at `start` ends (see the header). */
export function periodEnd(start: string, cycle: BillingCycle, timeZone: string): string {
  const from = localDate(start, timeZone);
  const end = addMonths(from, cycleMonths(cycle));
  return localMidnight(isLocalMidnight(start, timeZone) ? end : addDays(end, 1), timeZone);
}

export function graceEnd(periodEndAt: string, timeZone: string): string {
  return localMidnight(addDays(localDate(periodEndAt, timeZone), GRACE_DAYS), timeZone);
}

/** When the owner is reminded that a trial or a period ends at `endAt`. */
export function reminderAt(endAt: string, timeZone: string): string {
  return localMidnight(addDays(localDate(endAt, timeZone), -REMINDER_DAYS_BEFORE), timeZone);
}

/** The shortest month: a month start closer than this to the paid time's end is not a month of it. */
export const SHORTEST_MONTH_DAYS = 28;

/**
 * The start of each month of a paid period, from `start` while before `end` (months counted as in
 * `periodEnd`, from the period's start). A start fewer than SHORTEST_MONTH_DAYS local days before
 * `end` is left out: renewals chain from each period's end (periodEnd of a midnight), which can
 * drift a day or three from the anniversaries of the start (30 January → 1 March → 1 April, while
 * the third anniversary is 31 March); without the rule, that day would count as a whole month
 * (its credits granted twice for one paid month). Once a renewal moves `end`, the start is a
 * month of the renewed time and comes back.
 */
export function monthStartsBetween(start: string, end: string, timeZone: string): string[] {
  const from = localDate(start, timeZone);
  const shift = isLocalMidnight(start, timeZone) ? 0 : 1;
  const endMs = Date.parse(end);
  const endDate = localDate(end, timeZone);
  const starts = [start];
  for (let month = 1; month < 1200; month++) {
    const date = addDays(addMonths(from, month), shift);
    const at = localMidnight(date, timeZone);
    if (Date.parse(at) >= endMs) break;
    if (diffDays(date, endDate) < SHORTEST_MONTH_DAYS) break;
    starts.push(at);
  }
  return starts;
}

/** The days of the one cycle that ends at `end` (28 to 31 for a month, 365 or 366 for a year). */
export function cycleDaysEndingAt(end: string, cycle: BillingCycle, timeZone: string): number {
  const endDate = localDate(end, timeZone);
  return diffDays(addMonths(endDate, -cycleMonths(cycle)), endDate);
}

/** Whole local days from `from`'s date to `to`'s date (the day of `from` counted, `to`'s not). */
export function localDaysBetween(from: string | Date, to: string | Date, timeZone: string): number {
  return diffDays(localDate(from, timeZone), localDate(to, timeZone));
}
