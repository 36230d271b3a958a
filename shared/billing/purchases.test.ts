import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANS, FREE_PLAN_ID, MINIMUM_CHARGE, type BillingCycle } from './plans.js';
import { applyPurchase, changeEffectiveAt, quotePlan, scheduleCancel, scheduleChange, undoChange } from './purchases.js';
import { prorate, upgradeAmount } from './proration.js';
import { localMidnight, periodEnd } from './periods.js';
import { dueMonthlyGrants, type SubscriptionState } from './lifecycle.js';

const TZ = 'Africa/Porto-Novo';
const plans = DEFAULT_PLANS;
const plan = (id: string) => plans.find((p) => p.id === id)!;
const at = (iso: string) => new Date(iso);

const trial = (trialEndsAt = localMidnight('2027-01-17', TZ)): SubscriptionState => ({
  status: 'trial', planId: 'atelier', cycle: null, trialEndsAt, periodStart: null, currentPeriodEnd: null, graceEndsAt: null, pendingPlanId: null, pendingCycle: null, timezone: TZ,
});
const active = (planId: string, cycle: BillingCycle, periodStart: string, extra: Partial<SubscriptionState> = {}): SubscriptionState => ({
  ...trial(),
  trialEndsAt: null,
  status: 'active',
  planId,
  cycle,
  periodStart,
  currentPeriodEnd: periodEnd(periodStart, cycle, TZ),
  ...extra,
});

describe('prorate: the rounding rule (⌈difference × days left ÷ cycle days⌉, at least 100 FCFA, integers only)', () => {
  it('rounds up to the whole franc', () => {
    expect(prorate(3_500, 10, 31)).toBe(1_130); // 35,000 / 31 = 1,129.03…
    expect(prorate(3_100, 10, 31)).toBe(1_000); // exact: no franc added
    expect(prorate(9_000, 1, 30)).toBe(300);
    expect(prorate(9_000, 29, 30)).toBe(8_700);
  });
  it('never below FedaPay’s smallest transaction', () => {
    expect(MINIMUM_CHARGE).toBe(100);
    expect(prorate(3_500, 0, 31)).toBe(100);
    expect(prorate(100, 1, 31)).toBe(100);
    expect(prorate(3_500, 1, 31)).toBe(113);
  });
  it('days left beyond one cycle (a renewal paid ahead) are owed too', () => {
    expect(prorate(3_500, 62, 31)).toBe(7_000);
  });
  it('integer arithmetic: large yearly differences are exact', () => {
    expect(prorate(125_000, 365, 365)).toBe(125_000);
    expect(prorate(125_000, 364, 365)).toBe(124_658); // 124,657.53… → up
    expect(prorate(35_000, 194, 365)).toBe(18_603); // 18,602.74… → up
  });
  it('refuses what is not a whole number or a cycle of no days', () => {
    expect(() => prorate(3_500.5, 10, 31)).toThrow(RangeError);
    expect(() => prorate(3_500, 1.5, 31)).toThrow(RangeError);
    expect(() => prorate(3_500, 10, 0)).toThrow(RangeError);
    expect(() => prorate(Number.NaN, 10, 31)).toThrow(RangeError);
  });
});

describe('upgradeAmount: local days, in the workshop’s zone', () => {
  const start = '2027-01-10T14:00:00.000Z'; // 15:00 in Porto-Novo: the period runs through 10 February
  it('the days from today (counted) to the end (not counted), over the cycle that ends then', () => {
    const state = active('solo', 'monthly', start);
    expect(state.currentPeriodEnd).toBe(localMidnight('2027-02-11', TZ));
    // 1 February 10:00 local: 10 days left of a 31-day cycle; Atelier − Solo = 3,500.
    expect(upgradeAmount(state, plan('solo'), plan('atelier'), at('2027-02-01T09:00:00.000Z'))).toBe(1_130);
    // 23:30 local on 10 February: the last day, counted whole.
    expect(upgradeAmount(state, plan('solo'), plan('atelier'), at('2027-02-10T22:30:00.000Z'))).toBe(113);
    // 23:30 UTC on 31 January is already 1 February in Porto-Novo.
    expect(upgradeAmount(state, plan('solo'), plan('atelier'), at('2027-01-31T23:30:00.000Z'))).toBe(1_130);
  });
  it('a yearly period: 365 or 366 days', () => {
    const state = active('solo', 'yearly', start);
    expect(upgradeAmount(state, plan('solo'), plan('atelier'), at('2027-07-01T11:00:00.000Z'))).toBe(prorate(35_000, 194, 365));
    const leap = active('solo', 'yearly', '2027-06-10T14:00:00.000Z'); // ends 11 June 2028: a year with 29 February
    expect(upgradeAmount(leap, plan('solo'), plan('maison'), at('2028-06-10T11:00:00.000Z'))).toBe(prorate(125_000, 1, 366));
  });
});

