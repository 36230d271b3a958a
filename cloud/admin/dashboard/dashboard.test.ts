/**
 * GET /api/admin/dashboard over a small world whose every figure is worked out by hand below
 * (Porto-Novo is UTC+1): "now" is Wednesday 5 March 2036, 10:00 local; today began at
 * 2036-03-04T23:00Z, this week on Monday 3 March (2036-03-02T23:00Z), this month at
 * 2036-02-29T23:00Z; the 30 days from 5 February, the 12 weeks from Monday 17 December 2035,
 * the 6 months from October 2035.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../testing/fixtures.js';
import { signedInAdmin } from '../adminTesting.js';
import { DEFAULT_PLANS } from '../../../shared/billing/plans.js';
import type { AdminDashboard } from './schemas.js';

const NOW = new Date('2036-03-05T09:00:00Z');
let clock = NOW;
let server: TestServer;
let owner: FixtureWorkshop;

/** [created at, status, plan, cycle] of the eight workshops. */
const WORKSHOPS: [string, string, string, string | null][] = [
  ['2036-03-05T07:00:00.000Z', 'trial', 'atelier', null], // this week
  ['2036-03-02T23:30:00.000Z', 'active', 'solo', 'monthly'], // Monday 00:30 local: this week
  ['2036-03-02T22:30:00.000Z', 'active', 'solo', 'yearly'], // Sunday 23:30 local: week of 25 February
  ['2036-02-10T10:00:00.000Z', 'active', 'maison', 'monthly'], // Sunday 10 February: week of 4 February
  ['2036-01-01T10:00:00.000Z', 'past_due', 'solo', 'monthly'], // week of 31 December
  ['2035-12-16T22:00:00.000Z', 'suspended', 'atelier', 'monthly'], // Sunday 16 December 23:00 local: before the 12 weeks
  ['2035-12-16T23:00:00.000Z', 'active', 'gratuit', null], // Monday 17 December 00:00 local: the first week
  ['2035-06-01T10:00:00.000Z', 'cancelled', 'solo', 'monthly'],
];

async function system(statement: ReturnType<typeof sql>): Promise<void> {
  await server.ctx.db.system((tx) => tx.execute(statement));
}

