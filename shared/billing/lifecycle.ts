/**
 * A subscription's life (DESIGN "Subscriptions"), as pure functions of its state and the time,
 * used by the cloud's sweep, checkout and webhook, and by the app to explain what comes next:
 *
 *   trial ──(trial ends unpaid)──> past_due ──(grace period ends)──> suspended
 *     │                               │                                  │
 *     └──── a payment ────────> active <──────────── a payment ──────────┘
 *                                 │  └─(period ends unpaid)──> past_due
 *                                 └─(period ends, cancel asked)──> cancelled (free plan)
 *
 * Every boundary is a local midnight of the workshop (periods.ts). A downgrade or a cancel asked
 * during a period takes effect at its end (`pendingPlanId`); an upgrade at once (proration.ts).
 * Suspended and cancelled workshops keep the free plan's limits: their data and sync stay.
 */
import { FREE_PLAN_ID, type BillingCycle, type SubscriptionStatus } from './plans.js';
import { graceEnd, monthStartsBetween, reminderAt } from './periods.js';

export interface SubscriptionState {
  status: SubscriptionStatus;
  planId: string;
  /** The paid period's cycle; null during the trial and on the free plan. */
  cycle: BillingCycle | null;
  trialEndsAt: string | null;
  periodStart: string | null;
  currentPeriodEnd: string | null;
  /** When a `past_due` subscription is suspended. */
  graceEndsAt: string | null;
  /** The plan (and cycle) the subscription moves to at the end of the period: a downgrade, or the free plan for a cancel. */
  pendingPlanId: string | null;
  pendingCycle: BillingCycle | null;
  timezone: string;
}

/**
 * `change_postponed`: a change asked for the period's end (a cheaper plan) could not be made
 * because the workshop is still over the new plan's limits; the current plan stays (past due).
 */
export type NoticeKind = 'trial_ending' | 'period_ending' | 'past_due' | 'suspended' | 'change_postponed';

/** A reminder to the owner, once per key (the key names the period it is about). */
export interface DueNotice {
  kind: NoticeKind;
  key: string;
}

export interface DueTransition {
  from: SubscriptionStatus;
  next: SubscriptionState;
  notice: DueNotice | null;
}

/** The status change due at `now`, if any (one step: a sweep applies them one by one). */
export function dueTransition(state: SubscriptionState, now: Date): DueTransition | null {
  const at = now.getTime();
  const passed = (instant: string | null) => instant !== null && Date.parse(instant) <= at;
  const tz = state.timezone;
  if (state.status === 'trial' && passed(state.trialEndsAt)) {
    const end = state.trialEndsAt!;
    if (state.pendingPlanId === FREE_PLAN_ID) return { from: 'trial', next: toFree(state, 'cancelled'), notice: null };
    const next: SubscriptionState = { ...state, status: 'past_due', graceEndsAt: graceEnd(end, tz), planId: state.pendingPlanId ?? state.planId, cycle: state.pendingCycle ?? state.cycle, pendingPlanId: null, pendingCycle: null };
    return { from: 'trial', next, notice: { kind: 'past_due', key: `past_due:${end}` } };
  }
  if (state.status === 'active' && state.currentPeriodEnd !== null && passed(state.currentPeriodEnd)) {
    const end = state.currentPeriodEnd;
    if (state.pendingPlanId === FREE_PLAN_ID) return { from: 'active', next: toFree(state, 'cancelled'), notice: null };
    const next: SubscriptionState = { ...state, status: 'past_due', graceEndsAt: graceEnd(end, tz), planId: state.pendingPlanId ?? state.planId, cycle: state.pendingCycle ?? state.cycle, pendingPlanId: null, pendingCycle: null };
    return { from: 'active', next, notice: { kind: 'past_due', key: `past_due:${end}` } };
  }
  if (state.status === 'past_due' && passed(state.graceEndsAt)) {
    return { from: 'past_due', next: { ...state, status: 'suspended' }, notice: { kind: 'suspended', key: `suspended:${state.graceEndsAt}` } };
  }
  return null;
}