describe('quotePlan and applyPurchase', () => {
  it('during the trial: the full price, and the period starts when the trial ends (no trial day lost)', () => {
    const state = trial();
    const now = at('2027-01-05T10:00:00.000Z');
    const quote = quotePlan(state, plans, 'solo', 'monthly', now);
    expect(quote).toEqual({ ok: true, purchase: { kind: 'plan', planId: 'solo', cycle: 'monthly', amount: 2_500 } });
    const next = applyPurchase(state, quote.ok ? quote.purchase : (null as never), now);
    expect(next).toMatchObject({ status: 'active', planId: 'solo', cycle: 'monthly', periodStart: state.trialEndsAt, currentPeriodEnd: localMidnight('2027-02-17', TZ) });
    expect(quotePlan(state, plans, 'maison', 'yearly', now)).toEqual({ ok: true, purchase: { kind: 'plan', planId: 'maison', cycle: 'yearly', amount: 150_000 } });
    // An upgrade before that period begins owes the difference for the period only, not for the trial days left.
    const solo = applyPurchase(state, quote.ok ? quote.purchase : (null as never), now);
    const upgrade = quotePlan(solo, plans, 'atelier', 'monthly', now);
    expect(upgrade).toEqual({ ok: true, purchase: { kind: 'upgrade', planId: 'atelier', cycle: 'monthly', amount: 3_500 } });
  });

  it('past due or suspended: paid → active from the payment, grace gone, pending gone', () => {
    for (const status of ['past_due', 'suspended'] as const) {
      const state: SubscriptionState = { ...active('atelier', 'monthly', '2026-11-10T14:00:00.000Z'), status, graceEndsAt: localMidnight('2026-12-18', TZ), pendingPlanId: 'solo', pendingCycle: 'monthly' };
      const now = at('2026-12-20T16:30:00.000Z');
      const quote = quotePlan(state, plans, 'atelier', 'monthly', now);
      expect(quote).toEqual({ ok: true, purchase: { kind: 'plan', planId: 'atelier', cycle: 'monthly', amount: 6_000 } });
      expect(applyPurchase(state, (quote as { ok: true; purchase: never }).purchase, now)).toMatchObject({
        status: 'active', periodStart: now.toISOString(), currentPeriodEnd: localMidnight('2027-01-21', TZ), graceEndsAt: null, pendingPlanId: null, pendingCycle: null,
      });
    }
  });

  it('the same plan during a paid period is a renewal at its full price: one more cycle from the current end', () => {
    const state = active('atelier', 'monthly', '2027-01-10T14:00:00.000Z');
    const now = at('2027-02-05T08:00:00.000Z');
    const monthly = quotePlan(state, plans, 'atelier', 'monthly', now);
    expect(monthly).toEqual({ ok: true, purchase: { kind: 'renewal', planId: 'atelier', cycle: 'monthly', amount: 6_000 } });
    const renewed = applyPurchase(state, (monthly as { ok: true; purchase: never }).purchase, now);
    expect(renewed).toMatchObject({ periodStart: state.periodStart, currentPeriodEnd: localMidnight('2027-03-11', TZ), status: 'active' });
    // Renewed again on the yearly cycle, during the renewed month.
    const yearly = quotePlan(renewed, plans, 'atelier', 'yearly', now);
    expect(yearly).toEqual({ ok: true, purchase: { kind: 'renewal', planId: 'atelier', cycle: 'yearly', amount: 60_000 } });
    expect(applyPurchase(renewed, (yearly as { ok: true; purchase: never }).purchase, now)).toMatchObject({ cycle: 'yearly', currentPeriodEnd: localMidnight('2028-03-11', TZ) });
  });

  it('a dearer plan is an upgrade at once, for the days left; the period end does not move', () => {
    const state = active('solo', 'monthly', '2027-01-10T14:00:00.000Z');
    const now = at('2027-02-01T09:00:00.000Z');
    const quote = quotePlan(state, plans, 'atelier', 'yearly', now);
    // The current cycle is kept whatever the cycle asked.
    expect(quote).toEqual({ ok: true, purchase: { kind: 'upgrade', planId: 'atelier', cycle: 'monthly', amount: 1_130 } });
    expect(applyPurchase(state, (quote as { ok: true; purchase: never }).purchase, now)).toEqual({ ...state, planId: 'atelier' });
  });

  it('refusals: a cheaper plan waits for the end, the free plan is not sold, an unknown plan', () => {
    const state = active('atelier', 'monthly', '2027-01-10T14:00:00.000Z');
    const now = at('2027-02-01T09:00:00.000Z');
    expect(quotePlan(state, plans, 'solo', 'monthly', now)).toEqual({ ok: false, code: 'downgrade_at_period_end' });
    expect(quotePlan(state, plans, FREE_PLAN_ID, 'monthly', now)).toEqual({ ok: false, code: 'free_plan_not_sold' });
    expect(quotePlan(state, plans, 'platine', 'monthly', now)).toEqual({ ok: false, code: 'unknown_plan' });
  });

  it('an active period already over (the sweep not yet passed) is bought anew from now', () => {
    const state = active('atelier', 'monthly', '2027-01-10T14:00:00.000Z');
    const now = at('2027-02-11T01:00:00.000Z');
    expect(quotePlan(state, plans, 'solo', 'monthly', now)).toEqual({ ok: true, purchase: { kind: 'plan', planId: 'solo', cycle: 'monthly', amount: 2_500 } });
  });

  it('month ends clamp: from 31 January during a day, through 28 (29) February', () => {
    const start = '2027-01-31T10:00:00.000Z';
    expect(periodEnd(start, 'monthly', TZ)).toBe(localMidnight('2027-03-01', TZ));
    expect(periodEnd('2028-01-31T10:00:00.000Z', 'monthly', TZ)).toBe(localMidnight('2028-03-01', TZ));
    // A trial ending at the midnight starting 31 January: the period ends at the midnight starting 28 February.
    const bought = applyPurchase(trial(localMidnight('2027-01-31', TZ)), { kind: 'plan', planId: 'solo', cycle: 'monthly', amount: 2_500 }, at('2027-01-20T10:00:00.000Z'));
    expect(bought.currentPeriodEnd).toBe(localMidnight('2027-02-28', TZ));
  });

  it('a yearly plan grants its credits month by month, each month once (its own key)', () => {
    const start = '2027-01-10T14:00:00.000Z';
    const state = active('atelier', 'yearly', start);
    expect(dueMonthlyGrants(state, at(start))).toHaveLength(1);
    expect(dueMonthlyGrants(state, at('2027-02-10T22:59:59.000Z'))).toHaveLength(1);
    expect(dueMonthlyGrants(state, at(localMidnight('2027-02-11', TZ)))).toHaveLength(2);
    const all = dueMonthlyGrants(state, new Date(Date.parse(state.currentPeriodEnd!) - 1));
    expect(all).toHaveLength(12);
    expect(new Set(all.map((g) => g.key)).size).toBe(12);
    // Renewed for a year: twelve more, the first twelve keys unchanged.
    const renewed = applyPurchase(state, { kind: 'renewal', planId: 'atelier', cycle: 'yearly', amount: 60_000 }, at('2027-12-01T10:00:00.000Z'));
    const two = dueMonthlyGrants(renewed, new Date(Date.parse(renewed.currentPeriodEnd!) - 1));
    expect(two).toHaveLength(24);
    expect(two.slice(0, 12)).toEqual(all);
  });

  it('monthly renewals that drift from the anniversaries never give one paid month two grants', () => {
    // 30 January 11:00 → 1 March → 1 April → 1 May; the third anniversary is 31 March.
    let state = active('atelier', 'monthly', '2027-01-30T10:00:00.000Z');
    const renew = (s: SubscriptionState) => applyPurchase(s, { kind: 'renewal', planId: 'atelier', cycle: 'monthly', amount: 6_000 }, at('2027-01-31T10:00:00.000Z'));
    const grantsBeforeEnd = (s: SubscriptionState) => dueMonthlyGrants(s, new Date(Date.parse(s.currentPeriodEnd!) - 1)).length;
    expect(grantsBeforeEnd(state)).toBe(1);
    state = renew(state);
    expect(state.currentPeriodEnd).toBe(localMidnight('2027-04-01', TZ));
    expect(grantsBeforeEnd(state)).toBe(2); // not 3: 31 March is one day before the paid time's end
    state = renew(state);
    expect(grantsBeforeEnd(state)).toBe(3);
  });
});

