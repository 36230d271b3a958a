/**
 * The return page `GET /paiement/retour/<token>` (HTML, French, no JavaScript) over HTTP, through
 * the loopback FedaPay's own payment page (`/pay/<token>`: its button approves, sends the signed
 * webhook and redirects to callback_url): pending → confirmed, a lost webhook settled by the page
 * asking FedaPay itself (at most every 3 s), declined, and unknown tokens. Both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { checkout, checkoutStatus, FEDAPAY, paymentsOf, returnPath, startBillingServer, type BillingServer } from './billingTesting.js';
import { POLL_INTERVAL_MS } from './checkoutService.js';

let server: BillingServer;
let shop: FixtureWorkshop;

beforeAll(async () => {
  server = await startBillingServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Houéfa');
});

afterAll(async () => {
  await server?.close();
});

async function returnPage(path: string, headers: Record<string, string> = {}): Promise<{ status: number; html: string; headers: Headers }> {
  const response = await fetch(`${server.url}${path}`, { headers });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** The payer on the loopback FedaPay's page: opens it, presses « Payer », follows the redirect's path on our server. */
async function payOnFedaPay(url: string): Promise<string> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<button>Payer</button>');
  const pressed = await fetch(url, { method: 'POST', redirect: 'manual' });
  expect(pressed.status).toBe(302);
  const location = new URL(pressed.headers.get('location')!);
  return `${location.pathname}${location.search}`;
}

describe('the return page', () => {
  it('says « en attente » (refreshing itself) while pending, then « Paiement confirmé » with what was bought after FedaPay’s page', async () => {
    const created = (await checkout(server.url, shop.owner.token, { planId: 'atelier', cycle: 'monthly' })).body;
    const path = returnPath(created.returnUrl);
    const pending = await returnPage(path);
    expect(pending.status).toBe(200);
    expect(pending.html).toContain('En attente de confirmation…');
    expect(pending.html).toContain('<meta http-equiv="refresh" content="3">');
    expect(pending.html).toContain('<meta name="robots" content="noindex">');
    expect(pending.headers.get('cache-control')).toBe('private, no-store');
    expect(pending.headers.get('x-robots-tag')).toBe('noindex');
    expect(pending.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(pending.html.length).toBeLessThan(2_000);
    expect(pending.html).not.toContain('<script');

    const back = await payOnFedaPay(created.url);
    expect(back.startsWith(path)).toBe(true); // FedaPay adds ?id=…&status=approved, which the page ignores
    const confirmed = await returnPage(back);
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain('Paiement confirmé');
    expect(confirmed.html).toContain('Formule Atelier, 1 mois');
    expect(confirmed.html).toMatch(/6\s000\sFCFA/);
    expect(confirmed.html).toContain('Formule payée jusqu’au');
    expect(confirmed.html).not.toContain('http-equiv="refresh"');
    expect(await paymentsOf(server.ctx, shop.workshopId)).toHaveLength(1);
  });

  it('settles a payment whose webhook was lost by asking FedaPay itself, at most every few seconds per checkout', async () => {
    const created = (await checkout(server.url, shop.owner.token, { packId: 'sms-100' })).body;
    const path = returnPath(created.returnUrl);
    expect((await returnPage(path)).html).toContain('En attente'); // asks FedaPay: still pending
    server.fedapay.webhook = null; // FedaPay's webhook never arrives
    let back: string;
    try {
      back = await payOnFedaPay(created.url);
    } finally {
      server.fedapay.webhook = { url: `${server.url}/api/webhooks/fedapay`, secret: FEDAPAY.webhookSecret };
    }
    const retrievals = () => server.fedapay.requests.filter((r) => r.method === 'GET' && r.path === `/v1/transactions/${created.transactionId}`).length;
    const before = retrievals();
    const soon = await returnPage(back);
    if (soon.html.includes('En attente')) {
      // Asked less than POLL_INTERVAL_MS ago: the page does not ask FedaPay again yet.
      expect(retrievals()).toBe(before);
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS + 100));
    }
    const settled = await returnPage(back);
    expect(settled.html).toContain('Paiement confirmé');
    expect(settled.html).toContain('100 crédits SMS');
    expect(await checkoutStatus(server.ctx, shop.workshopId, created.checkoutId)).toBe('paid');
    expect(retrievals()).toBe(before + 1);
    // Settled: reading the page again asks FedaPay nothing more.
    await returnPage(back);
    expect(retrievals()).toBe(before + 1);
  });

  it('says « Paiement refusé » for a declined payment', async () => {
    const created = (await checkout(server.url, shop.owner.token, { packId: 'sms-500' })).body;
    await server.fedapay.setStatus(Number(created.transactionId), 'declined');
    const page = await returnPage(returnPath(created.returnUrl));
    expect(page.html).toContain('Paiement refusé');
    expect(page.html).toContain('rien n’a été débité');
  });

  it('answers a French 404 page for an unknown or malformed token, never JSON, never 5xx', async () => {
    for (const token of ['A'.repeat(24), 'abc', 'x'.repeat(5_000), '%00', '%F0%9F', '..%2F..%2Fetc']) {
      const page = await returnPage(`/paiement/retour/${token}`);
      expect(page.status, token).toBeGreaterThanOrEqual(400);
      expect(page.status, token).toBeLessThan(500);
      if (page.status === 404) {
        expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(page.html).toContain('Lien de paiement inconnu');
      }
    }
  });

  it('limits the misses of one address (30 per 10 minutes, then a French 429 page); a known link never counts', async () => {
    const guesser = { 'x-forwarded-for': '198.51.100.7' };
    for (let i = 0; i < 30; i++) expect((await returnPage(`/paiement/retour/${'G'.repeat(23)}${i % 10}`, guesser)).status).toBe(404);
    const stopped = await returnPage(`/paiement/retour/${'G'.repeat(24)}`, guesser);
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(stopped.html).toContain('Trop de liens de paiement inconnus');
    // Another address is not held back.
    expect((await returnPage(`/paiement/retour/${'G'.repeat(24)}`, { 'x-forwarded-for': '198.51.100.8' })).status).toBe(404);
  });
});
