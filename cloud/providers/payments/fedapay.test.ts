/**
 * Payments through the official FedaPay SDK against a loopback FedaPay that speaks its wire
 * format (answers wrapped as {"v1/transaction": …}), reached with setApiBase; webhooks signed with
 * the SDK's generateTestHeaderString.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFedaPayLoopback, signWebhook, webhookBody, type FedaPayLoopback } from '../testing/fedapayLoopback.js';
import { startLoopbackHttp } from '../testing/loopbackHttp.js';
import { FedaPayPayments } from './fedapay.js';
import { PaymentProviderError } from './port.js';
import type { FedaPaySettings } from '../settings.js';

const SECRET_KEY = 'sk_sandbox_loopback';
const WEBHOOK_SECRET = 'wh_sandbox_loopback';

let loopback: FedaPayLoopback;
let settings: FedaPaySettings;

beforeAll(async () => {
  loopback = await startFedaPayLoopback(SECRET_KEY);
  settings = { secretKey: SECRET_KEY, environment: 'sandbox', webhookSecret: WEBHOOK_SECRET, baseUrl: loopback.url };
});

afterAll(async () => {
  await loopback?.close();
});

async function rejection(promise: Promise<unknown>): Promise<PaymentProviderError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PaymentProviderError);
  return error as PaymentProviderError;
}

const checkout = {
  amount: 5_000,
  description: 'Styliste — formule Atelier, 1 mois',
  callbackUrl: 'https://styliste.example/billing/return',
  customer: { firstname: 'Aïcha', lastname: 'Dossou', email: 'aicha@example.bj', phone: '+2290197000001' },
  metadata: { workshopId: 'w-1', planId: 'atelier', cycle: 'monthly' },
};

describe('FedaPay payments', () => {
  it('creates a checkout (Transaction.create then generateToken) and reads the transaction back', async () => {
    const payments = new FedaPayPayments(settings);
    const created = await payments.createCheckout(checkout);
    expect(created.kind).toBe('fedapay');
    expect(created.url).toMatch(new RegExp(`^${loopback.url}/pay/[0-9a-f]{32}$`));
    const [create, token] = loopback.requests.slice(-2);
    expect(create!.path).toBe('/v1/transactions');
    expect(create!.headers.authorization).toBe(`Bearer ${SECRET_KEY}`);
    expect(create!.json).toEqual({
      description: checkout.description,
      amount: 5000,
      currency: { iso: 'XOF' },
      callback_url: checkout.callbackUrl,
      customer: { firstname: 'Aïcha', lastname: 'Dossou', email: 'aicha@example.bj', phone_number: { number: '0197000001', country: 'bj' } },
      custom_metadata: checkout.metadata,
    });
    expect(token!.path).toBe(`/v1/transactions/${created.transactionId}/token`);

    const pending = await payments.retrieve(created.transactionId);
    expect(pending).toMatchObject({ id: created.transactionId, status: 'pending', paid: false, amount: 5000, metadata: checkout.metadata });
    await loopback.setStatus(Number(created.transactionId), 'approved');
    const approved = await payments.retrieve(created.transactionId);
    expect(approved).toMatchObject({ status: 'approved', paid: true, amount: 5000 });
    expect(approved.approvedAt).toEqual(expect.any(String));
  });

  it('maps FedaPay’s refusals (not Error instances) to typed errors: 4xx permanent, 5xx and timeouts transient', async () => {
    const payments = new FedaPayPayments(settings);
    const unknown = await rejection(payments.retrieve('999999'));
    expect(unknown).toMatchObject({ code: 'not_found', permanent: true, httpStatus: 404, reason: 'Transaction inconnue chez FedaPay.' });
    const invalid = await rejection(payments.createCheckout({ ...checkout, description: '' }));
    expect(invalid).toMatchObject({ code: 'invalid_request', permanent: true, httpStatus: 400 });
    expect(invalid.detail).toContain('description');
    const badKey = await rejection(new FedaPayPayments({ ...settings, secretKey: 'sk_sandbox_wrong' }).retrieve('1000'));
    expect(badKey).toMatchObject({ code: 'provider_credentials', permanent: false, httpStatus: 401 });
    loopback.mode = 'error500';
    try {
      expect(await rejection(payments.createCheckout(checkout))).toMatchObject({ code: 'provider_unavailable', permanent: false, httpStatus: 500 });
    } finally {
      loopback.mode = 'normal';
    }
    loopback.mode = 'slow';
    loopback.slowMs = 3_000;
    try {
      const started = Date.now();
      const slow = await rejection(new FedaPayPayments(settings, { timeoutMs: 300 }).retrieve('1000'));
      expect(slow).toMatchObject({ code: 'timeout', permanent: false, httpStatus: null });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      loopback.mode = 'normal';
    }
    const fetchedAfter = loopback.requests.length;
    expect((await payments.retrieve('1000')).id).toBe('1000'); // the other adapter keeps its own timeout
    expect(loopback.requests[fetchedAfter]!.headers['x-styliste-timeout-ms']).toBeUndefined();
    const closed = await startLoopbackHttp(() => undefined);
    await closed.close();
    expect(await rejection(new FedaPayPayments({ ...settings, baseUrl: closed.url }).retrieve('1000'))).toMatchObject({ code: 'network', permanent: false });
    await expect(payments.createCheckout({ ...checkout, amount: 12.5 })).rejects.toThrow(RangeError);
  });
});

describe('FedaPay webhooks', () => {
  const payments = () => new FedaPayPayments(settings);
  const body = webhookBody({
    id: 1000,
    klass: 'v1/transaction',
    transaction_key: 'k',
    reference: 'trx_1',
    amount: 5000,
    description: 'd',
    callback_url: 'c',
    status: 'approved',
    currency_id: 1,
    customer_id: null,
    mode: 'mtn',
    custom_metadata: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    approved_at: '2026-01-01T00:00:00Z',
  });

  it('accepts a body signed by FedaPay’s own header format and names the transaction', () => {
    const verified = payments().verifyWebhook(Buffer.from(body), signWebhook(body, WEBHOOK_SECRET));
    expect(verified).toMatchObject({ ok: true, event: { name: 'transaction.approved', transactionId: '1000' } });
  });

  it('refuses a forged, altered, unsigned, old (> 300 s) or future-dated signature', () => {
    const p = payments();
    const now = Math.floor(Date.now() / 1000);
    expect(p.verifyWebhook(body, signWebhook(body, 'wh_sandbox_forged'))).toMatchObject({ ok: false, code: 'bad_signature', reason: 'Signature FedaPay invalide.' });
    expect(p.verifyWebhook(body.replace('"amount":5000', '"amount":50'), signWebhook(body, WEBHOOK_SECRET))).toMatchObject({ ok: false, code: 'bad_signature' });
    expect(p.verifyWebhook(body, undefined)).toMatchObject({ ok: false, code: 'missing_signature' });
    expect(p.verifyWebhook(body, 's=abc')).toMatchObject({ ok: false, code: 'missing_signature' });
    expect(p.verifyWebhook(body, signWebhook(body, WEBHOOK_SECRET, now - 301))).toMatchObject({ ok: false, code: 'stale_signature' });
    expect(p.verifyWebhook(body, signWebhook(body, WEBHOOK_SECRET, now - 290))).toMatchObject({ ok: true });
    expect(p.verifyWebhook(body, signWebhook(body, WEBHOOK_SECRET, now + 3_600))).toMatchObject({ ok: false, code: 'stale_signature' });
    expect(p.verifyWebhook('not json', signWebhook('not json', WEBHOOK_SECRET))).toMatchObject({ ok: false, code: 'invalid_payload' });
  });
});