describe('changes at the period’s end: scheduleChange, scheduleCancel, undoChange', () => {
  const start = '2027-01-10T14:00:00.000Z';
  const now = at('2027-02-01T09:00:00.000Z');
  it('a cheaper plan or another cycle waits for the end; a dearer plan is paid now', () => {
    const state = active('atelier', 'monthly', start);
    const cheaper = scheduleChange(state, plans, 'solo', 'monthly', now);
    expect(cheaper).toMatchObject({ ok: true, next: { pendingPlanId: 'solo', pendingCycle: 'monthly', planId: 'atelier' } });
    expect(scheduleChange(state, plans, 'atelier', 'yearly', now)).toMatchObject({ ok: true, next: { pendingPlanId: 'atelier', pendingCycle: 'yearly' } });
    expect(scheduleChange(state, plans, 'maison', 'monthly', now)).toEqual({ ok: false, code: 'upgrade_is_paid' });
    expect(scheduleChange(state, plans, 'atelier', 'monthly', now)).toEqual({ ok: false, code: 'nothing_to_change' });
    expect(scheduleChange(state, plans, FREE_PLAN_ID, 'monthly', now)).toEqual({ ok: false, code: 'free_plan_not_sold' });
    expect(scheduleChange(state, plans, 'nope', 'monthly', now)).toEqual({ ok: false, code: 'unknown_plan' });
    expect(changeEffectiveAt(state, now)).toBe(state.currentPeriodEnd);
  });
  it('during the trial: at its end; past due or suspended: nothing to wait for', () => {
    expect(scheduleChange(trial(), plans, 'solo', 'yearly', at('2027-01-05T10:00:00.000Z'))).toMatchObject({ ok: true, next: { pendingPlanId: 'solo', pendingCycle: 'yearly' } });
    expect(changeEffectiveAt(trial(), at('2027-01-05T10:00:00.000Z'))).toBe(trial().trialEndsAt);
    const pastDue: SubscriptionState = { ...active('atelier', 'monthly', '2026-11-10T14:00:00.000Z'), status: 'past_due' };
    expect(scheduleChange(pastDue, plans, 'solo', 'monthly', now)).toEqual({ ok: false, code: 'no_period_to_change' });
    expect(scheduleCancel(pastDue, plans, now)).toEqual({ ok: false, code: 'cancel_unpaid' });
  });
  it('a cancel is the free plan at the end, once; undo takes either back', () => {
    const state = active('solo', 'monthly', start);
    const cancelled = scheduleCancel(state, plans, now);
    expect(cancelled).toMatchObject({ ok: true, next: { pendingPlanId: FREE_PLAN_ID, pendingCycle: null } });
    const next = (cancelled as { ok: true; next: SubscriptionState }).next;
    expect(scheduleCancel(next, plans, now)).toEqual({ ok: false, code: 'nothing_to_cancel' });
    expect(undoChange(next)).toEqual(state);
    expect(undoChange(state)).toBeNull();
    expect(scheduleCancel({ ...state, status: 'cancelled', planId: FREE_PLAN_ID }, plans, now)).toEqual({ ok: false, code: 'nothing_to_cancel' });
  });
});