async function seedWorld(): Promise<string[]> {
  const ids: string[] = [];
  for (const [createdAt, status, planId, cycle] of WORKSHOPS) {
    clock = new Date(createdAt);
    const shop = await createFixtureWorkshop(server.ctx, `Atelier ${ids.length + 1}`);
    if (ids.length === 0) owner = shop;
    ids.push(shop.workshopId);
    await system(sql`UPDATE subscriptions SET status = ${status}, plan_id = ${planId}, cycle = ${cycle} WHERE workshop_id = ${shop.workshopId}`);
  }
  clock = NOW;
  const [w1, w2, w3, w4, w5] = ids as [string, string, string, string, string];

  // Devices: W1 now, W2 twice (counted once), W3 just inside the 30 days, W4 just outside.
  const device = (workshopId: string, seen: string) =>
    system(sql`INSERT INTO devices (id, workshop_id, member_id, user_id, name, code, created_at, last_seen_at)
      VALUES (${randomUUID()}, ${workshopId}, ${randomUUID()}, ${randomUUID()}, 'PC', ${randomUUID().slice(0, 6)}, ${seen}::timestamptz, ${seen}::timestamptz)`);
  await device(w1, '2036-03-05T08:55:00Z');
  await device(w2, '2036-03-01T10:00:00Z');
  await device(w2, '2036-02-20T10:00:00Z');
  await device(w3, '2036-02-04T23:30:00Z');
  await device(w4, '2036-02-04T22:30:00Z');

  // Payments: two in March local (one at 23:30 UTC on 29 February), one in February, one in January,
  // one on 1 October local (the first month), one on 30 September local (outside).
  let receipt = 0;
  const payment = (workshopId: string, paidAt: string, amount: number) => {
    receipt += 1;
    return system(sql`INSERT INTO billing_payments (id, workshop_id, checkout_id, transaction_id, receipt_number, kind, plan_id, cycle, amount, paid_at)
      VALUES (${randomUUID()}, ${workshopId}, ${randomUUID()}, ${`tx-${receipt}`}, ${receipt}, 'plan', 'solo', 'monthly', ${amount}, ${paidAt}::timestamptz)`);
  };
  await payment(w2, '2036-03-05T08:00:00Z', 2_500);
  await payment(w4, '2036-02-29T23:30:00Z', 6_000);
  await payment(w3, '2036-02-29T22:30:00Z', 60_000);
  await payment(w4, '2036-01-10T12:00:00Z', 15_000);
  await payment(w5, '2035-09-30T23:30:00Z', 2_000);
  await payment(w5, '2035-09-30T22:00:00Z', 9_000);

  // Credit ledger: purchases of 500 and 100 this month, 2,000 in February; a grant and a message's cost this month.
  const ledger = (workshopId: string, kind: string, amount: number, at: string) =>
    system(sql`INSERT INTO credit_ledger (workshop_id, kind, amount, reference, created_at) VALUES (${workshopId}, ${kind}, ${amount}, 'test', ${at}::timestamptz)`);
  await ledger(w2, 'purchase', 500, '2036-03-01T10:00:00Z');
  await ledger(w4, 'purchase', 100, '2036-02-29T23:30:00Z');
  await ledger(w4, 'purchase', 2_000, '2036-02-29T22:00:00Z');
  await ledger(w2, 'grant', 200, '2036-03-02T10:00:00Z');
  await ledger(w2, 'message', -1, '2036-03-03T10:00:00Z');

  // Messages, by creation time and status.
  const message = (createdAt: string, status: string) =>
    system(sql`INSERT INTO messages (workshop_id, id, client_id, channel, "to", body, kind, status, created_at, last_seq)
      VALUES (${w2}, ${randomUUID()}, ${randomUUID()}, 'sms', '+22990000000', 'Bonjour', 'custom', ${status}, ${createdAt}, 1)`);
  for (const [at, status] of [
    ['2036-03-05T08:00:00.000Z', 'sent'],
    ['2036-03-05T08:10:00.000Z', 'delivered'],
    ['2036-03-05T08:20:00.000Z', 'failed'],
    ['2036-03-05T08:30:00.000Z', 'queued'],
    ['2036-03-05T08:40:00.000Z', 'cancelled'],
    ['2036-03-05T08:50:00.000Z', 'sending'],
    ['2036-03-04T23:10:00.000Z', 'sent'], // 00:10 local: today
    ['2036-03-04T22:30:00.000Z', 'failed'], // 23:30 local: yesterday
    ['2036-03-04T12:00:00.000Z', 'delivered'],
    ['2036-02-04T23:30:00.000Z', 'sent'], // 5 February 00:30 local: the first day
    ['2036-02-04T22:30:00.000Z', 'failed'], // 4 February local: outside
    ['2036-01-25T10:00:00.000Z', 'sent'], // 40 days ago
    ['2036-01-25T10:00:00.000Z', 'failed'],
  ]) {
    await message(at!, status!);
  }

  // Listings: only W2's is shown (published, listed, not hidden, placed).
  const listing = (workshopId: string, published: boolean, listed: boolean, hiddenAt: string | null, lat: number | null) =>
    system(sql`INSERT INTO directory_listings (workshop_id, slug, name, lat, lng, published, listed, hidden_at)
      VALUES (${workshopId}, ${`atelier-${workshopId}`}, 'Atelier', ${lat}, ${lat === null ? null : 2.39}, ${published}, ${listed}, ${hiddenAt}::timestamptz)`);
  await listing(w2, true, true, null, 6.37);
  await listing(w3, true, true, '2036-03-01T10:00:00Z', 6.37);
  await listing(w4, true, false, null, 6.37);
  await listing(w5, false, true, null, 6.37);
  await listing(w1, true, true, null, null);

  // Reports: two pending, one resolved.
  const report = (workshopId: string, status: string) =>
    system(sql`INSERT INTO directory_reports (id, workshop_id, reason, visitor_hash, status, created_at) VALUES (${randomUUID()}, ${workshopId}, 'spam', 'h', ${status}, ${'2036-03-01T10:00:00Z'}::timestamptz)`);
  await report(w2, 'pending');
  await report(w3, 'pending');
  await report(w3, 'resolved');
  return ids;
}

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock });
  await seedWorld();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const price = (id: string) => DEFAULT_PLANS.find((p) => p.id === id)!;

