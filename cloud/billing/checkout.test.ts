/**
 * POST /api/billing/checkout through the official FedaPay SDK against the loopback FedaPay, on the
 * real test server (PGlite, or Postgres with TEST_DATABASE_URL): the transaction FedaPay receives
 * (exact price in XOF, French description, callback to the return page, our metadata), who may
 * buy, what is refused, a FedaPay that fails or is slow, and the outbox without credentials.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { call, checkout, checkoutStatus, PUBLIC_URL, startBillingServer, transactionOf, type BillingServer } from './billingTesting.js';
import { RETURN_TOKEN_PATTERN } from './checkoutService.js';

let server: BillingServer;
let shop: FixtureWorkshop;

beforeAll(async () => {
  server = await startBillingServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Akpédjé');
});

afterAll(async () => {
  await server?.close();
});

describe('POST /api/billing/checkout', () => {
  it('creates the FedaPay transaction for the plan’s exact price in XOF, with the return page and our metadata', async () => {
    const reply = await checkout(server.url, shop.owner.token, { planId: 'atelier', cycle: 'monthly' });
    expect(reply.status).toBe(201);
    const { checkoutId, transactionId, url, kind, amount, returnUrl } = reply.body;
    expect({ kind, amount }).toEqual({ kind: 'plan', amount: 6_000 });
    expect(url).toMatch(new RegExp(`^${server.fedapay.url}/pay/[0-9a-f]{32}$`));
    const token = returnUrl.slice(`${PUBLIC_URL}/paiement/retour/`.length);
    expect(returnUrl.startsWith(`${PUBLIC_URL}/paiement/retour/`)).toBe(true);
    expect(token).toMatch(RETURN_TOKEN_PATTERN);

    const t = transactionOf(server, transactionId);
    expect(t.amount).toBe(6_000);
    expect(t.status).toBe('pending');
    expect(t.callback_url).toBe(returnUrl);
    expect(t.custom_metadata).toEqual({ checkoutId, workshopId: shop.workshopId });
    expect(t.description).toBe('Styliste — formule Atelier, 1 mois');
    const created = server.fedapay.requests.find((r) => r.path === '/v1/transactions' && (r.json as { custom_metadata?: { checkoutId?: string } }).custom_metadata?.checkoutId === checkoutId)!;
    expect((created.json as { currency: unknown }).currency).toEqual({ iso: 'XOF' });
    expect(server.fedapay.customers.get(t.id)).toMatchObject({ firstname: 'Propriétaire', phone_number: { country: 'bj' } });
    expect(await checkoutStatus(server.ctx, shop.workshopId, checkoutId)).toBe('pending');

    const status = await call(server.url, 'GET', `/api/billing/checkouts/${checkoutId}`, shop.owner.token);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ id: checkoutId, status: 'pending', kind: 'plan', amount: 6_000, transactionId, planId: 'atelier', cycle: 'monthly', paymentId: null });
  });

  it('sells the yearly price and credit packs at their price', async () => {
    const yearly = await checkout(server.url, shop.owner.token, { planId: 'solo', cycle: 'yearly' });
    expect(yearly.body).toMatchObject({ kind: 'plan', amount: 25_000 });
    expect(transactionOf(server, yearly.body.transactionId).amount).toBe(25_000);
    const pack = await checkout(server.url, shop.owner.token, { packId: 'sms-500' });
    expect(pack.status).toBe(201);
    expect(pack.body).toMatchObject({ kind: 'pack', amount: 9_000 });
    expect(transactionOf(server, pack.body.transactionId)).toMatchObject({ amount: 9_000, description: 'Styliste — 500 crédits SMS' });
  });

  it('is the owner’s: staff and viewers get 403 from the guard, no token 401, and nothing reaches FedaPay', async () => {
    const staff = await shop.addMember('staff', 'Koffi');
    const viewer = await shop.addMember('viewer', 'Afi');
    const before = server.fedapay.transactions.size;
    for (const member of [staff, viewer]) {
      const reply = await checkout(server.url, member.token, { planId: 'atelier', cycle: 'monthly' });
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('forbidden');
    }
    expect((await checkout(server.url, '', { planId: 'atelier', cycle: 'monthly' })).status).toBe(401);
    expect(server.fedapay.transactions.size).toBe(before);
    // A member may follow a checkout, but not another workshop's.
    const created = await checkout(server.url, shop.owner.token, { packId: 'sms-100' });
    expect((await call(server.url, 'GET', `/api/billing/checkouts/${created.body.checkoutId}`, viewer.token)).status).toBe(200);
    const other = await createFixtureWorkshop(server.ctx, 'Autre atelier');
    const foreign = await call(server.url, 'GET', `/api/billing/checkouts/${created.body.checkoutId}`, other.owner.token);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('payment_not_found');
  });

  it('refuses what is not sold, in French, and hostile bodies with a 4xx', async () => {
    const cases: [unknown, number, string][] = [
      [{ planId: 'platine', cycle: 'monthly' }, 400, 'unknown_plan'],
      [{ planId: 'gratuit', cycle: 'monthly' }, 400, 'free_plan_not_sold'],
      [{ packId: 'sms-9999' }, 400, 'unknown_pack'],
      [{ planId: 'atelier', cycle: 'weekly' }, 400, 'invalid_input'],
      [{ planId: 'atelier', cycle: 'monthly', amount: 1 }, 400, 'invalid_input'],
      [{ planId: 'atel\u0000ier', cycle: 'monthly' }, 400, 'invalid_text'],
      [{ planId: 'atelier\ud800', cycle: 'monthly' }, 400, 'invalid_text'],
      [{ packId: ['sms-100'] }, 400, 'invalid_input'],
    ];
    for (const [body, status, code] of cases) {
      const reply = await checkout(server.url, shop.owner.token, body);
      expect([reply.status, reply.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect((await checkout(server.url, shop.owner.token, { planId: 'platine', cycle: 'monthly' })).body.error.message).toBe('Cette formule n’existe pas ou n’est plus proposée.');
    let nested: unknown = { packId: 'sms-100' };
    for (let i = 0; i < 100; i++) nested = { a: nested };
    expect((await checkout(server.url, shop.owner.token, nested)).status).toBe(400);
    expect((await checkout(server.url, shop.owner.token, { packId: 'x'.repeat(2_000_000) })).status).toBe(413);
    expect((await checkout(server.url, shop.owner.token, '{"packId":')).status).toBe(400);
    expect((await call(server.url, 'GET', '/api/billing/checkouts/not-a-uuid', shop.owner.token)).status).toBe(400);
  });

  it('answers 503 payment_unavailable when FedaPay fails or is slow, marks the checkout failed, charges nothing', async () => {
    for (const mode of ['error500', 'slow'] as const) {
      server.fedapay.mode = mode;
      server.fedapay.slowMs = 4_000;
      const before = server.fedapay.transactions.size;
      let reply;
      try {
        const started = Date.now();
        reply = await checkout(server.url, shop.owner.token, { planId: 'atelier', cycle: 'monthly' });
        expect(Date.now() - started).toBeLessThan(3_500);
      } finally {
        server.fedapay.mode = 'normal';
      }
      expect(reply.status, mode).toBe(503);
      expect(reply.body.error.code).toBe('payment_unavailable');
      expect(reply.body.error.message).toMatch(/^Le paiement en ligne est indisponible pour le moment/);
      if (mode === 'error500') expect(server.fedapay.transactions.size).toBe(before);
    }
    const failed = await server.ctx.db.withWorkshop(shop.workshopId, async (tx) => {
      const { rows } = await import('../db/client.js');
      const { sql } = await import('drizzle-orm');
      return rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM billing_checkouts WHERE status = 'failed' AND transaction_id IS NULL`);
    });
    expect(failed[0]!.n).toBe(2);
  });
});

describe('without FedaPay credentials (the outbox)', () => {
  let outbox: TestServer;
  beforeAll(async () => {
    outbox = await startTestServer({ PUBLIC_URL, DATA_DIR: `/tmp/styliste-billing-outbox-${process.pid}` });
  });
  afterAll(async () => {
    await outbox?.close();
  });

  it('answers honestly with the outbox’s page, and no webhook is accepted', async () => {
    const owner = await createFixtureWorkshop(outbox.ctx);
    const reply = await checkout(outbox.url, owner.owner.token, { packId: 'sms-100' });
    expect(reply.status).toBe(201);
    expect(reply.body.url).toMatch(new RegExp(`^${PUBLIC_URL}/dev/outbox/payments/`));
    expect(reply.body.transactionId).toMatch(/^outbox-/);
    const hook = await call(outbox.url, 'POST', '/api/webhooks/fedapay', undefined, '{"name":"transaction.approved"}', { 'x-fedapay-signature': 't=1,s=00' });
    expect(hook.status).toBe(401);
    expect(hook.body.error.code).toBe('not_configured');
    const page = await fetch(`${outbox.url}${new URL(reply.body.returnUrl).pathname}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('En attente de confirmation');
  });
});
