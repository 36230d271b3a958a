/**
 * Plan changes at the period's end over HTTP (the real test server, PGlite or Postgres): the
 * owner only, refused with the French reason while over the new plan's limits, undone, made by
 * the sweep at the period's end — or postponed with a notice when still over the limits —, and
 * hostile bodies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureWorkshop, type FixtureMember, type FixtureWorkshop } from '../testing/fixtures.js';
import { DEFAULT_PLANS, FREE_PLAN_ID } from '../../shared/billing/plans.js';
import { localMidnight } from '../../shared/billing/periods.js';
import { PullingDevice, startClockedServer, type ClockedServer } from './lifecycleTesting.js';

const TZ = 'Africa/Porto-Novo';
const SIGNUP = '2036-12-03T15:00:00.000Z';
const TRIAL_END = localMidnight('2036-12-17', TZ);
const free = DEFAULT_PLANS.find((p) => p.id === FREE_PLAN_ID)!;

let c: ClockedServer;

beforeAll(async () => {
  c = await startClockedServer(SIGNUP);
}, 60_000);
afterAll(async () => {
  await c?.close();
});

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${c.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const tokenOf = (shop: FixtureWorkshop, member: FixtureMember = shop.owner) => shop.tokenFor(member);
const change = (shop: FixtureWorkshop, body: unknown, member?: FixtureMember) => call('POST', '/api/billing/change', tokenOf(shop, member), body);
const cancel = (shop: FixtureWorkshop, member?: FixtureMember) => call('POST', '/api/billing/cancel', tokenOf(shop, member));
const undo = (shop: FixtureWorkshop, member?: FixtureMember) => call('DELETE', '/api/billing/change', tokenOf(shop, member));

describe('plan changes during the trial', () => {
  let shop: FixtureWorkshop;
  let staff: FixtureMember;
  let viewer: FixtureMember;

  beforeAll(async () => {
    c.at(SIGNUP);
    shop = await createFixtureWorkshop(c.server.ctx, 'Couture Change');
  });

  it('the owner plans a cheaper plan for the trial’s end; the device sees it; undo takes it back', async () => {
    const device = new PullingDevice(c.server.url, shop);
    await device.subscription();
    const planned = await change(shop, { planId: 'solo', cycle: 'monthly' });
    expect(planned).toEqual({ status: 200, body: { status: 'trial', planId: 'atelier', cycle: null, pendingPlanId: 'solo', pendingCycle: 'monthly', effectiveAt: TRIAL_END } });
    expect(await device.subscription()).toMatchObject({ pendingPlanId: 'solo', status: 'trial' });
    const undone = await undo(shop);
    expect(undone.body).toMatchObject({ pendingPlanId: null, pendingCycle: null, effectiveAt: null });
    expect(await device.subscription()).toMatchObject({ pendingPlanId: null });
    expect(await undo(shop)).toMatchObject({ status: 409, body: { error: { code: 'nothing_pending' } } });
  });

  it('refused with the French reason while the team is larger than the plan allows', async () => {
    staff = await shop.addMember('staff', 'Rachidi');
    viewer = await shop.addMember('viewer', 'Grâce');
    const solo = await change(shop, { planId: 'solo', cycle: 'yearly' });
    expect(solo.status).toBe(409);
    expect(solo.body.error).toMatchObject({ code: 'over_limits', message: 'Cette formule ne convient pas encore : 3 employés pour 2 autorisés : retirez-en 1.' });
    const cancelled = await cancel(shop);
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.message).toBe('Cette formule ne convient pas encore : 3 employés pour 1 autorisé : retirez-en 2.');
    expect((await c.state(shop.workshopId)).pendingPlanId).toBeNull();
  });

  it('staff and viewers may not change, cancel or undo', async () => {
    for (const member of [staff, viewer]) {
      expect((await change(shop, { planId: 'solo', cycle: 'monthly' }, member)).status).toBe(403);
      expect((await cancel(shop, member)).status).toBe(403);
      expect((await undo(shop, member)).status).toBe(403);
    }
  });

  it('hostile bodies are refused before anything is read', async () => {
    const bad: unknown[] = [
      { planId: 'solo\u0000', cycle: 'monthly' },
      { planId: 'so\ud800lo', cycle: 'monthly' },
      { planId: 'solo', cycle: 'weekly' },
      { planId: 'solo', cycle: 'monthly', extra: 1 },
      { planId: { $ne: 1 }, cycle: 'monthly' },
      { planId: 'x'.repeat(100_000), cycle: 'monthly' },
      JSON.stringify({ planId: 'solo', cycle: 'monthly', n: JSON.parse('['.repeat(500) + ']'.repeat(500)) }),
      '{"planId": "solo", "cycle": ',
      [],
    ];
    for (const body of bad) {
      const answer = await change(shop, body);
      expect([400, 413]).toContain(answer.status);
    }
    const huge = await change(shop, { planId: 'solo', cycle: 'monthly', pad: 'x'.repeat(3_000_000) });
    expect([400, 413]).toContain(huge.status);
    expect(await change(shop, { planId: 'platine', cycle: 'monthly' })).toMatchObject({ status: 400, body: { error: { code: 'unknown_plan' } } });
    expect(await change(shop, { planId: FREE_PLAN_ID, cycle: 'monthly' })).toMatchObject({ status: 400, body: { error: { code: 'free_plan_not_sold' } } });
    expect((await c.state(shop.workshopId)).pendingPlanId).toBeNull();
  });

  it('a cancel during the trial takes effect at its end: cancelled, the free plan, nothing deleted', async () => {
    const other = await createFixtureWorkshop(c.server.ctx, 'Couture Résilie');
    const device = new PullingDevice(c.server.url, other);
    expect(await cancel(other)).toMatchObject({ status: 200, body: { pendingPlanId: FREE_PLAN_ID, effectiveAt: TRIAL_END } });
    expect(await cancel(other)).toMatchObject({ status: 409, body: { error: { code: 'nothing_to_cancel' } } });
    // Another workshop's owner changed nothing here.
    expect((await c.state(shop.workshopId)).pendingPlanId).toBeNull();
    c.at(TRIAL_END);
    await c.sweep();
    expect(await c.state(other.workshopId)).toMatchObject({ status: 'cancelled', planId: FREE_PLAN_ID, pendingPlanId: null });
    expect(await device.subscription()).toMatchObject({ status: 'cancelled', planId: FREE_PLAN_ID, limits: free.limits });
    expect(await cancel(other)).toMatchObject({ status: 409, body: { error: { code: 'nothing_to_cancel' } } });
    // The over-the-limit trial went past due (nothing was planned for it).
    expect((await c.state(shop.workshopId)).status).toBe('past_due');
    expect(await change(shop, { planId: 'solo', cycle: 'monthly' })).toMatchObject({ status: 409, body: { error: { code: 'no_period_to_change' } } });
    expect(await cancel(shop)).toMatchObject({ status: 409, body: { error: { code: 'cancel_unpaid' } } });
  });
});

describe('plan changes during a paid period, and at its end', () => {
  const paidAt = '2037-01-05T09:00:00.000Z';
  const periodEnd = localMidnight('2037-02-06', TZ);

  it('upgrades are paid, the same plan and cycle is no change, another cycle or a cheaper plan waits for the end', async () => {
    c.at(SIGNUP);
    const shop = await createFixtureWorkshop(c.server.ctx, 'Couture Payée');
    c.at(paidAt);
    await c.pay(shop.workshopId, 'atelier', 'monthly');
    expect(await change(shop, { planId: 'maison', cycle: 'monthly' })).toMatchObject({ status: 409, body: { error: { code: 'upgrade_is_paid' } } });
    expect(await change(shop, { planId: 'atelier', cycle: 'monthly' })).toMatchObject({ status: 409, body: { error: { code: 'nothing_to_change' } } });
    expect(await change(shop, { planId: 'atelier', cycle: 'yearly' })).toMatchObject({ status: 200, body: { pendingPlanId: 'atelier', pendingCycle: 'yearly', effectiveAt: periodEnd } });
    expect(await change(shop, { planId: 'solo', cycle: 'monthly' })).toMatchObject({ status: 200, body: { pendingPlanId: 'solo', effectiveAt: periodEnd } });
    // At the end, the workshop fits Solo: past due on Solo (its price is what is paid next).
    c.at(periodEnd);
    await c.sweep();
    expect(await c.state(shop.workshopId)).toMatchObject({ status: 'past_due', planId: 'solo', cycle: 'monthly', pendingPlanId: null });
  });

  it('a cheaper plan still over its limits at the end waits: the current plan stays, the owner is told why, once', async () => {
    c.at(SIGNUP);
    const shop = await createFixtureWorkshop(c.server.ctx, 'Couture Trop Grande');
    c.at(paidAt);
    await c.pay(shop.workshopId, 'atelier', 'monthly');
    expect((await change(shop, { planId: 'solo', cycle: 'monthly' })).status).toBe(200);
    // Members added after the change was planned (an invitation accepted, say).
    await shop.addMember('staff', 'Koffi');
    await shop.addMember('staff', 'Ayaba');
    c.at(periodEnd);
    const swept = await c.sweep();
    expect(swept.postponed).toBe(1);
    expect(await c.state(shop.workshopId)).toMatchObject({ status: 'past_due', planId: 'atelier', pendingPlanId: null });
    const kinds = (await c.notices(shop.workshopId)).map((n) => n.kind).sort();
    expect(kinds).toEqual(['change_postponed', 'past_due']);
    const sms = await c.sms('« Couture Trop Grande » à la formule Solo');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toContain('3 employés pour 2 autorisés : retirez-en 1');
    expect(sms[0]!.message).toContain('Vous restez sur Atelier');
    expect((await c.sweep()).postponed).toBe(0);
  });
});
