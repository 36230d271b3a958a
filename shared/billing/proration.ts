/**
 * The price of an upgrade in the middle of a paid period, in whole FCFA. The rule:
 *
 *   days left  = local days from today (counted) — or from the period's start when it has not
 *                begun (a period bought during the trial) — to the paid time's end date (not counted)
 *   cycle days = local days of the one cycle that ends then (28–31 for a month, 365/366 for a year)
 *   amount     = ⌈ (new plan's price − current plan's price, same cycle) × days left ÷ cycle days ⌉
 *
 * rounded UP to the next whole franc (XOF has no smaller unit, and the workshop gets the new plan
 * for the whole of today), and never below MINIMUM_CHARGE (FedaPay's smallest transaction). The
 * period's end does not move. Integer arithmetic only: no floating-point rounding can creep in.
 */
import { MINIMUM_CHARGE, priceOf, type Plan } from './plans.js';
import type { SubscriptionState } from './lifecycle.js';
import { cycleDaysEndingAt, localDaysBetween } from './periods.js';

/** Days left may exceed one cycle (a renewal paid ahead): the difference is then owed for each day. */
export function prorate(difference: number, daysLeft: number, cycleDays: number): number {
  if (!Number.isSafeInteger(difference) || !Number.isSafeInteger(daysLeft) || !Number.isSafeInteger(cycleDays) || cycleDays <= 0) {
    throw new RangeError(`prorate: whole numbers and a positive cycle, not ${difference}, ${daysLeft}, ${cycleDays}`);
  }
  const exact = Math.max(difference, 0) * Math.max(daysLeft, 0);
  const rounded = Math.floor((exact + cycleDays - 1) / cycleDays);
  return Math.max(rounded, MINIMUM_CHARGE);
}

export function upgradeAmount(state: SubscriptionState, current: Plan | null, target: Plan, now: Date): number {
  const cycle = state.cycle ?? 'monthly';
  const tz = state.timezone;
  const end = state.currentPeriodEnd ?? now.toISOString();
  const difference = priceOf(target, cycle) - (current ? priceOf(current, cycle) : 0);
  // A period bought during the trial starts when the trial ends: the trial's days left are free, not owed.
  const from = state.periodStart && Date.parse(state.periodStart) > now.getTime() ? state.periodStart : now;
  return prorate(difference, localDaysBetween(from, end, tz), cycleDaysEndingAt(end, cycle, tz));
}
