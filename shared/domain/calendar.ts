/**
 * Pure calendar helpers on ISO calendar dates ('YYYY-MM-DD').
 *
 * All arithmetic is done on UTC midnights, so the host timezone never leaks in.
 * The only place a timezone matters is `todayIn`, which converts an instant to
 * the calendar date of the workshop's timezone.
 */
import { zoneOffsetMs } from './zoneOffset.js';

/** An ISO calendar date, 'YYYY-MM-DD' (no time, no timezone). */
export type IsoDate = string;

/** The workshop's opening rules. */
export interface WorkCalendar {
  /** ISO weekdays the workshop works: 1 = Monday … 7 = Sunday. */
  workingDays: readonly number[];
  /** Specific dates the workshop is closed (holidays, leave), e.g. '2026-12-25'. */
  closingDays: readonly IsoDate[];
}

const MS_PER_DAY = 86_400_000;
/** Maximum number of consecutive closed days tolerated before giving up. */
export const MAX_CONSECUTIVE_CLOSED_DAYS = 3660;

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function parseYmd(s: string): Ymd | null {
  const match = ISO_DATE_RE.exec(s);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return { y, m, d };
}

/** True when `s` is exactly 'YYYY-MM-DD' and a real calendar date. */
export function isIsoDate(s: string): boolean {
  return typeof s === 'string' && parseYmd(s) !== null;
}

function toUtcMs(date: IsoDate): number {
  const p = parseYmd(date);
  if (!p) throw new Error(`Date invalide : « ${String(date)} » (format attendu AAAA-MM-JJ).`);
  const t = new Date(0);
  // setUTCFullYear avoids Date.UTC's 0–99 → 1900–1999 mapping.
  t.setUTCFullYear(p.y, p.m - 1, p.d);
  return t.getTime();
}

function fromUtcMs(ms: number): IsoDate {
  const t = new Date(ms);
  const y = String(t.getUTCFullYear()).padStart(4, '0');
  const m = String(t.getUTCMonth() + 1).padStart(2, '0');
  const d = String(t.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** `date` shifted by `n` calendar days (n may be negative). */
export function addDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new Error(`Le nombre de jours doit être un nombre entier (reçu : ${String(n)}).`);
  return fromUtcMs(toUtcMs(date) + n * MS_PER_DAY);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const js = new Date(toUtcMs(date)).getUTCDay(); // 0 = Sunday
  return js === 0 ? 7 : js;
}

/** The calendar date at instant `now` in the IANA time zone `timeZone`. */
export function todayIn(timeZone: string, now: Date): IsoDate {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new Error('Instant invalide : impossible de déterminer la date du jour.');
  }
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    }).formatToParts(now);
  } catch {
    throw new Error(`Fuseau horaire inconnu : « ${timeZone} ».`);
  }
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const y = get('year');
  const m = get('month');
  const d = get('day');
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) {
    throw new Error(`Impossible de déterminer la date du jour dans le fuseau « ${timeZone} ».`);
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Number of days from `from` to `to` (to − from); negative when `to` is earlier. */
export function diffDays(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / MS_PER_DAY);
}

/** The Monday of the ISO week containing `date`. */
export function startOfWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** First day of the month of `date`, and first day of the next month (end exclusive). */
export function monthRange(date: IsoDate): { start: IsoDate; end: IsoDate } {
  const p = parseYmd(date);
  if (!p) throw new Error(`Date invalide : « ${String(date)} » (format attendu AAAA-MM-JJ).`);
  const pad = (n: number, w: number): string => String(n).padStart(w, '0');
  const start = `${pad(p.y, 4)}-${pad(p.m, 2)}-01`;
  const end = p.m === 12 ? `${pad(p.y + 1, 4)}-01-01` : `${pad(p.y, 4)}-${pad(p.m + 1, 2)}-01`;
  return { start, end };
}

/** True when the workshop works on `date`: a working weekday that is not a closing day. */
export function isWorkingDay(date: IsoDate, calendar: WorkCalendar): boolean {
  return calendar.workingDays.includes(isoWeekday(date)) && !calendar.closingDays.includes(date);
}

/**
 * The date reached after `n` working days counted AFTER `start` (start itself is
 * not counted). With n = 0: the first working day on or after `start`.
 */
export function addWorkingDays(start: IsoDate, n: number, calendar: WorkCalendar): IsoDate {
  if (!Number.isInteger(n)) throw new Error(`Le nombre de jours ouvrés doit être un nombre entier (reçu : ${String(n)}).`);
  if (n < 0) throw new Error(`Le nombre de jours ouvrés ne peut pas être négatif (reçu : ${n}).`);
  const weekdays = new Set(calendar.workingDays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7));
  if (weekdays.size === 0) {
    throw new Error("Le calendrier de l'atelier ne comporte aucun jour ouvré : impossible de calculer une date.");
  }
  const closed = new Set(calendar.closingDays);
  let ms = toUtcMs(start);
  let date = start;
  let weekday = isoWeekday(start);
  let consecutiveClosed = 0;
  const step = (): void => {
    ms += MS_PER_DAY;
    date = fromUtcMs(ms);
    weekday = weekday === 7 ? 1 : weekday + 1;
  };
  const working = (): boolean => weekdays.has(weekday) && !closed.has(date);
  const guard = (): void => {
    consecutiveClosed += 1;
    if (consecutiveClosed > MAX_CONSECUTIVE_CLOSED_DAYS) {
      throw new Error(
        `Aucun jour ouvré trouvé sur plus de ${MAX_CONSECUTIVE_CLOSED_DAYS} jours consécutifs après le ${start} : vérifiez le calendrier de l'atelier.`,
      );
    }
  };

  if (n === 0) {
    while (!working()) {
      guard();
      step();
    }
    return date;
  }
  let counted = 0;
  while (counted < n) {
    step();
    if (working()) {
      counted += 1;
      consecutiveClosed = 0;
    } else {
      guard();
    }
  }
  return date;
}

/**
 * The UTC instant (ISO string) at which local midnight starts `date` in `timeZone`.
 * Works for any offset, including half hours; West African zones have no daylight saving.
 */
export function startOfLocalDayUtc(date: IsoDate, timeZone: string): string {
  if (!isIsoDate(date)) throw new Error(`Date invalide : ${date}`);
  const guess = Date.parse(`${date}T00:00:00.000Z`);
  return new Date(guess - zoneOffsetMs(guess, timeZone)).toISOString();
}
