/**
 * The payment history and the numbered PDF receipts, on the real test server (both databases),
 * payments made through the loopback FedaPay: newest first, STY-numbers distinct and increasing,
 * the PDF's text (Styliste as seller, the workshop, number, local date, what, FCFA, FedaPay's
 * reference and method), members may read, another workshop's payment is not found.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { pdfTextContent } from '../../shared/documents/pdfTextContent.testing.js';
import { call, checkout, startBillingServer, transactionOf, type BillingServer } from './billingTesting.js';

let server: BillingServer;
let shop: FixtureWorkshop;
let txids: string[] = [];

beforeAll(async () => {
  server = await startBillingServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Sègbé');
  for (const body of [{ planId: 'solo', cycle: 'yearly' }, { packId: 'sms-500' }]) {
    const created = (await checkout(server.url, shop.owner.token, body)).body;
    const t = transactionOf(server, created.transactionId);
    t.mode = 'mtn';
    await server.fedapay.setStatus(t.id, 'approved');
    txids.push(created.transactionId);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
});

afterAll(async () => {
  await server?.close();
});

const flat = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ');

describe('GET /api/billing/payments', () => {
  it('lists the payments newest first with distinct receipt numbers, what, amount and period end', async () => {
    const viewer = await shop.addMember('viewer');
    const reply = await call(server.url, 'GET', '/api/billing/payments', viewer.token);
    expect(reply.status).toBe(200);
    const [pack, plan] = reply.body.payments;
    expect(reply.body.payments).toHaveLength(2);
    expect(pack).toMatchObject({ kind: 'pack', description: '500 crédits SMS', amount: 9_000, packId: 'sms-500', credits: 500, periodEnd: null, method: 'mtn', transactionId: txids[1] });
    expect(plan).toMatchObject({ kind: 'plan', description: 'Formule Solo, 1 an', amount: 25_000, planId: 'solo', cycle: 'yearly', transactionId: txids[0] });
    expect(plan.periodEnd).toEqual(expect.any(String));
    for (const p of [pack, plan]) expect(p.receiptNumber).toMatch(/^STY-\d{6}$/);
    expect(Number(pack.receiptNumber.slice(4))).toBeGreaterThan(Number(plan.receiptNumber.slice(4)));
    const english = await call(server.url, 'GET', '/api/billing/payments', viewer.token, undefined, { 'accept-language': 'en' });
    expect(english.body.payments[1].description).toBe('Solo plan, 1 year');
  });

  it('shows another workshop nothing of these payments', async () => {
    const other = await createFixtureWorkshop(server.ctx, 'Autre');
    expect((await call(server.url, 'GET', '/api/billing/payments', other.owner.token)).body.payments).toEqual([]);
    expect((await call(server.url, 'GET', '/api/billing/payments')).status).toBe(401);
  });
});

describe('GET /api/billing/payments/:id/receipt', () => {
  it('is a numbered PDF receipt with the seller, the workshop, the local date, what, the FCFA amount and FedaPay’s reference', async () => {
    const { payments } = (await call(server.url, 'GET', '/api/billing/payments', shop.owner.token)).body;
    const plan = payments[1];
    const response = await fetch(`${server.url}/api/billing/payments/${plan.id}/receipt`, { headers: { authorization: `Bearer ${shop.owner.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="${plan.receiptNumber}.pdf"`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const text = flat(pdfTextContent(bytes));
    expect(text).toContain('Styliste');
    expect(text).toContain('REÇU DE PAIEMENT');
    expect(text).toContain(`Reçu n° ${plan.receiptNumber}`);
    expect(text).toContain('Atelier Sègbé');
    expect(text).toContain('Formule Solo, 1 an');
    expect(text).toContain('25 000 FCFA');
    expect(text).toContain(txids[0]!);
    expect(text).toContain('MTN Mobile Money');
    const day = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Africa/Porto-Novo' }).format(new Date(plan.paidAt));
    expect(text).toContain(`Date : ${day}`);
    const periodEnd = new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Africa/Porto-Novo' }).format(new Date(plan.periodEnd));
    expect(text).toContain(`Payé jusqu’au ${periodEnd}`);

    const pack = payments[0];
    const packPdf = new Uint8Array(await (await fetch(`${server.url}/api/billing/payments/${pack.id}/receipt`, { headers: { authorization: `Bearer ${shop.owner.token}` } })).arrayBuffer());
    const packText = flat(pdfTextContent(packPdf));
    expect(packText).toContain(`Reçu n° ${pack.receiptNumber}`);
    expect(packText).toContain('500 crédits SMS ajoutés');
    expect(packText).toContain('9 000 FCFA');
  });

  it('another workshop’s payment id is 404 in French; malformed ids 400', async () => {
    const { payments } = (await call(server.url, 'GET', '/api/billing/payments', shop.owner.token)).body;
    const other = await createFixtureWorkshop(server.ctx, 'Voisin');
    const foreign = await call(server.url, 'GET', `/api/billing/payments/${payments[0].id}/receipt`, other.owner.token);
    expect([foreign.status, foreign.body.error.code, foreign.body.error.message]).toEqual([404, 'receipt_not_found', 'Reçu introuvable.']);
    expect((await call(server.url, 'GET', '/api/billing/payments/123/receipt', shop.owner.token)).status).toBe(400);
    expect((await call(server.url, 'GET', '/api/billing/payments/%00/receipt', shop.owner.token)).status).toBe(400);
    expect((await call(server.url, 'GET', '/api/billing/payments/00000000-0000-4000-8000-000000000000/receipt', shop.owner.token)).status).toBe(404);
  });
});
