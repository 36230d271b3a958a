/**
 * The billing screens' rules: the banner each status calls for (days of trial rounded up, none
 * when active), what each plan's button does for the current subscription, a checkout's outcome
 * from the cloud's statuses, and the use meters.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANS } from '../../../../../shared/billing/plans.js';
import { CHECKOUT_STATUSES } from '../../../../../cloud/billing/paymentSchemas.js';
import { bannerFor, canManageBilling, checkoutOutcome, daysUntil, meter, planAction, type SubscriptionFacts } from './billingRules.js';

const NOW = new Date('2026-12-03T15:00:00.000Z');
const base: SubscriptionFacts = { status: 'active', planId: 'atelier', cycle: 'monthly', trialEndsAt: null, currentPeriodEnd: '2027-01-03T23:00:00.000Z', graceEndsAt: null, pendingPlanId: null };
const plan = (id: string) => DEFAULT_PLANS.find((p) => p.id === id)!;

describe('the banner', () => {
  it('trial: the days left, rounded up; an ended trial has 0', () => {
    expect(bannerFor({ ...base, status: 'trial', trialEndsAt: '2026-12-16T23:00:00.000Z' }, NOW)).toEqual({ kind: 'trial', daysLeft: 14, endsAt: '2026-12-16T23:00:00.000Z' });
    expect(daysUntil('2026-12-03T18:00:00.000Z', NOW)).toBe(1);
    expect(daysUntil('2026-12-03T14:59:59.000Z', NOW)).toBe(0);
    expect(daysUntil('not a date', NOW)).toBe(0);
  });
  it('past due: pay before the end of the grace; suspended; cancelled; none when active or unknown', () => {
    expect(bannerFor({ ...base, status: 'past_due', graceEndsAt: '2026-12-10T23:00:00.000Z' }, NOW)).toEqual({ kind: 'past_due', payBefore: '2026-12-10T23:00:00.000Z' });
    expect(bannerFor({ ...base, status: 'suspended' }, NOW)).toEqual({ kind: 'suspended' });
    expect(bannerFor({ ...base, status: 'cancelled' }, NOW)).toEqual({ kind: 'cancelled' });
    expect(bannerFor(base, NOW)).toBeNull();
    expect(bannerFor(null, NOW)).toBeNull();
  });
});

describe('who pays', () => {
  it('the owner only', () => {
    expect([canManageBilling('owner'), canManageBilling('staff'), canManageBilling('viewer')]).toEqual([true, false, false]);
  });
});

describe('what a plan’s button does', () => {
  it('unpaid (trial, past due, suspended, cancelled): every paid plan is a checkout, the free one nothing', () => {
    for (const status of ['trial', 'past_due', 'suspended', 'cancelled'] as const) {
      const sub = { ...base, status };
      expect(planAction(sub, plan('solo'), plan('atelier'), 'monthly')).toBe('subscribe');
      expect(planAction(sub, plan('maison'), plan('atelier'), 'yearly')).toBe('subscribe');
      expect(planAction(sub, plan('gratuit'), plan('atelier'), 'monthly')).toBe(status === 'trial' ? 'cancel' : 'none');
    }
    // A trial cancelled ahead is not offered the cancel again.
    expect(planAction({ ...base, status: 'trial', pendingPlanId: 'gratuit' }, plan('gratuit'), plan('atelier'), 'monthly')).toBe('none');
  });
  it('active: renew the same, upgrade to a dearer one, downgrade at the end to a cheaper one, cancel to the free one', () => {
    expect(planAction(base, plan('atelier'), plan('atelier'), 'monthly')).toBe('renew');
    expect(planAction(base, plan('maison'), plan('atelier'), 'monthly')).toBe('upgrade');
    expect(planAction(base, plan('solo'), plan('atelier'), 'monthly')).toBe('downgrade');
    expect(planAction(base, plan('gratuit'), plan('atelier'), 'monthly')).toBe('cancel');
    // A change already planned is not offered again.
    expect(planAction({ ...base, pendingPlanId: 'solo' }, plan('solo'), plan('atelier'), 'monthly')).toBe('none');
    expect(planAction({ ...base, pendingPlanId: 'gratuit' }, plan('gratuit'), plan('atelier'), 'monthly')).toBe('none');
    // Active on the free plan (after a cancellation took effect): paid plans are bought.
    expect(planAction({ ...base, planId: 'gratuit', cycle: null }, plan('solo'), plan('gratuit'), 'monthly')).toBe('subscribe');
    expect(planAction(null, plan('solo'), undefined, 'monthly')).toBe('none');
  });
});

describe('a checkout’s outcome', () => {
  it('covers every status the cloud gives', () => {
    expect(Object.fromEntries(CHECKOUT_STATUSES.map((s) => [s, checkoutOutcome(s)]))).toEqual({ pending: 'waiting', paid: 'paid', declined: 'failed', failed: 'failed', mismatch: 'failed' });
  });
});

describe('use meters', () => {
  it('fraction capped at 1, over past the limit, a zero limit', () => {
    expect(meter(2, 5)).toEqual({ fraction: 0.4, over: false });
    expect(meter(7, 5)).toEqual({ fraction: 1, over: true });
    expect(meter(0, 0)).toEqual({ fraction: 0, over: false });
    expect(meter(1, 0)).toEqual({ fraction: 1, over: true });
  });
});
