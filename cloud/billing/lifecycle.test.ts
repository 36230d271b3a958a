/**
 * The subscription's life with an injected clock, on the real test server (PGlite, or Postgres
 * with TEST_DATABASE_URL): trial → reminder 3 days before (once) → past_due at the trial's end,
 * the local midnight in Africa/Porto-Novo → suspended after 7 days' grace → paid again → active
 * with its month's credits; each step once even when the sweep runs twice or two sweeps run at
 * once; the synced row a device pulls after each step; the owner's SMS in the dev outbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { clientRow } from '../testing/rawSync.js';
import { newId } from '../../shared/domain/ids.js';
import { DEFAULT_PLANS, FREE_PLAN_ID } from '../../shared/billing/plans.js';
import { localMidnight } from '../../shared/billing/periods.js';
import { PullingDevice, startClockedServer, type ClockedServer } from './lifecycleTesting.js';

const TZ = 'Africa/Porto-Novo';
const SIGNUP = '2036-12-03T15:00:00.000Z';
const TRIAL_END = localMidnight('2036-12-17', TZ); // 2036-12-16T23:00Z
const REMINDER = localMidnight('2036-12-14', TZ);
const GRACE_END = localMidnight('2036-12-24', TZ);
const free = DEFAULT_PLANS.find((p) => p.id === FREE_PLAN_ID)!;
const atelier = DEFAULT_PLANS.find((p) => p.id === 'atelier')!;
const before = (instant: string) => new Date(Date.parse(instant) - 1000);

let c: ClockedServer;
let shop: FixtureWorkshop;
let device: PullingDevice;

beforeAll(async () => {
  c = await startClockedServer(SIGNUP);
  shop = await createFixtureWorkshop(c.server.ctx, 'Couture Horloge');
  device = new PullingDevice(c.server.url, shop);
}, 60_000);
afterAll(async () => {
  await c?.close();
});

describe('the lifecycle sweep, one workshop through its life', () => {
  it('starts in trial; nothing is due before the reminder', async () => {
    expect((await device.subscription())?.status).toBe('trial');
    expect((await c.state(shop.workshopId)).trialEndsAt).toBe(TRIAL_END);
    c.at(before(REMINDER));
    expect((await c.sweep()).checked).toBe(0);
    expect(await c.sms('Couture Horloge')).toEqual([]);
  });

  it('reminds the owner 3 days before the trial ends, once', async () => {
    c.at(REMINDER);
    const first = await c.sweep();
    expect(first).toMatchObject({ checked: 1, notices: 1, noticesSent: 1, synced: 0 });
    expect(await c.sweep()).toMatchObject({ checked: 0, notices: 0 });
    c.at(new Date(Date.parse(REMINDER) + 3_600_000));
    expect((await c.sweep()).checked).toBe(0);
    const sms = await c.sms('Couture Horloge');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toContain('l’essai de « Couture Horloge » se termine le 16/12/2036');
    expect(await c.notices(shop.workshopId)).toEqual([{ key: `trial_ending:${TRIAL_END}`, kind: 'trial_ending', channel: 'outbox', failure_reason: null }]);
  });

  it('a second before the local midnight it is still a trial; at the midnight, past_due, once, and the device sees it', async () => {
    c.at(before(TRIAL_END));
    expect((await c.sweep()).checked).toBe(0);
    expect((await c.state(shop.workshopId)).status).toBe('trial');
    c.at(TRIAL_END);
    const [a, b] = await Promise.all([c.sweep(), c.sweep()]);
    expect((a.transitions['trial>past_due'] ?? 0) + (b.transitions['trial>past_due'] ?? 0)).toBe(1);
    expect(await c.sweep()).toMatchObject({ checked: 0, transitions: {} });
    const state = await c.state(shop.workshopId);
    expect(state).toMatchObject({ status: 'past_due', graceEndsAt: GRACE_END, planId: 'atelier' });
    const row = await device.subscription();
    expect(row).toMatchObject({ status: 'past_due', graceEndsAt: GRACE_END, limits: atelier.limits });
    expect(await device.subscription()).toBeNull(); // nothing new after
    const sms = await c.sms('est à régler');
    expect(sms).toHaveLength(1);
    expect(sms[0]!.message).toContain('d’ici le 23/12/2036');
  });

  it('suspended after the 7 days of grace, once; the device keeps syncing and sees the free plan’s limits', async () => {
    c.at(before(GRACE_END));
    expect((await c.sweep()).checked).toBe(0);
    c.at(new Date(Date.parse(GRACE_END) + 5 * 60_000));
    expect((await c.sweep()).transitions).toEqual({ 'past_due>suspended': 1 });
    expect((await c.sweep()).checked).toBe(0);
    expect(await device.subscription()).toMatchObject({ status: 'suspended', limits: free.limits });
    // A suspended workshop's device still pushes its work and pulls it back.
    const clientId = newId();
    expect(await device.push((d) => [d.mutation('clients', clientId, clientRow('Cliente suspendue'))])).toEqual([]);
    expect(await c.sms('sont suspendus')).toHaveLength(1);
    expect((await c.state(shop.workshopId)).status).toBe('suspended');
  });

  it('paid again: active from the payment, its month’s credits granted once, the device sees it', async () => {
    const paidAt = '2036-12-28T10:00:00.000Z';
    c.at(paidAt);
    const next = await c.pay(shop.workshopId, 'atelier', 'monthly');
    expect(next).toMatchObject({ status: 'active', periodStart: paidAt, currentPeriodEnd: localMidnight('2037-01-29', TZ), graceEndsAt: null });
    expect(await device.subscription()).toMatchObject({ status: 'active', currentPeriodEnd: localMidnight('2037-01-29', TZ), limits: atelier.limits });
    // The month starting at the payment is granted by the next sweep, once.
    c.at('2036-12-28T10:15:00.000Z');
    const swept = await c.sweep();
    expect(swept).toMatchObject({ checked: 1, grants: 1, synced: 0 });
    expect(await c.sweep()).toMatchObject({ checked: 0, grants: 0 });
    const monthly = (await c.credits(shop.workshopId)).filter((e) => e.grant_key?.startsWith('monthly:'));
    expect(monthly).toEqual([{ amount: atelier.limits.monthlyCredits, grant_key: `monthly:${paidAt}:${paidAt}` }]);
    // The next look is the "period ending" reminder, 3 days before the end.
    c.at(localMidnight('2037-01-26', TZ));
    expect(await c.sweep()).toMatchObject({ checked: 1, notices: 1 });
    expect(await c.sms('la formule Atelier de « Couture Horloge » se termine le 28/01/2037')).toHaveLength(1);
    expect((await c.notices(shop.workshopId)).map((n) => n.kind)).toEqual(['trial_ending', 'past_due', 'suspended', 'period_ending']);
  });
});

describe('many workshops, two sweeps at once, a sweep that stops mid-way', () => {
  it('each transition once, each notice once, whatever the overlap', async () => {
    const many = await startClockedServer(SIGNUP);
    try {
      const shops: FixtureWorkshop[] = [];
      for (let i = 0; i < 12; i++) shops.push(await createFixtureWorkshop(many.server.ctx, `Atelier Lot ${i}`));
      many.at(TRIAL_END);
      // A bounded run (as if the process died after 2 batches), then two sweeps together finish the rest.
      const partial = await many.sweep({ batchSize: 3, maxBatches: 2 });
      expect(partial.checked).toBe(6);
      const [a, b] = await Promise.all([many.sweep({ batchSize: 2, concurrency: 3 }), many.sweep({ batchSize: 2, concurrency: 3 })]);
      expect(partial.checked + a.checked + b.checked).toBe(12);
      const transitions = [partial, a, b].reduce((n, r) => n + (r.transitions['trial>past_due'] ?? 0), 0);
      expect(transitions).toBe(12);
      expect(await many.sweep()).toMatchObject({ checked: 0 });
      for (const s of shops) {
        expect((await many.state(s.workshopId)).status).toBe('past_due');
        expect(await many.notices(s.workshopId)).toEqual([{ key: `past_due:${TRIAL_END}`, kind: 'past_due', channel: 'outbox', failure_reason: null }]);
      }
      expect(await many.sms('est à régler')).toHaveLength(12);
    } finally {
      await many.close();
    }
  }, 60_000);
});
