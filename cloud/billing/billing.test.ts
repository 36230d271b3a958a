/**
 * Billing's reads and the trial: the plans on sale (public), a workshop's subscription (members),
 * and the synced `subscription` row every device receives and none may write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { RawDevice } from '../testing/rawSync.js';
import { DEFAULT_CREDIT_PACKS, DEFAULT_PLANS, TRIAL_PLAN_ID } from '../../shared/billing/plans.js';
import { TRIAL_CREDITS } from '../../shared/messaging/messageOptions.js';
import { localMidnight } from '../../shared/billing/periods.js';

let server: TestServer;
let shop: FixtureWorkshop;
// The hub's clock, fixed ahead of any real one: a device's clock may run behind the hub's, never more than 5 minutes ahead (clock_skew).
const NOW = new Date('2036-12-03T15:00:00.000Z');

beforeAll(async () => {
  server = await startTestServer({}, { now: () => NOW });
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Facturé');
}, 60_000);
afterAll(async () => {
  await server?.close();
});

async function get(path: string, token?: string): Promise<{ status: number; body: any; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe('GET /api/billing/plans', () => {
  it('lists the seeded plans and packs in whole FCFA, to anyone, cacheable', async () => {
    const reply = await get('/api/billing/plans');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toContain('public');
    expect(reply.body.plans).toEqual(DEFAULT_PLANS.map(({ id, name, monthlyPrice, yearlyPrice, limits }) => ({ id, name, monthlyPrice, yearlyPrice, limits })));
    expect(reply.body.packs).toEqual(DEFAULT_CREDIT_PACKS.map(({ id, name, credits, price }) => ({ id, name, credits, price })));
    for (const plan of reply.body.plans) {
      expect(Number.isSafeInteger(plan.monthlyPrice) && Number.isSafeInteger(plan.yearlyPrice)).toBe(true);
      // A year costs less than twelve months.
      if (plan.monthlyPrice > 0) expect(plan.yearlyPrice).toBeLessThan(plan.monthlyPrice * 12);
    }
  });
});

describe('GET /api/billing/subscription', () => {
  it('a new workshop is in a 14-day trial ending at a local midnight, with the trial’s credits and every paid feature', async () => {
    const signup = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workshopName: 'Couture Essai', ownerName: 'Rachida Bello', phone: '0197123456', password: 'motdepasse-solide-42' }),
    });
    expect(signup.status).toBe(201);
    const { accessToken } = (await signup.json()) as { accessToken: string };
    const reply = await get('/api/billing/subscription', accessToken);
    expect(reply.status).toBe(200);
    const trialPlan = DEFAULT_PLANS.find((p) => p.id === TRIAL_PLAN_ID)!;
    expect(reply.body).toEqual({
      status: 'trial',
      planId: TRIAL_PLAN_ID,
      planName: trialPlan.name,
      cycle: null,
      trialEndsAt: localMidnight('2036-12-17', 'Africa/Porto-Novo'),
      currentPeriodEnd: null,
      graceEndsAt: null,
      pendingPlanId: null,
      credits: TRIAL_CREDITS,
      limits: trialPlan.limits,
      usage: { members: 1, portfolioPhotos: 0, directoryListed: false },
    });
  });

  it('every member reads it; without a token or with another workshop’s token it is not this one’s', async () => {
    const viewer = await shop.addMember('viewer');
    expect((await get('/api/billing/subscription', viewer.token)).body.status).toBe('trial');
    expect((await get('/api/billing/subscription')).status).toBe(401);
    const other = await createFixtureWorkshop(server.ctx, 'Autre atelier');
    const theirs = await get('/api/billing/subscription', other.owner.token);
    expect(theirs.body.usage.members).toBe(1);
    expect((await get('/api/billing/subscription', shop.owner.token)).body.usage.members).toBe(2);
  });
});

describe('the synced subscription row', () => {
  it('reaches a device by sync, and no device may write it, not even the owner’s', async () => {
    const device = new RawDevice(server.url, shop.owner.token);
    const changes = [];
    for (let i = 0; i < 10; i++) {
      const answer = await device.sync();
      changes.push(...answer.changes);
      if (!answer.more) break;
    }
    const row = changes.find((c) => c.table === 'subscription');
    expect(row?.rowId).toBe(shop.workshopId);
    expect(row?.fields).toMatchObject({ status: 'trial', planId: TRIAL_PLAN_ID, trialEndsAt: localMidnight('2036-12-17', 'Africa/Porto-Novo') });

    const forged = device.mutation('subscription', shop.workshopId, { status: 'active', planId: 'maison' });
    const answer = await device.sync([forged]);
    expect(answer.acked).not.toContain(forged.id);
    expect(answer.rejected.map((r) => [r.id, r.code])).toEqual([[forged.id, 'forbidden']]);
    expect((await get('/api/billing/subscription', shop.owner.token)).body.status).toBe('trial');

    const fresh = device.mutation('subscription', shop.workshopId.replace(/.$/, (c) => (c === '0' ? '1' : '0')), {
      planId: 'maison', planName: 'x', status: 'active', cycle: 'yearly', trialEndsAt: null, currentPeriodEnd: null, graceEndsAt: null, pendingPlanId: null,
      limits: { members: 99, portfolioPhotos: 99, monthlyCredits: 99, directory: true }, updatedAt: NOW.toISOString(),
    });
    const second = await device.sync([fresh]);
    expect(second.rejected.map((r) => r.code)).toEqual(['forbidden']);
  });
});
