/**
 * A paid plan's monthly SMS credits, with an injected clock on the real test server (both
 * databases): a plan bought after the trial starts its period at the payment and grants its first
 * month at once (key from `dueMonthlyGrants`), a renewal paid ahead grants nothing twice, and a
 * plan bought during the trial grants nothing yet (its period starts when the trial ends; the
 * lifecycle sweep grants then).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureWorkshop } from '../testing/fixtures.js';
import { call, checkout, creditsOf, ledgerOf, startBillingServer, type BillingServer } from './billingTesting.js';

let server: BillingServer;
let clock = Date.parse('2036-12-01T09:00:00.000Z');
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startBillingServer({}, { now: () => new Date(clock) });
});

afterAll(async () => {
  await server?.close();
});

describe('monthly credits of a paid plan', () => {
  it('after the trial: the first month’s credits at once, once; a renewal adds none twice', async () => {
    clock = Date.parse('2036-12-01T09:00:00.000Z');
    const shop = await createFixtureWorkshop(server.ctx, 'Atelier Dah');
    clock += 20 * DAY; // the trial is over (the sweep has not run: still `trial` in the table)
    const token = shop.tokenFor(shop.owner);
    const before = await creditsOf(server.ctx, shop.workshopId);
    const first = (await checkout(server.url, token, { planId: 'atelier', cycle: 'monthly' })).body;
    expect(first.kind).toBe('plan');
    await server.fedapay.setStatus(Number(first.transactionId), 'approved');
    const sub = (await call(server.url, 'GET', '/api/billing/subscription', token)).body;
    expect(sub).toMatchObject({ status: 'active', planId: 'atelier' });
    expect(await creditsOf(server.ctx, shop.workshopId)).toBe(before + 200);
    const monthly = (await ledgerOf(server.ctx, shop.workshopId)).filter((e) => e.grant_key?.startsWith('monthly:'));
    expect(monthly).toHaveLength(1);

    const renewal = (await checkout(server.url, token, { planId: 'atelier', cycle: 'monthly' })).body;
    expect(renewal.kind).toBe('renewal');
    await server.fedapay.setStatus(Number(renewal.transactionId), 'approved');
    const renewed = (await call(server.url, 'GET', '/api/billing/subscription', token)).body;
    expect(Date.parse(renewed.currentPeriodEnd)).toBeGreaterThan(Date.parse(sub.currentPeriodEnd) + 27 * DAY);
    expect(await creditsOf(server.ctx, shop.workshopId)).toBe(before + 200);
  });

  it('two plan checkouts opened together and both paid: the second extends the period instead of restarting it', async () => {
    clock = Date.parse('2036-12-01T09:00:00.000Z');
    const shop = await createFixtureWorkshop(server.ctx, 'Atelier Zinsou');
    clock += 20 * DAY;
    const token = shop.tokenFor(shop.owner);
    const a = (await checkout(server.url, token, { planId: 'solo', cycle: 'monthly' })).body;
    const b = (await checkout(server.url, token, { planId: 'solo', cycle: 'monthly' })).body;
    expect([a.kind, b.kind]).toEqual(['plan', 'plan']);
    await server.fedapay.setStatus(Number(a.transactionId), 'approved');
    const once = (await call(server.url, 'GET', '/api/billing/subscription', token)).body;
    await server.fedapay.setStatus(Number(b.transactionId), 'approved');
    const twice = (await call(server.url, 'GET', '/api/billing/subscription', token)).body;
    expect(Date.parse(twice.currentPeriodEnd)).toBeGreaterThan(Date.parse(once.currentPeriodEnd) + 27 * DAY);
    const { payments } = (await call(server.url, 'GET', '/api/billing/payments', token)).body;
    expect(payments.map((p: { kind: string }) => p.kind)).toEqual(['renewal', 'plan']);
  });

  it('an upgrade quoted in a period and paid after it ended gives no new period for the difference (refused)', async () => {
    clock = Date.parse('2036-12-01T09:00:00.000Z');
    const shop = await createFixtureWorkshop(server.ctx, 'Atelier Gbèto');
    clock += 20 * DAY;
    const token = shop.tokenFor(shop.owner);
    const solo = (await checkout(server.url, token, { planId: 'solo', cycle: 'monthly' })).body;
    await server.fedapay.setStatus(Number(solo.transactionId), 'approved');
    const paid = (await call(server.url, 'GET', '/api/billing/subscription', token)).body;
    clock = Date.parse(paid.currentPeriodEnd) - DAY; // the last day: the difference is small
    const upgrade = (await checkout(server.url, shop.tokenFor(shop.owner), { planId: 'maison', cycle: 'monthly' })).body;
    expect(upgrade.kind).toBe('upgrade');
    expect(upgrade.amount).toBeLessThan(1_000);
    clock += 3 * DAY; // paid after the period's end
    await server.fedapay.setStatus(Number(upgrade.transactionId), 'approved');
    const after = (await call(server.url, 'GET', '/api/billing/subscription', shop.tokenFor(shop.owner))).body;
    expect(after).toMatchObject({ planId: 'solo', currentPeriodEnd: paid.currentPeriodEnd });
    expect((await call(server.url, 'GET', `/api/billing/checkouts/${upgrade.checkoutId}`, shop.tokenFor(shop.owner))).body.status).toBe('mismatch');
  });

  it('during the trial: nothing granted yet (the paid period starts when the trial ends)', async () => {
    clock = Date.parse('2036-12-01T09:00:00.000Z');
    const shop = await createFixtureWorkshop(server.ctx, 'Atelier Ahouandjinou');
    clock += 2 * DAY;
    const token = shop.tokenFor(shop.owner);
    const before = await creditsOf(server.ctx, shop.workshopId);
    const created = (await checkout(server.url, token, { planId: 'maison', cycle: 'yearly' })).body;
    await server.fedapay.setStatus(Number(created.transactionId), 'approved');
    expect((await call(server.url, 'GET', '/api/billing/subscription', token)).body.status).toBe('active');
    expect(await creditsOf(server.ctx, shop.workshopId)).toBe(before);
  });
});
