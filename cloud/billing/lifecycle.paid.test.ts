/**
 * Paid again through the real payment path: a suspended workshop's owner checks out, FedaPay's
 * loopback approves and signs its webhook, the webhook reads the transaction back and applies it
 * (paymentEffects.ts): active from the payment; then the lifecycle sweep finds nothing to redo,
 * and the next period's end makes it past due again, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFixtureWorkshop } from '../testing/fixtures.js';
import { localMidnight } from '../../shared/billing/periods.js';
import { call, checkout, ledgerOf, startBillingServer, type BillingServer } from './billingTesting.js';
import { sweepLifecycle } from './lifecycle/sweep.js';
import { readSubscription } from './subscriptionsSql.js';
import { PullingDevice } from './lifecycleTesting.js';

const TZ = 'Africa/Porto-Novo';
let clock = new Date('2036-12-03T15:00:00.000Z');
let server: BillingServer;

beforeAll(async () => {
  server = await startBillingServer({ DATA_DIR: await mkdtemp(join(tmpdir(), 'styliste-paid-')) }, { now: () => clock });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const sweep = () => {
  const { ctx } = server;
  return sweepLifecycle({ db: ctx.db, writer: ctx.services.serverWrites, clock: ctx.clock, providers: ctx.services.providers, catalogue: ctx.services.billing.catalogue, logger: ctx.logger }, clock);
};

describe('suspended → paid through checkout and the webhook → active → past due at the new end', () => {
  it('each step once, seen by the device', async () => {
    const shop = await createFixtureWorkshop(server.ctx, 'Couture Repayée');
    const device = new PullingDevice(server.url, shop);
    clock = new Date(localMidnight('2036-12-17', TZ));
    expect((await sweep()).transitions).toEqual({ 'trial>past_due': 1 });
    clock = new Date(localMidnight('2036-12-24', TZ));
    expect((await sweep()).transitions).toEqual({ 'past_due>suspended': 1 });
    expect(await device.subscription()).toMatchObject({ status: 'suspended' });

    clock = new Date('2036-12-28T10:00:00.000Z');
    const token = shop.tokenFor(shop.owner);
    const created = await checkout(server.url, token, { planId: 'solo', cycle: 'monthly' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'plan', amount: 2_500 });
    await server.fedapay.setStatus(Number(created.body.transactionId), 'approved');
    const sub = (await call(server.url, 'GET', '/api/billing/subscription', token)).body;
    expect(sub).toMatchObject({ status: 'active', planId: 'solo', currentPeriodEnd: localMidnight('2037-01-29', TZ), graceEndsAt: null });
    expect(await device.subscription()).toMatchObject({ status: 'active', planId: 'solo' });

    // The sweep after the payment: its month's credits were granted by the payment, none twice.
    clock = new Date('2036-12-28T10:15:00.000Z');
    const after = await sweep();
    expect(after).toMatchObject({ grants: 0, transitions: {} });
    expect((await ledgerOf(server.ctx, shop.workshopId)).filter((e) => e.grant_key?.startsWith('monthly:'))).toHaveLength(1);

    clock = new Date(localMidnight('2037-01-29', TZ));
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect((a.transitions['active>past_due'] ?? 0) + (b.transitions['active>past_due'] ?? 0)).toBe(1);
    expect(a.checked + b.checked).toBe(1);
    const state = await server.ctx.db.system((tx) => readSubscription(tx, shop.workshopId));
    expect(state).toMatchObject({ status: 'past_due', planId: 'solo', graceEndsAt: localMidnight('2037-02-05', TZ) });
    expect(await device.subscription()).toMatchObject({ status: 'past_due' });
  }, 60_000);
});
