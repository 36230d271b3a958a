/**
 * What an admin may do to a workshop's subscription (DESIGN "Admin portal"), as pure functions of
 * its state at `now`, each giving the next state or the reason it is refused. The cloud saves the
 * next state with billing's one write (saveSubscription), so the workshop's devices receive it by
 * sync and the directory follows; the sweep (shared/billing/lifecycle.ts) carries on from there.
 *
 * - suspend: status `suspended`, everything else kept (dates, plan, pending change).
 * - restore: back to `active` while a paid period runs, else to `trial` while the trial runs,
 *   else `past_due` with a fresh grace period from today (the sweep suspends again if still
 *   unpaid), or `cancelled` on the free plan.
 * - extendTrial: the trial's end moved `days` local days after the later of now and its end; a
 *   workshop whose trial ended unpaid (past_due, suspended) is on trial again, and one back on the
 *   free plan (cancelled) gets a new trial of the trial's plan. Never while a paid period runs
 *   (the trial would change nothing paid for).
 * - changePlan: another plan of the catalogue, status and dates kept; the free plan means
 *   `cancelled`, as a cancel at a period's end does.
 */
import { addDays } from '../domain/calendar.js';
import type { SubscriptionState } from '../billing/lifecycle.js';
import { graceEnd, localDate, localMidnight } from '../billing/periods.js';
import { FREE_PLAN_ID, TRIAL_PLAN_ID, type Plan } from '../billing/plans.js';

/** Days an admin may add to a trial at once. */
export const TRIAL_EXTENSION_MIN_DAYS = 1;
export const TRIAL_EXTENSION_MAX_DAYS = 90;

export type SubscriptionActionRefusal =
  | 'already_suspended'
  | 'not_suspended'
  | 'paid_period_running'
  | 'trial_not_extendable'
  | 'invalid_trial_days'
  | 'unknown_plan'
  | 'same_plan'
  | 'cancelled_needs_payment';

export type SubscriptionActionResult = { ok: true; next: SubscriptionState } | { ok: false; code: SubscriptionActionRefusal };

const refuse = (code: SubscriptionActionRefusal): SubscriptionActionResult => ({ ok: false, code });
const accept = (next: SubscriptionState): SubscriptionActionResult => ({ ok: true, next });

/** Whether a paid period (not the free plan's) is still running at `now`. */
export function paidPeriodRunning(state: SubscriptionState, now: Date): boolean {
  return state.planId !== FREE_PLAN_ID && state.currentPeriodEnd !== null && Date.parse(state.currentPeriodEnd) > now.getTime();
}

function trialRunning(state: SubscriptionState, now: Date): boolean {
  return state.trialEndsAt !== null && Date.parse(state.trialEndsAt) > now.getTime();
}

function onFreePlan(state: SubscriptionState): SubscriptionState {
  return { ...state, status: 'cancelled', planId: FREE_PLAN_ID, cycle: null, periodStart: null, currentPeriodEnd: null, graceEndsAt: null, pendingPlanId: null, pendingCycle: null };
}

export function suspend(state: SubscriptionState): SubscriptionActionResult {
  if (state.status === 'suspended') return refuse('already_suspended');
  return accept({ ...state, status: 'suspended' });
}

export function restore(state: SubscriptionState, now: Date): SubscriptionActionResult {
  if (state.status !== 'suspended') return refuse('not_suspended');
  if (paidPeriodRunning(state, now)) return accept({ ...state, status: 'active', graceEndsAt: null });
  if (trialRunning(state, now)) return accept({ ...state, status: 'trial', graceEndsAt: null });
  if (state.planId === FREE_PLAN_ID) return accept(onFreePlan(state));
  return accept({ ...state, status: 'past_due', graceEndsAt: graceEnd(now.toISOString(), state.timezone) });
}

export function extendTrial(state: SubscriptionState, days: number, now: Date): SubscriptionActionResult {
  if (!Number.isInteger(days) || days < TRIAL_EXTENSION_MIN_DAYS || days > TRIAL_EXTENSION_MAX_DAYS) return refuse('invalid_trial_days');
  if (paidPeriodRunning(state, now)) return refuse('paid_period_running');
  if (state.status === 'active') return refuse('trial_not_extendable');
  const from = state.trialEndsAt !== null && Date.parse(state.trialEndsAt) > now.getTime() ? state.trialEndsAt : now.toISOString();
  const trialEndsAt = localMidnight(addDays(localDate(from, state.timezone), days), state.timezone);
  // A workshop back on the free plan gets a new trial of the trial's plan, as at signup.
  if (state.status === 'cancelled') return accept({ ...state, status: 'trial', planId: state.planId === FREE_PLAN_ID ? TRIAL_PLAN_ID : state.planId, cycle: null, trialEndsAt, graceEndsAt: null, pendingPlanId: null, pendingCycle: null });
  return accept({ ...state, status: 'trial', trialEndsAt, graceEndsAt: null });
}

export function changePlan(state: SubscriptionState, planId: string, plans: readonly Pick<Plan, 'id'>[]): SubscriptionActionResult {
  if (!plans.some((plan) => plan.id === planId)) return refuse('unknown_plan');
  if (planId === state.planId) return refuse('same_plan');
  if (planId === FREE_PLAN_ID) return accept(onFreePlan(state));
  // A workshop on the free plan has no period or trial for a paid plan to run in: it pays, or gets a trial.
  if (state.status === 'cancelled') return refuse('cancelled_needs_payment');
  const pending = state.pendingPlanId === planId ? { pendingPlanId: null, pendingCycle: null } : {};
  return accept({ ...state, planId, ...pending });
}