function toFree(state: SubscriptionState, status: SubscriptionStatus): SubscriptionState {
  return { ...state, status, planId: FREE_PLAN_ID, cycle: null, periodStart: null, currentPeriodEnd: null, graceEndsAt: null, pendingPlanId: null, pendingCycle: null };
}

/** The "ends soon" reminder due at `now` (3 days before a trial's or an unrenewed period's end). */
export function dueReminder(state: SubscriptionState, now: Date): DueNotice | null {
  const at = now.getTime();
  const end = state.status === 'trial' ? state.trialEndsAt : state.status === 'active' ? state.currentPeriodEnd : null;
  if (end === null || state.pendingPlanId === FREE_PLAN_ID) return null;
  if (Date.parse(reminderAt(end, state.timezone)) <= at && at < Date.parse(end)) {
    return { kind: state.status === 'trial' ? 'trial_ending' : 'period_ending', key: `${state.status === 'trial' ? 'trial_ending' : 'period_ending'}:${end}` };
  }
  return null;
}

/**
 * When the sweep must look at this subscription again: the next reminder, transition or monthly
 * credit grant strictly after `now` (null: nothing will ever happen by itself).
 */
export function nextCheckAt(state: SubscriptionState, now: Date): string | null {
  const at = now.getTime();
  const candidates: string[] = [];
  const end = state.status === 'trial' ? state.trialEndsAt : state.status === 'active' ? state.currentPeriodEnd : state.status === 'past_due' ? state.graceEndsAt : null;
  if (end !== null) {
    candidates.push(end);
    if (state.status !== 'past_due') candidates.push(reminderAt(end, state.timezone));
  }
  const future = candidates.filter((c) => Date.parse(c) > at);
  // A month start at `now` itself counts: a period paid now starts now, and its first month's
  // credits are granted by the next sweep (a sweep running at that very instant grants it too).
  const grant = nextMonthlyGrant(state, now);
  if (grant) future.push(grant.at);
  future.sort((a, b) => Date.parse(a) - Date.parse(b));
  return future[0] ?? null;
}

/** The month starts of a paid period: its start, then each monthly anniversary before its end. */
export function monthStarts(state: Pick<SubscriptionState, 'periodStart' | 'currentPeriodEnd' | 'timezone'>): readonly string[] {
  if (!state.periodStart) return [];
  if (!state.currentPeriodEnd) return [state.periodStart];
  // Kept: the sweep asks three times per subscription, and many periods share their dates.
  const key = `${state.periodStart} ${state.currentPeriodEnd} ${state.timezone}`;
  let starts = knownMonthStarts.get(key);
  if (!starts) {
    starts = Object.freeze(monthStartsBetween(state.periodStart, state.currentPeriodEnd, state.timezone));
    if (knownMonthStarts.size >= 10_000) knownMonthStarts.clear();
    knownMonthStarts.set(key, starts);
  }
  return starts;
}

const knownMonthStarts = new Map<string, readonly string[]>();

/** The monthly SMS credits of an active paid period due at `now` and not yet after it: one key per month. */
export function dueMonthlyGrants(state: SubscriptionState, now: Date): { key: string; at: string }[] {
  if (state.status !== 'active' || state.planId === FREE_PLAN_ID) return [];
  return monthStarts(state)
    .filter((start) => Date.parse(start) <= now.getTime())
    .map((start) => ({ key: `monthly:${state.periodStart}:${start}`, at: start }));
}

function nextMonthlyGrant(state: SubscriptionState, now: Date): { at: string } | null {
  if (state.status !== 'active' || state.planId === FREE_PLAN_ID) return null;
  const next = monthStarts(state).find((start) => Date.parse(start) >= now.getTime());
  return next ? { at: next } : null;
}
