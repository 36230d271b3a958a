/**
 * POST /api/webhooks/fedapay on the real test server (PGlite, or Postgres with TEST_DATABASE_URL),
 * webhooks signed like FedaPay (the SDK's generateTestHeaderString) and transactions read back
 * from the loopback FedaPay with the SDK: a paid plan, a pack credited once, forged / stale /
 * replayed / 20 concurrent deliveries, "approved" while FedaPay still says pending, an amount
 * mismatch (refused, logged without personal data), a declined payment, an unknown transaction,
 * hostile bodies, and the synced subscription row a device receives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { deviceAtHead } from '../testing/rawSync.js';
import { signWebhook, webhookBody } from '../providers/testing/fedapayLoopback.js';
import { call, checkout, checkoutStatus, creditsOf, deliverWebhook, FEDAPAY, ledgerOf, paymentsOf, startBillingServer, transactionOf, type BillingServer } from './billingTesting.js';

let server: BillingServer;

beforeAll(async () => {
  server = await startBillingServer();
});

afterAll(async () => {
  await server?.close();
});

async function newShop(name = 'Atelier Sènan'): Promise<FixtureWorkshop> {
  return createFixtureWorkshop(server.ctx, name);
}

async function subscription(shop: FixtureWorkshop) {
  return (await call(server.url, 'GET', '/api/billing/subscription', shop.owner.token)).body;
}

describe('a paid plan', () => {
  it('takes effect once FedaPay says approved: subscription active, payment recorded, checkout paid, the synced row on a device', async () => {
    const shop = await newShop();
    const device = await deviceAtHead(server.url, shop.owner.token);
    const created = (await checkout(server.url, shop.owner.token, { planId: 'maison', cycle: 'monthly' })).body;
    expect(created.amount).toBe(15_000);
    await server.fedapay.setStatus(Number(created.transactionId), 'approved'); // the loopback sends the signed webhook

    const [payment] = await paymentsOf(server.ctx, shop.workshopId);
    expect(payment).toMatchObject({ transaction_id: created.transactionId, kind: 'plan', amount: 15_000 });
    expect(await checkoutStatus(server.ctx, shop.workshopId, created.checkoutId)).toBe('paid');
    const sub = await subscription(shop);
    expect(sub).toMatchObject({ status: 'active', planId: 'maison', cycle: 'monthly', pendingPlanId: null });
    // Bought during the trial: the paid month starts when the trial ends.
    expect(Date.parse(sub.currentPeriodEnd)).toBeGreaterThan(Date.parse(sub.trialEndsAt));

    const pulled = await device.sync();
    const row = pulled.changes.find((c) => c.table === 'subscription');
    expect(row?.fields).toMatchObject({ status: 'active', planId: 'maison', planName: 'Maison de couture', cycle: 'monthly' });

    const status = await call(server.url, 'GET', `/api/billing/checkouts/${created.checkoutId}`, shop.owner.token);
    expect(status.body).toMatchObject({ status: 'paid', receiptNumber: expect.stringMatching(/^STY-\d{6}$/), paymentId: payment!.id });

    // Now active on the dearest plan: a cheaper one is a change at the period's end, not a sale.
    const downgrade = await checkout(server.url, shop.owner.token, { planId: 'solo', cycle: 'monthly' });
    expect([downgrade.status, downgrade.body.error.code]).toEqual([409, 'downgrade_at_period_end']);
  });

  it('an upgrade pays the difference, switches the plan at once and grants the extra monthly credits once', async () => {
    const shop = await newShop();
    const solo = (await checkout(server.url, shop.owner.token, { planId: 'solo', cycle: 'monthly' })).body;
    await server.fedapay.setStatus(Number(solo.transactionId), 'approved');
    const before = await subscription(shop);
    expect(before).toMatchObject({ status: 'active', planId: 'solo' });
    const upgrade = (await checkout(server.url, shop.owner.token, { planId: 'atelier', cycle: 'monthly' })).body;
    expect(upgrade.kind).toBe('upgrade');
    expect(upgrade.amount).toBeGreaterThan(0);
    // The difference (3 500 FCFA a month) for the paid time left, which during the trial runs to a month after its end.
    expect(upgrade.amount).toBeLessThan(3_500 * 2);
    expect(transactionOf(server, upgrade.transactionId).amount).toBe(upgrade.amount);
    const credits = await creditsOf(server.ctx, shop.workshopId);
    const t = transactionOf(server, upgrade.transactionId);
    await server.fedapay.setStatus(t.id, 'approved');
    expect((await deliverWebhook(server.url, t)).body.outcome).toBe('already_applied');
    const after = await subscription(shop);
    expect(after).toMatchObject({ status: 'active', planId: 'atelier', currentPeriodEnd: before.currentPeriodEnd });
    expect(await creditsOf(server.ctx, shop.workshopId)).toBe(credits + (200 - 50));
    expect((await ledgerOf(server.ctx, shop.workshopId)).filter((e) => e.grant_key === `upgrade:${t.id}`)).toHaveLength(1);
  });
});

describe('an upgrade paid too late', () => {
  it('is refused (mismatch, logged) when another upgrade to a dearer plan was paid first: the plan never moves down', async () => {
    const shop = await newShop();
    const solo = (await checkout(server.url, shop.owner.token, { planId: 'solo', cycle: 'monthly' })).body;
    await server.fedapay.setStatus(Number(solo.transactionId), 'approved');
    const toAtelier = (await checkout(server.url, shop.owner.token, { planId: 'atelier', cycle: 'monthly' })).body;
    const toMaison = (await checkout(server.url, shop.owner.token, { planId: 'maison', cycle: 'monthly' })).body;
    expect([toAtelier.kind, toMaison.kind]).toEqual(['upgrade', 'upgrade']);
    await server.fedapay.setStatus(Number(toMaison.transactionId), 'approved');
    const logsBefore = server.logs.length;
    await server.fedapay.setStatus(Number(toAtelier.transactionId), 'approved');
    expect((await subscription(shop)).planId).toBe('maison');
    expect(await checkoutStatus(server.ctx, shop.workshopId, toAtelier.checkoutId)).toBe('mismatch');
    expect((await paymentsOf(server.ctx, shop.workshopId)).map((p) => p.kind)).toEqual(['plan', 'upgrade']);
    expect(server.logs.slice(logsBefore).some((l) => l.why === 'stale_upgrade' && l.checkoutId === toAtelier.checkoutId)).toBe(true);
  });
});

describe('exactly once', () => {
  it('a replayed webhook (same body twice) and 20 identical deliveries at once: one payment, one receipt number, credits once', async () => {
    const shop = await newShop();
    const start = await creditsOf(server.ctx, shop.workshopId);
    const created = (await checkout(server.url, shop.owner.token, { packId: 'sms-500' })).body;
    const t = transactionOf(server, created.transactionId);
    server.fedapay.webhook = null; // this test delivers by hand
    try {
      await server.fedapay.setStatus(t.id, 'approved');
      const body = webhookBody(t);
      const signature = signWebhook(body, FEDAPAY.webhookSecret);
      const post = () => call(server.url, 'POST', '/api/webhooks/fedapay', undefined, body, { 'x-fedapay-signature': signature });
      const replies = await Promise.all(Array.from({ length: 20 }, post));
      expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
      const outcomes = replies.map((r) => r.body.outcome).sort();
      expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
      expect(outcomes.filter((o) => o === 'already_applied')).toHaveLength(19);
      expect((await post()).body.outcome).toBe('already_applied'); // the same signed body, replayed later
    } finally {
      server.fedapay.webhook = { url: `${server.url}/api/webhooks/fedapay`, secret: FEDAPAY.webhookSecret };
    }
    const payments = await paymentsOf(server.ctx, shop.workshopId);
    expect(payments).toHaveLength(1);
    expect(await creditsOf(server.ctx, shop.workshopId)).toBe(start + 500);
    expect((await ledgerOf(server.ctx, shop.workshopId)).filter((e) => e.kind === 'purchase')).toEqual([{ kind: 'purchase', amount: 500, grant_key: `payment:${t.id}` }]);
  });

  it('payments of different workshops at once each get their own receipt number', async () => {
    const shops = await Promise.all([1, 2, 3, 4, 5].map((i) => newShop(`Atelier ${i}`)));
    const created = await Promise.all(shops.map(async (s) => (await checkout(server.url, s.owner.token, { packId: 'sms-100' })).body));
    await Promise.all(created.map((c) => server.fedapay.setStatus(Number(c.transactionId), 'approved')));
    const numbers = (await Promise.all(shops.map((s) => paymentsOf(server.ctx, s.workshopId)))).map((p) => p[0]!.receipt_number);
    expect(new Set(numbers).size).toBe(5);
  });
});

describe('only FedaPay’s own word counts', () => {
  it('a webhook saying approved while FedaPay still says pending applies nothing (200, FedaPay tells again)', async () => {
    const shop = await newShop();
    const created = (await checkout(server.url, shop.owner.token, { planId: 'atelier', cycle: 'monthly' })).body;
    const t = transactionOf(server, created.transactionId);
    const reply = await deliverWebhook(server.url, t, { overrides: { status: 'approved', approved_at: new Date().toISOString() } });
    expect(reply.status).toBe(200);
    expect(reply.body.outcome).toBe('pending');
    expect(await paymentsOf(server.ctx, shop.workshopId)).toHaveLength(0);
    expect((await subscription(shop)).status).toBe('trial');
    expect(await checkoutStatus(server.ctx, shop.workshopId, created.checkoutId)).toBe('pending');
  });

  it('an amount that does not match is refused, the checkout flagged, logged with ids and amounts only', async () => {
    const shop = await newShop();
    const created = (await checkout(server.url, shop.owner.token, { planId: 'atelier', cycle: 'yearly' })).body;
    const t = transactionOf(server, created.transactionId);
    t.amount = 100; // FedaPay's record says 100 FCFA were paid
    const logsBefore = server.logs.length;
    await server.fedapay.setStatus(t.id, 'approved');
    expect(await paymentsOf(server.ctx, shop.workshopId)).toHaveLength(0);
    expect((await subscription(shop)).status).toBe('trial');
    expect(await checkoutStatus(server.ctx, shop.workshopId, created.checkoutId)).toBe('mismatch');
    const reply = await deliverWebhook(server.url, t);
    expect([reply.status, reply.body.outcome]).toEqual([200, 'mismatch']);
    const lines = server.logs.slice(logsBefore).filter((l) => l.msg === 'FedaPay payment refused: it does not match its checkout');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatchObject({ level: 40, checkoutId: created.checkoutId, workshopId: shop.workshopId, transactionId: String(t.id), expected: 60_000, received: 100, why: 'amount' });
    const customer = server.fedapay.customers.get(t.id) as { firstname?: string; phone_number?: { number: string } };
    const everything = JSON.stringify(server.logs.slice(logsBefore));
    expect(customer.phone_number?.number).toBeTruthy();
    expect(everything).not.toContain(customer.phone_number!.number);
    expect(everything).not.toContain(customer.firstname!);
    expect(everything).not.toContain('Sènan');
  });

  it('declined at FedaPay: the checkout is declined, nothing applied; a later approval of another checkout still works', async () => {
    const shop = await newShop();
    const created = (await checkout(server.url, shop.owner.token, { packId: 'sms-100' })).body;
    await server.fedapay.setStatus(Number(created.transactionId), 'declined');
    expect(await checkoutStatus(server.ctx, shop.workshopId, created.checkoutId)).toBe('declined');
    expect(await paymentsOf(server.ctx, shop.workshopId)).toHaveLength(0);
  });

  it('an unknown transaction (not one of our checkouts) is answered 200 unknown and changes nothing', async () => {
    const t = { ...transactionOf(server, (await checkout(server.url, (await newShop()).owner.token, { packId: 'sms-100' })).body.transactionId) };
    t.id = 987_654;
    server.fedapay.transactions.set(t.id, { ...t, status: 'approved' });
    const reply = await deliverWebhook(server.url, { ...t, status: 'approved' });
    expect([reply.status, reply.body.outcome]).toEqual([200, 'unknown']);
    // An event that names no transaction at all.
    const other = JSON.stringify({ name: 'customer.created', object: 'customer', entity: { id: 5 } });
    const ignored = await call(server.url, 'POST', '/api/webhooks/fedapay', undefined, other, { 'x-fedapay-signature': signWebhook(other, FEDAPAY.webhookSecret) });
    expect([ignored.status, ignored.body.outcome]).toEqual([200, 'ignored']);
  });
});

describe('a transaction whose id was never recorded', () => {
  it('is adopted by the pending checkout FedaPay’s own metadata names, then settles once', async () => {
    const shop = await newShop();
    const created = (await checkout(server.url, shop.owner.token, { packId: 'sms-100' })).body;
    // As if the process had stopped between FedaPay's answer and the write of its id.
    await server.ctx.db.withWorkshop(shop.workshopId, (tx) => tx.execute(sql`UPDATE billing_checkouts SET transaction_id = NULL WHERE id = ${created.checkoutId}`));
    await server.fedapay.setStatus(Number(created.transactionId), 'approved');
    expect(await checkoutStatus(server.ctx, shop.workshopId, created.checkoutId)).toBe('paid');
    expect(await paymentsOf(server.ctx, shop.workshopId)).toMatchObject([{ transaction_id: created.transactionId }]);
    // A transaction whose metadata names a checkout that already has another transaction stays unknown.
    const t = transactionOf(server, created.transactionId);
    server.fedapay.transactions.set(424_242, { ...t, id: 424_242 });
    expect((await deliverWebhook(server.url, { ...t, id: 424_242 })).body.outcome).toBe('unknown');
    expect(await paymentsOf(server.ctx, shop.workshopId)).toHaveLength(1);
  });
});

describe('refused deliveries', () => {
  it('forged, stale (> 300 s), future-dated or missing signatures: 401 in French, nothing read back or written', async () => {
    const shop = await newShop();
    const created = (await checkout(server.url, shop.owner.token, { packId: 'sms-100' })).body;
    const t = transactionOf(server, created.transactionId);
    server.fedapay.webhook = null;
    try {
      await server.fedapay.setStatus(t.id, 'approved');
    } finally {
      server.fedapay.webhook = { url: `${server.url}/api/webhooks/fedapay`, secret: FEDAPAY.webhookSecret };
    }
    const retrievesBefore = server.fedapay.requests.filter((r) => r.method === 'GET').length;
    const now = Math.floor(Date.now() / 1000);
    const forged = await deliverWebhook(server.url, t, { secret: 'wh_forged' });
    expect([forged.status, forged.body.error.code, forged.body.error.message]).toEqual([401, 'bad_signature', 'Signature FedaPay invalide.']);
    expect((await deliverWebhook(server.url, t, { timestamp: now - 301 })).body.error.code).toBe('stale_signature');
    expect((await deliverWebhook(server.url, t, { timestamp: now + 3_600 })).body.error.code).toBe('stale_signature');
    const body = webhookBody(t);
    expect((await call(server.url, 'POST', '/api/webhooks/fedapay', undefined, body)).status).toBe(401);
    const altered = await call(server.url, 'POST', '/api/webhooks/fedapay', undefined, body.replace('"amount":2000', '"amount":20'), { 'x-fedapay-signature': signWebhook(body, FEDAPAY.webhookSecret) });
    expect(altered.status).toBe(401);
    expect(server.fedapay.requests.filter((r) => r.method === 'GET').length).toBe(retrievesBefore);
    expect(await paymentsOf(server.ctx, shop.workshopId)).toHaveLength(0);
    // A fresh signature of the same body is accepted (290 s old is within the tolerance).
    expect((await deliverWebhook(server.url, t, { timestamp: now - 290 })).body.outcome).toBe('applied');
  });

  it('hostile bodies: signed non-events and NUL / surrogates / deep nesting 400, huge 413, never 5xx', async () => {
    const signed = (body: string) => call(server.url, 'POST', '/api/webhooks/fedapay', undefined, body, { 'x-fedapay-signature': signWebhook(body, FEDAPAY.webhookSecret) });
    expect((await signed('not json')).body.error.code).toBe('invalid_payload');
    expect((await signed('[]')).body.error.code).toBe('invalid_payload');
    expect((await signed(JSON.stringify({ name: 'transaction.approved', entity: { id: 1, description: 'a\u0000b' } }))).body.error.code).toBe('unsafe_payload');
    expect((await signed('{"name":"transaction.approved","entity":{"id":1,"x":"\\ud800"}}')).body.error.code).toBe('unsafe_payload');
    let deep = '1';
    for (let i = 0; i < 200; i++) deep = `{"a":${deep}}`;
    expect((await signed(`{"name":"transaction.approved","entity":{"id":1,"x":${deep}}}`)).status).toBe(400);
    expect((await signed(JSON.stringify({ name: 'transaction.approved', entity: { id: 'x'.repeat(100) } }))).body.outcome).toBe('ignored');
    const huge = await call(server.url, 'POST', '/api/webhooks/fedapay', undefined, 'x'.repeat(200_000), { 'x-fedapay-signature': 't=1,s=00' });
    expect(huge.status).toBe(413);
    const nul = await call(server.url, 'POST', '/api/webhooks/fedapay', undefined, '\u0000\u0000', { 'x-fedapay-signature': 't=1,s=00' });
    expect(nul.status).toBe(401);
    expect((await call(server.url, 'GET', '/api/webhooks/fedapay')).status).toBe(405);
  });

  it('a FedaPay that does not answer the read-back: 503, FedaPay sends again and then it applies', async () => {
    const shop = await newShop();
    const created = (await checkout(server.url, shop.owner.token, { packId: 'sms-100' })).body;
    const t = transactionOf(server, created.transactionId);
    t.status = 'approved';
    server.fedapay.mode = 'error500';
    let reply;
    try {
      reply = await deliverWebhook(server.url, t);
    } finally {
      server.fedapay.mode = 'normal';
    }
    expect([reply.status, reply.body.error.code]).toEqual([503, 'provider_unavailable']);
    expect(await paymentsOf(server.ctx, shop.workshopId)).toHaveLength(0);
    expect((await deliverWebhook(server.url, t)).body.outcome).toBe('applied');
  });
});