describe('GET /api/admin/dashboard', () => {
  it('gives the world’s figures, worked out by hand', async () => {
    const admin = await signedInAdmin(server, { role: 'support' });
    const got = await admin.json<AdminDashboard>('/api/admin/dashboard');
    expect(got.at).toBe(NOW.toISOString());
    expect(got.workshops).toEqual({ total: 8, synced30d: 3, newThisWeek: 2 });
    expect(got.subscriptions).toEqual({
      trial: 1,
      active: 4,
      activeByPlan: [
        { planId: 'gratuit', planName: 'Gratuit', count: 1 },
        { planId: 'solo', planName: 'Solo', count: 2 },
        { planId: 'atelier', planName: 'Atelier', count: 0 },
        { planId: 'maison', planName: 'Maison de couture', count: 1 },
      ],
      pastDue: 1,
      suspended: 1,
      cancelled: 1,
    });
    // Solo monthly + Solo yearly / 12 + Maison monthly; the free plan brings nothing.
    expect(got.mrr).toBe(Math.round(price('solo').monthlyPrice + price('solo').yearlyPrice / 12 + price('maison').monthlyPrice));
    expect(got.mrr).toBe(19_583);
    expect(got.paymentsThisMonth).toEqual({ count: 2, amount: 8_500 });
    expect(got.messages).toEqual({ today: { sent: 3, failed: 1 }, last30d: { sent: 5, failed: 2 } });
    expect(got.creditsSoldThisMonth).toBe(600);
    expect(got.publishedProfiles).toBe(1);
    expect(got.pendingReports).toBe(2);
  });

  it('draws zero-filled charts with the right lengths and boundaries', async () => {
    const admin = await signedInAdmin(server);
    const { charts } = await admin.json<AdminDashboard>('/api/admin/dashboard');
    const mondays = ['2035-12-17', '2035-12-24', '2035-12-31', '2036-01-07', '2036-01-14', '2036-01-21', '2036-01-28', '2036-02-04', '2036-02-11', '2036-02-18', '2036-02-25', '2036-03-03'];
    const signups: Record<string, number> = { '2035-12-17': 1, '2035-12-31': 1, '2036-02-04': 1, '2036-02-25': 1, '2036-03-03': 2 };
    expect(charts.signupsByWeek).toEqual(mondays.map((week) => ({ week, count: signups[week] ?? 0 })));
    expect(charts.paymentsByMonth).toEqual([
      { month: '2035-10', amount: 2_000 },
      { month: '2035-11', amount: 0 },
      { month: '2035-12', amount: 0 },
      { month: '2036-01', amount: 15_000 },
      { month: '2036-02', amount: 60_000 },
      { month: '2036-03', amount: 8_500 },
    ]);
    expect(charts.messagesByDay).toHaveLength(30);
    expect(charts.messagesByDay[0]).toEqual({ day: '2036-02-05', sent: 1, failed: 0 });
    expect(charts.messagesByDay[24]).toEqual({ day: '2036-02-29', sent: 0, failed: 0 });
    expect(charts.messagesByDay[28]).toEqual({ day: '2036-03-04', sent: 1, failed: 1 });
    expect(charts.messagesByDay[29]).toEqual({ day: '2036-03-05', sent: 3, failed: 1 });
    const others = charts.messagesByDay.filter((_, i) => ![0, 28, 29].includes(i));
    expect(others.every((d) => d.sent === 0 && d.failed === 0)).toBe(true);
    expect(new Set(charts.messagesByDay.map((d) => d.day)).size).toBe(30);
  });

  it('moves with the clock: at 23:30 UTC on 31 March it is already April in Porto-Novo', async () => {
    clock = new Date('2036-03-31T23:30:00Z');
    try {
      const admin = await signedInAdmin(server);
      const got = await admin.json<AdminDashboard>('/api/admin/dashboard');
      expect(got.paymentsThisMonth).toEqual({ count: 0, amount: 0 });
      expect(got.creditsSoldThisMonth).toBe(0);
      expect(got.charts.paymentsByMonth.map((m) => m.month)).toEqual(['2035-11', '2035-12', '2036-01', '2036-02', '2036-03', '2036-04']);
      expect(got.charts.paymentsByMonth.map((m) => m.amount)).toEqual([0, 0, 15_000, 60_000, 8_500, 0]);
      expect(got.messages.today).toEqual({ sent: 0, failed: 0 });
      expect(got.charts.messagesByDay.at(-1)!.day).toBe('2036-04-01');
      expect(got.charts.signupsByWeek.at(-1)!.week).toBe('2036-03-31');
      expect(got.workshops.newThisWeek).toBe(0);
    } finally {
      clock = NOW;
    }
  });

  it('answers 401 without an admin session, and to a workshop’s bearer token', async () => {
    const anonymous = await fetch(`${server.url}/api/admin/dashboard`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { message: string } }).error.message).toMatch(/portail/);
    const member = await fetch(`${server.url}/api/admin/dashboard`, { headers: { authorization: `Bearer ${owner.owner.token}` } });
    expect(member.status).toBe(401);
  });
});
