/**
 * The admin dashboard's rules (issue 12), pure: the periods it counts in the platform's timezone
 * (Africa/Porto-Novo, UTC+1 all year, no daylight saving time), the zero-filled chart series, and
 * the monthly recurring revenue from the active subscriptions' counts and the plans' prices.
 *
 * Every period is a half-open range of instants [start, end), given as ISO strings in UTC
 * (`toISOString()`, the format the hub writes its timestamps in), so the SQL compares them with
 * timestamptz columns and ISO text columns alike.
 */

export const PLATFORM_TIMEZONE = 'Africa/Porto-Novo';
/** Porto-Novo is UTC+1 the whole year. */
export const PLATFORM_UTC_OFFSET_MINUTES = 60;

export const CHART_DAYS = 30;
export const CHART_WEEKS = 12;
export const CHART_MONTHS = 6;

const OFFSET_MS = PLATFORM_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

export interface Bucket {
  /** `YYYY-MM-DD` (a day, or a week's Monday) or `YYYY-MM` (a month), in Porto-Novo. */
  label: string;
  start: string;
  end: string;
}

export interface DashboardPeriods {
  at: string;
  /** The last 30 local days, today included (oldest first); the last one is today. */
  days: Bucket[];
  /** The last 12 weeks, Monday to Monday (oldest first); the last one is this week. */
  weeks: Bucket[];
  /** The last 6 months (oldest first); the last one is this month. */
  months: Bucket[];
}

/** The local (Porto-Novo) calendar date of an instant, as UTC fields of a shifted Date. */
function local(at: Date): { year: number; month: number; day: number; weekday: number } {
  const shifted = new Date(at.getTime() + OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth(), day: shifted.getUTCDate(), weekday: shifted.getUTCDay() };
}

/** The instant of local midnight of a local date (month and day may overflow, as in Date.UTC). */
function midnight(year: number, month: number, day: number): number {
  return Date.UTC(year, month, day) - OFFSET_MS;
}

function label(instant: number, withDay: boolean): string {
  return new Date(instant + OFFSET_MS).toISOString().slice(0, withDay ? 10 : 7);
}

function buckets(starts: number[], withDay: boolean, end: number): Bucket[] {
  return starts.map((start, i) => ({ label: label(start, withDay), start: new Date(start).toISOString(), end: new Date(starts[i + 1] ?? end).toISOString() }));
}

export function dashboardPeriods(now: Date): DashboardPeriods {
  const today = local(now);
  const dayStarts = Array.from({ length: CHART_DAYS }, (_, i) => midnight(today.year, today.month, today.day - (CHART_DAYS - 1 - i)));
  const monday = today.day - ((today.weekday + 6) % 7);
  const weekStarts = Array.from({ length: CHART_WEEKS }, (_, i) => midnight(today.year, today.month, monday - 7 * (CHART_WEEKS - 1 - i)));
  const monthStarts = Array.from({ length: CHART_MONTHS }, (_, i) => midnight(today.year, today.month - (CHART_MONTHS - 1 - i), 1));
  return {
    at: now.toISOString(),
    days: buckets(dayStarts, true, midnight(today.year, today.month, today.day + 1)),
    weeks: buckets(weekStarts, true, midnight(today.year, today.month, monday + 7)),
    months: buckets(monthStarts, false, midnight(today.year, today.month + 1, 1)),
  };
}

/**
 * A series with a value for every bucket: `found` maps a bucket's number (1 = the first, the
 * oldest) to its value; the buckets without one get `zero`.
 */
export function fillSeries<T>(series: readonly Bucket[], found: ReadonlyMap<number, T>, zero: T): { label: string; value: T }[] {
  return series.map((bucket, i) => ({ label: bucket.label, value: found.get(i + 1) ?? zero }));
}

export interface PlanPrices {
  id: string;
  monthlyPrice: number;
  yearlyPrice: number;
}

export interface SubscriptionCount {
  status: string;
  planId: string;
  cycle: string | null;
  count: number;
}

/**
 * Monthly recurring revenue, whole FCFA: every active subscription's monthly price, a yearly one
 * counted as its yearly price / 12; the sum rounded once. Trials, past due, suspended and
 * cancelled subscriptions bring nothing; an unknown plan neither.
 */
export function monthlyRecurringRevenue(counts: readonly SubscriptionCount[], plans: readonly PlanPrices[]): number {
  const byId = new Map(plans.map((plan) => [plan.id, plan]));
  let total = 0;
  for (const row of counts) {
    const plan = byId.get(row.planId);
    if (row.status !== 'active' || !plan) continue;
    total += row.count * (row.cycle === 'yearly' ? plan.yearlyPrice / 12 : plan.monthlyPrice);
  }
  return Math.round(total);
}
