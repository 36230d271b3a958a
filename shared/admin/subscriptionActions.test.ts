import { describe, expect, it } from 'vitest';
import type { SubscriptionState } from '../billing/lifecycle.js';
import { dueTransition } from '../billing/lifecycle.js';
import { localDate, localMidnight } from '../billing/periods.js';
import { addDays } from '../domain/calendar.js';
import { DEFAULT_PLANS } from '../billing/plans.js';
import { changePlan, extendTrial, paidPeriodRunning, restore, suspend } from './subscriptionActions.js';

const TZ = 'Africa/Porto-Novo';
const NOW = new Date('2036-03-10T10:00:00Z');

const trial: SubscriptionState = {
  status: 'trial',
  planId: 'atelier',
  cycle: null,
  trialEndsAt: localMidnight('2036-03-20', TZ),
  periodStart: null,
  currentPeriodEnd: null,
  graceEndsAt: null,
  pendingPlanId: null,
  pendingCycle: null,
  timezone: TZ,
};
const active: SubscriptionState = { ...trial, status: 'active', planId: 'solo', cycle: 'monthly', trialEndsAt: localMidnight('2036-02-01', TZ), periodStart: localMidnight('2036-03-01', TZ), currentPeriodEnd: localMidnight('2036-04-01', TZ) };
const pastDue: SubscriptionState = { ...trial, status: 'past_due', trialEndsAt: localMidnight('2036-03-05', TZ), graceEndsAt: localMidnight('2036-03-12', TZ) };
const cancelled: SubscriptionState = { ...trial, status: 'cancelled', planId: 'gratuit', trialEndsAt: localMidnight('2036-01-05', TZ) };

const next = (result: ReturnType<typeof suspend>) => {
  if (!result.ok) throw new Error(`refused: ${result.code}`);
  return result.next;
};

describe('suspend', () => {
  it('sets the status only, and refuses a workshop already suspended', () => {
    expect(next(suspend(active))).toEqual({ ...active, status: 'suspended' });
    expect(next(suspend(trial))).toEqual({ ...trial, status: 'suspended' });
    expect(suspend({ ...active, status: 'suspended' })).toEqual({ ok: false, code: 'already_suspended' });
  });
});

describe('restore', () => {
  it('refuses a workshop that is not suspended', () => {
    for (const state of [trial, active, pastDue, cancelled]) expect(restore(state, NOW)).toEqual({ ok: false, code: 'not_suspended' });
  });

  it('gives back a running paid period, else a running trial', () => {
    expect(next(restore(next(suspend(active)), NOW))).toEqual(active);
    expect(next(restore(next(suspend(trial)), NOW))).toEqual(trial);
  });

  it('after the paid time: past due with a fresh grace period from today, which the sweep then ends', () => {
    const suspended = { ...pastDue, status: 'suspended' as const };
    const restored = next(restore(suspended, NOW));
    expect(restored).toEqual({ ...pastDue, graceEndsAt: localMidnight('2036-03-17', TZ) });
    expect(dueTransition(restored, new Date('2036-03-16T22:00:00Z'))).toBeNull();
    expect(dueTransition(restored, new Date('2036-03-16T23:00:00Z'))?.next.status).toBe('suspended');
  });

  it('on the free plan: cancelled, as the free plan always is', () => {
    expect(next(restore({ ...cancelled, status: 'suspended' }, NOW))).toEqual(cancelled);
  });

  it('a paid period that ended while suspended does not count', () => {
    const ended = { ...active, status: 'suspended' as const, currentPeriodEnd: localMidnight('2036-03-09', TZ) };
    expect(next(restore(ended, NOW)).status).toBe('past_due');
  });
});

describe('extendTrial', () => {
  it('adds local days to a running trial’s end', () => {
    expect(next(extendTrial(trial, 10, NOW))).toEqual({ ...trial, trialEndsAt: localMidnight('2036-03-30', TZ) });
  });

  it('puts a workshop whose trial ended unpaid back on trial, counted from today', () => {
    expect(next(extendTrial(pastDue, 7, NOW))).toEqual({ ...pastDue, status: 'trial', graceEndsAt: null, trialEndsAt: localMidnight('2036-03-17', TZ) });
    expect(next(extendTrial({ ...pastDue, status: 'suspended' }, 1, NOW))).toMatchObject({ status: 'trial', trialEndsAt: localMidnight('2036-03-11', TZ) });
  });

  it('refuses while a paid period runs, on the free plan, and outside 1 to 90 days', () => {
    expect(extendTrial(active, 5, NOW)).toEqual({ ok: false, code: 'paid_period_running' });
    expect(extendTrial({ ...active, status: 'suspended' }, 5, NOW)).toEqual({ ok: false, code: 'paid_period_running' });
    // A workshop back on the free plan gets a new trial of the trial's plan.
    expect(next(extendTrial(cancelled, 5, NOW))).toEqual({ ...cancelled, status: 'trial', planId: 'atelier', cycle: null, trialEndsAt: localMidnight(addDays(localDate(NOW.toISOString(), TZ), 5), TZ), graceEndsAt: null, pendingPlanId: null, pendingCycle: null });
    for (const days of [0, 91, 2.5, -1, Number.NaN]) expect(extendTrial(trial, days, NOW)).toEqual({ ok: false, code: 'invalid_trial_days' });
    expect(next(extendTrial(trial, 90, NOW)).trialEndsAt).toBe(localMidnight('2036-06-18', TZ));
  });
});

describe('changePlan', () => {
  it('keeps the status and the dates', () => {
    expect(next(changePlan(active, 'maison', DEFAULT_PLANS))).toEqual({ ...active, planId: 'maison' });
    expect(next(changePlan(trial, 'solo', DEFAULT_PLANS))).toEqual({ ...trial, planId: 'solo' });
  });

  it('clears a pending change to the plan now given', () => {
    expect(next(changePlan({ ...active, pendingPlanId: 'maison', pendingCycle: 'yearly' }, 'maison', DEFAULT_PLANS))).toEqual({ ...active, planId: 'maison' });
  });

  it('to the free plan: cancelled, without period', () => {
    expect(next(changePlan(active, 'gratuit', DEFAULT_PLANS))).toEqual({ ...active, status: 'cancelled', planId: 'gratuit', cycle: null, periodStart: null, currentPeriodEnd: null });
  });

  it('refuses an unknown plan, the same plan, and a paid plan for a workshop on the free plan', () => {
    expect(changePlan(active, 'platine', DEFAULT_PLANS)).toEqual({ ok: false, code: 'unknown_plan' });
    expect(changePlan(active, 'solo', DEFAULT_PLANS)).toEqual({ ok: false, code: 'same_plan' });
    expect(changePlan(cancelled, 'solo', DEFAULT_PLANS)).toEqual({ ok: false, code: 'cancelled_needs_payment' });
  });
});

describe('paidPeriodRunning', () => {
  it('is a paid plan’s period not yet ended', () => {
    expect(paidPeriodRunning(active, NOW)).toBe(true);
    expect(paidPeriodRunning(active, new Date(active.currentPeriodEnd!))).toBe(false);
    expect(paidPeriodRunning(trial, NOW)).toBe(false);
  });
});
