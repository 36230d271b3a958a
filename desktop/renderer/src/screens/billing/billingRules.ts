/**
 * The billing screens' pure rules: which banner a subscription calls for, what each plan's button
 * does for the workshop's current subscription, and whether a checkout has settled. No React, no
 * host: tested on their own (billingRules.test.ts).
 */
import { canManageTeam, type Role } from '../../../../../shared/domain/roleTable.js';
import { isPaidPlan, priceOf, type BillingCycle, type SubscriptionStatus } from '../../../../../shared/billing/plans.js';

/** The subscription as the banner and the screen read it (the synced row's fields they need). */
export interface SubscriptionFacts {
  status: SubscriptionStatus;
  planId: string;
  cycle: BillingCycle | null;
  trialEndsAt: string | null;
  currentPeriodEnd: string | null;
  graceEndsAt: string | null;
  pendingPlanId: string | null;
}

export type Banner =
  | { kind: 'trial'; daysLeft: number; endsAt: string }
  | { kind: 'past_due'; payBefore: string | null }
  | { kind: 'suspended' }
  | { kind: 'cancelled' };

const DAY_MS = 86_400_000;

/** Whole days from `now` to `iso`, rounded up (a trial ending in 3 h has 1 day left), never below 0. */
export function daysUntil(iso: string, now: Date): number {
  const ms = Date.parse(iso) - now.getTime();
  if (!Number.isFinite(ms) || ms <= 0) return 0;
  return Math.ceil(ms / DAY_MS);
}

/** The banner a subscription calls for; null when all is well (active) or not known yet. */
export function bannerFor(sub: SubscriptionFacts | null | undefined, now: Date): Banner | null {
  if (!sub) return null;
  switch (sub.status) {
    case 'trial':
      return sub.trialEndsAt ? { kind: 'trial', daysLeft: daysUntil(sub.trialEndsAt, now), endsAt: sub.trialEndsAt } : null;
    case 'past_due':
      return { kind: 'past_due', payBefore: sub.graceEndsAt };
    case 'suspended':
      return { kind: 'suspended' };
    case 'cancelled':
      return { kind: 'cancelled' };
    case 'active':
      return null;
  }
}

/**
 * Who pays and changes the plan: the owner (the cloud's billing routes are `access: 'owner'`),
 * the role table's own say on managing the workshop's members.
 */
export function canManageBilling(role: Role): boolean {
  return canManageTeam(role);
}

export interface PlanPrice {
  id: string;
  monthlyPrice: number;
  yearlyPrice: number;
}

/**
 * What a plan's button does, for the current subscription and the cycle chosen:
 * - `subscribe`: a checkout (trial, past due, suspended, cancelled: pay for a plan);
 * - `renew`: a checkout of the current plan (active: pay the next period ahead);
 * - `upgrade`: a checkout of the prorated difference, at once (a dearer plan while active);
 * - `downgrade`: a change at the period's end (a cheaper paid plan while active), no payment;
 * - `cancel`: the free plan, at the period's end (active on a paid plan) or the trial's;
 * - `none`: nothing to do (the free plan when already free or unpaid, the change already planned).
 */
export type PlanAction = 'subscribe' | 'renew' | 'upgrade' | 'downgrade' | 'cancel' | 'none';

export function planAction(sub: SubscriptionFacts | null | undefined, plan: PlanPrice, current: PlanPrice | undefined, cycle: BillingCycle): PlanAction {
  const paid = isPaidPlan(plan);
  if (!sub) return 'none';
  // A trial may be cancelled ahead (the free plan at its end, no past due after it).
  if (sub.status === 'trial' && !paid) return sub.pendingPlanId === plan.id ? 'none' : 'cancel';
  if (sub.status !== 'active') return paid ? 'subscribe' : 'none';
  if (!current || !isPaidPlan(current)) return paid ? 'subscribe' : 'none';
  if (!paid) return sub.pendingPlanId === plan.id ? 'none' : 'cancel';
  if (plan.id === current.id) return 'renew';
  if (sub.pendingPlanId === plan.id) return 'none';
  const dearer = priceOf(plan, cycle) > priceOf(current, sub.cycle ?? cycle);
  return dearer ? 'upgrade' : 'downgrade';
}

export type CheckoutOutcome = 'waiting' | 'paid' | 'failed';

/** A checkout's status (cloud/billing/paymentSchemas.ts): pending waits; paid; declined, failed or mismatch did not go through. */
export function checkoutOutcome(status: string): CheckoutOutcome {
  if (status === 'pending') return 'waiting';
  return status === 'paid' ? 'paid' : 'failed';
}

/** A use against its limit, for a meter: the fraction used (capped at 1) and whether it is over. */
export function meter(used: number, allowed: number): { fraction: number; over: boolean } {
  if (allowed <= 0) return { fraction: used > 0 ? 1 : 0, over: used > 0 };
  return { fraction: Math.min(1, used / allowed), over: used > allowed };
}
