import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANS, FREE_PLAN_ID } from './plans.js';
import { dueReminder, dueTransition, nextCheckAt, type SubscriptionState } from './lifecycle.js';
import { excessMessage, limitExcesses, limitsInForce, paidServicesRun } from './limits.js';
import { localMidnight, periodEnd } from './periods.js';

const TZ = 'Africa/Porto-Novo';
const TRIAL_END = localMidnight('2027-01-17', TZ);
const trial: SubscriptionState = {
  status: 'trial', planId: 'atelier', cycle: null, trialEndsAt: TRIAL_END, periodStart: null, currentPeriodEnd: null, graceEndsAt: null, pendingPlanId: null, pendingCycle: null, timezone: TZ,
};
const ms = (iso: string, delta = 0) => new Date(Date.parse(iso) + delta);
const plan = (id: string) => DEFAULT_PLANS.find((p) => p.id === id)!;

describe('dueTransition: one step at a local midnight', () => {
  it('trial → past_due at the trial’s end, not a millisecond before; grace of 7 local days', () => {
    expect(dueTransition(trial, ms(TRIAL_END, -1))).toBeNull();
    const due = dueTransition(trial, ms(TRIAL_END))!;
    expect(due).toMatchObject({ from: 'trial', next: { status: 'past_due', graceEndsAt: localMidnight('2027-01-24', TZ) }, notice: { kind: 'past_due', key: `past_due:${TRIAL_END}` } });
    const suspended = dueTransition(due.next, ms(localMidnight('2027-01-24', TZ)))!;
    expect(suspended).toMatchObject({ from: 'past_due', next: { status: 'suspended' }, notice: { kind: 'suspended' } });
    expect(dueTransition(suspended.next, ms('2030-01-01T00:00:00.000Z'))).toBeNull();
  });
  it('a cancel asked ends in cancelled on the free plan, without a notice; a cheaper plan becomes the plan to pay', () => {
    expect(dueTransition({ ...trial, pendingPlanId: FREE_PLAN_ID }, ms(TRIAL_END))).toMatchObject({ next: { status: 'cancelled', planId: FREE_PLAN_ID, currentPeriodEnd: null }, notice: null });
    const start = '2027-01-10T14:00:00.000Z';
    const active: SubscriptionState = { ...trial, trialEndsAt: null, status: 'active', cycle: 'monthly', periodStart: start, currentPeriodEnd: periodEnd(start, 'monthly', TZ), pendingPlanId: 'solo', pendingCycle: 'yearly' };
    expect(dueTransition(active, ms(active.currentPeriodEnd!))).toMatchObject({ from: 'active', next: { status: 'past_due', planId: 'solo', cycle: 'yearly', pendingPlanId: null } });
    expect(dueTransition({ ...active, pendingPlanId: FREE_PLAN_ID }, ms(active.currentPeriodEnd!))).toMatchObject({ next: { status: 'cancelled', planId: FREE_PLAN_ID } });
  });
});

describe('dueReminder and nextCheckAt', () => {
  it('the reminder is due from 3 local days before the end until the end', () => {
    const reminder = localMidnight('2027-01-14', TZ);
    expect(dueReminder(trial, ms(reminder, -1))).toBeNull();
    expect(dueReminder(trial, ms(reminder))).toEqual({ kind: 'trial_ending', key: `trial_ending:${TRIAL_END}` });
    expect(dueReminder(trial, ms(TRIAL_END, -1))).not.toBeNull();
    expect(dueReminder(trial, ms(TRIAL_END))).toBeNull();
    expect(dueReminder({ ...trial, pendingPlanId: FREE_PLAN_ID }, ms(reminder))).toBeNull();
  });
  it('the next look: the reminder, then the end, then the grace’s end, then nothing', () => {
    expect(nextCheckAt(trial, ms('2027-01-05T10:00:00.000Z'))).toBe(localMidnight('2027-01-14', TZ));
    expect(nextCheckAt(trial, ms(localMidnight('2027-01-14', TZ)))).toBe(TRIAL_END);
    const pastDue = dueTransition(trial, ms(TRIAL_END))!.next;
    expect(nextCheckAt(pastDue, ms(TRIAL_END))).toBe(localMidnight('2027-01-24', TZ));
    expect(nextCheckAt({ ...pastDue, status: 'suspended' }, ms('2027-02-01T00:00:00.000Z'))).toBeNull();
  });
  it('a period paid now: its first month’s credits are the next look (now itself), then the next month start', () => {
    const start = '2027-01-10T14:00:00.000Z';
    const yearly: SubscriptionState = { ...trial, trialEndsAt: null, status: 'active', cycle: 'yearly', periodStart: start, currentPeriodEnd: periodEnd(start, 'yearly', TZ) };
    expect(nextCheckAt(yearly, ms(start))).toBe(start);
    expect(nextCheckAt(yearly, ms(start, 1))).toBe(localMidnight('2027-02-11', TZ));
  });
});

describe('limits: what a change must first remove, in French', () => {
  it('the reasons, singular and plural', () => {
    const excesses = limitExcesses({ members: 3, portfolioPhotos: 0, directoryListed: false }, plan(FREE_PLAN_ID).limits);
    expect(excesses).toEqual([{ limit: 'members', used: 3, allowed: 1, excess: 2 }]);
    expect(excessMessage(excesses, 'fr')).toBe('Cette formule ne convient pas encore : 3 employés pour 1 autorisé : retirez-en 2.');
    const many = limitExcesses({ members: 4, portfolioPhotos: 40, directoryListed: true }, { members: 2, portfolioPhotos: 30, monthlyCredits: 0, directory: false });
    expect(excessMessage(many, 'fr')).toBe(
      'Cette formule ne convient pas encore : 4 employés pour 2 autorisés : retirez-en 2 ; 40 photos du portfolio pour 30 autorisées : retirez-en 10 ; l’atelier est publié dans l’annuaire, que cette formule ne comprend pas : retirez-le de l’annuaire.',
    );
    expect(excessMessage(many, 'en')).toContain('4 team members for 2 allowed: remove 2');
    expect(excessMessage(limitExcesses({ members: 2, portfolioPhotos: 30, directoryListed: true }, plan('solo').limits), 'fr')).toBeNull();
  });
  it('the limits in force: the plan’s until suspended or cancelled, then the free plan’s; paid services stop only when suspended', () => {
    for (const status of ['trial', 'active', 'past_due'] as const) expect(limitsInForce(status, 'maison', DEFAULT_PLANS)).toEqual(plan('maison').limits);
    for (const status of ['suspended', 'cancelled'] as const) expect(limitsInForce(status, 'maison', DEFAULT_PLANS)).toEqual(plan(FREE_PLAN_ID).limits);
    expect(limitsInForce('active', 'vanished', DEFAULT_PLANS)).toEqual(plan(FREE_PLAN_ID).limits);
    expect(paidServicesRun('suspended')).toBe(false);
    expect(paidServicesRun('past_due')).toBe(true);
  });
});
