/**
 * What a checkout sells, for how much, and what the payment does once FedaPay confirms it.
 *
 * - During the trial, or when past due, suspended, cancelled or on the free plan: a plan at its
 *   full price. Bought during the trial, the period starts when the trial ends (no trial day lost);
 *   otherwise at the payment.
 * - Active on a paid plan: the same plan again is a renewal at its full price (any cycle), the new
 *   period starting when the current one ends; a dearer plan is an upgrade at once (proration.ts);
 *   a cheaper one is not sold: it is a change at the period's end (`scheduleChange`).
 * - A credit pack is its price, and changes nothing but the credits.
 */
import { FREE_PLAN_ID, priceOf, type BillingCycle, type Plan } from './plans.js';
import { periodEnd } from './periods.js';
import type { SubscriptionState } from './lifecycle.js';
import { upgradeAmount } from './proration.js';

export type PlanPurchase =
  | { kind: 'plan'; planId: string; cycle: BillingCycle; amount: number }
  | { kind: 'renewal'; planId: string; cycle: BillingCycle; amount: number }
  | { kind: 'upgrade'; planId: string; cycle: BillingCycle; amount: number };

export type QuoteRefusal = 'unknown_plan' | 'free_plan_not_sold' | 'downgrade_at_period_end';

export type Quote = { ok: true; purchase: PlanPurchase } | { ok: false; code: QuoteRefusal };

function hasPaidPeriod(state: SubscriptionState, now: Date): boolean {
  return state.status === 'active' && state.planId !== FREE_PLAN_ID && state.currentPeriodEnd !== null && Date.parse(state.currentPeriodEnd) > now.getTime();
}

/** What buying `planId` on `cycle` means for this subscription now, and its price in whole FCFA. */
export function quotePlan(state: SubscriptionState, plans: readonly Plan[], planId: string, cycle: BillingCycle, now: Date): Quote {
  const plan = plans.find((p) => p.id === planId);
  if (!plan) return { ok: false, code: 'unknown_plan' };
  if (priceOf(plan, cycle) <= 0) return { ok: false, code: 'free_plan_not_sold' };
  if (!hasPaidPeriod(state, now)) return { ok: true, purchase: { kind: 'plan', planId, cycle, amount: priceOf(plan, cycle) } };
  if (planId === state.planId) return { ok: true, purchase: { kind: 'renewal', planId, cycle, amount: priceOf(plan, cycle) } };
  const current = plans.find((p) => p.id === state.planId);
  const currentCycle = state.cycle ?? cycle;
  if (current && priceOf(plan, currentCycle) <= priceOf(current, currentCycle)) return { ok: false, code: 'downgrade_at_period_end' };
  // An upgrade keeps the current cycle and period end; the price is the difference for the days left.
  return { ok: true, purchase: { kind: 'upgrade', planId, cycle: currentCycle, amount: upgradeAmount(state, current ?? null, plan, now) } };
}

/** The subscription once a confirmed payment for `purchase` takes effect at `now`. */
export function applyPurchase(state: SubscriptionState, purchase: PlanPurchase, now: Date): SubscriptionState {
  const tz = state.timezone;
  const at = now.toISOString();
  if (purchase.kind === 'upgrade' && hasPaidPeriod(state, now)) {
    return { ...state, planId: purchase.planId, pendingPlanId: null, pendingCycle: null };
  }
  if (purchase.kind === 'renewal' && hasPaidPeriod(state, now)) {
    // The paid time grows by one cycle from the current end; the period keeps its start (its month starts go on).
    return { ...state, cycle: purchase.cycle, currentPeriodEnd: periodEnd(state.currentPeriodEnd!, purchase.cycle, tz), graceEndsAt: null, pendingPlanId: null, pendingCycle: null };
  }
  let start = at;
  if (state.status === 'trial' && state.trialEndsAt && Date.parse(state.trialEndsAt) > now.getTime()) start = state.trialEndsAt;
  return {
    ...state,
    status: 'active',
    planId: purchase.planId,
    cycle: purchase.cycle,
    periodStart: start,
    currentPeriodEnd: periodEnd(start, purchase.cycle, tz),
    graceEndsAt: null,
    pendingPlanId: null,
    pendingCycle: null,
  };
}

export type ChangeRefusal = 'unknown_plan' | 'free_plan_not_sold' | 'upgrade_is_paid' | 'nothing_to_change' | 'no_period_to_change';
export type CancelRefusal = 'nothing_to_cancel' | 'cancel_unpaid';
export type Scheduled<R> = { ok: true; next: SubscriptionState; plan: Plan } | { ok: false; code: R };

/** What a change waits for: the trial's end, or the paid period's. Null: no period runs. */
export function changeEffectiveAt(state: SubscriptionState, now: Date): string | null {
  if (state.status === 'trial' && state.trialEndsAt && Date.parse(state.trialEndsAt) > now.getTime()) return state.trialEndsAt;
  if (hasPaidPeriod(state, now)) return state.currentPeriodEnd;
  return null;
}

/**
 * A cheaper plan, or the same plan on another cycle, from the end of the trial or of the paid
 * period (`pendingPlanId`/`pendingCycle`; the lifecycle makes the move then). A dearer plan is an
 * upgrade, paid now (`quotePlan`); the free plan is a cancel (`scheduleCancel`). The caller checks
 * the workshop's use against the plan's limits (limits.ts).
 */
export function scheduleChange(state: SubscriptionState, plans: readonly Plan[], planId: string, cycle: BillingCycle, now: Date): Scheduled<ChangeRefusal> {
  const plan = plans.find((p) => p.id === planId);
  if (!plan) return { ok: false, code: 'unknown_plan' };
  if (priceOf(plan, cycle) <= 0) return { ok: false, code: 'free_plan_not_sold' };
  if (changeEffectiveAt(state, now) === null) return { ok: false, code: 'no_period_to_change' };
  if (state.status === 'active') {
    const current = plans.find((p) => p.id === state.planId);
    const currentCycle = state.cycle ?? cycle;
    if (planId === state.planId && cycle === currentCycle) return { ok: false, code: 'nothing_to_change' };
    if (planId !== state.planId && current && priceOf(plan, currentCycle) > priceOf(current, currentCycle)) return { ok: false, code: 'upgrade_is_paid' };
  }
  return { ok: true, plan, next: { ...state, pendingPlanId: planId, pendingCycle: cycle } };
}

/** The free plan from the end of the trial or of the paid period (nothing is deleted then). */
export function scheduleCancel(state: SubscriptionState, plans: readonly Plan[], now: Date): Scheduled<CancelRefusal> {
  const free = plans.find((p) => p.id === FREE_PLAN_ID);
  if (state.status === 'cancelled' || state.planId === FREE_PLAN_ID || !free) return { ok: false, code: 'nothing_to_cancel' };
  if (state.pendingPlanId === FREE_PLAN_ID) return { ok: false, code: 'nothing_to_cancel' };
  if (changeEffectiveAt(state, now) === null) return { ok: false, code: 'cancel_unpaid' };
  return { ok: true, plan: free, next: { ...state, pendingPlanId: FREE_PLAN_ID, pendingCycle: null } };
}

/** Undoes the change planned for the period's end; null when none is. */
export function undoChange(state: SubscriptionState): SubscriptionState | null {
  if (state.pendingPlanId === null && state.pendingCycle === null) return null;
  return { ...state, pendingPlanId: null, pendingCycle: null };
}
