/**
 * Providers without credentials: each writes what it would have sent to the development outbox,
 * says so in its result and in one log line, and GET /dev/outbox lists it (in French, escaped) —
 * outside production only.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config.js';
import type { CloudContext } from '../context.js';
import { createProviders, type Providers } from './providers.js';
import { mountDevOutbox } from './outboxRoutes.js';
import { signWebhook } from './testing/fedapayLoopback.js';

const dataDir = mkdtempSync(join(tmpdir(), 'styliste-outbox-'));
const logLines: Array<Record<string, unknown>> = [];
const logger = pino(
  { level: 'info' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  }),
);

let config: Config;
let providers: Providers;

/** A real HTTP server with only the outbox routes; mountDevOutbox reads nothing of the context but its config. */
async function serveOutbox(withConfig: Config): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  mountDevOutbox(app, { config: withConfig } as CloudContext);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

beforeAll(() => {
  config = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x'.repeat(40), NODE_ENV: 'test', PUBLIC_URL: 'http://127.0.0.1:8080' });
  providers = createProviders(config, logger);
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the development outbox', () => {
  it('is what every provider uses without credentials, said once at start', () => {
    expect([providers.sms.kind, providers.whatsapp.kind, providers.email.kind, providers.payments.kind]).toEqual(['outbox', 'outbox', 'outbox', 'outbox']);
    expect(logLines.some((line) => String(line.msg).includes('writing to') && String(line.msg).includes('sms, whatsapp, email, payments'))).toBe(true);
  });

  it('writes each message to its own JSON file, answers "outbox", and logs one line', async () => {
    logLines.length = 0;
    const sms = await providers.sms.send({ to: '+2290197000001', text: 'Aïcha, votre tenue est prête <script>alert(1)</script>', reference: 'msg-1' });
    expect(sms).toMatchObject({ status: 'outbox', entryId: expect.stringMatching(/^[0-9a-f]{12}$/) });
    expect(sms.status).not.toBe('accepted');
    if (sms.status !== 'outbox') throw new Error('expected the outbox');
    expect(dirname(sms.file)).toBe(join(dataDir, 'outbox', 'sms'));
    expect(basename(sms.file)).toMatch(new RegExp(`^\\d{8}T\\d{9}Z-${sms.entryId}\\.json$`));
    expect(JSON.parse(readFileSync(sms.file, 'utf8'))).toMatchObject({
      id: sms.entryId,
      provider: 'sms',
      reference: 'msg-1',
      to: '+2290197000001',
      payload: { to: '+2290197000001', message: 'Aïcha, votre tenue est prête <script>alert(1)</script>' },
    });
    expect(logLines.filter((line) => line.entryId === sms.entryId)).toEqual([expect.objectContaining({ level: 30, provider: 'sms', file: sms.file })]);

    const whatsapp = await providers.whatsapp.send({ to: '+2290197000001', template: { contentSid: 'HXabc', variables: { 1: 'Aïcha' } } });
    const email = await providers.email.send({ to: 'aicha@example.bj', subject: 'Votre tenue', text: 'Bonjour', html: '<p>Bonjour</p>' });
    expect([whatsapp.status, email.status]).toEqual(['outbox', 'outbox']);
    if (whatsapp.status === 'outbox') expect(JSON.parse(readFileSync(whatsapp.file, 'utf8')).payload).toEqual({ to: 'whatsapp:+2290197000001', contentSid: 'HXabc', contentVariables: '{"1":"Aïcha"}' });
    expect(readdirSync(join(dataDir, 'outbox', 'sms')).every((name) => name.endsWith('.json'))).toBe(true); // no temporary file left behind
    expect(providers.sms.acceptsWebhookToken('anything')).toBe(false);
    expect(providers.whatsapp.validateWebhook('http://127.0.0.1/api/webhooks/twilio', {}, 'sig')).toBe(false);
  });

  it('never makes a payment look paid: a local page instead of a payment page, "outbox" when read back, no webhook accepted', async () => {
    const checkout = await providers.payments.createCheckout({ amount: 5000, description: 'Formule Atelier, 1 mois', callbackUrl: 'http://127.0.0.1:8080/billing/return', metadata: { workshopId: 'w-1' } });
    expect(checkout).toMatchObject({ kind: 'outbox', transactionId: expect.stringMatching(/^outbox-[0-9a-f]{12}$/) });
    expect(checkout.url).toBe(`http://127.0.0.1:8080/dev/outbox/payments/${checkout.transactionId.slice('outbox-'.length)}`);
    expect(await providers.payments.retrieve(checkout.transactionId)).toMatchObject({ status: 'outbox', paid: false, amount: 5000, metadata: { workshopId: 'w-1' } });
    await expect(providers.payments.retrieve('outbox-000000000000')).rejects.toMatchObject({ code: 'not_found' });
    const body = JSON.stringify({ name: 'transaction.approved', entity: { id: checkout.transactionId } });
    expect(providers.payments.verifyWebhook(body, signWebhook(body, 'any-secret'))).toMatchObject({ ok: false, code: 'not_configured' });
  });

  it('is listed at GET /dev/outbox in French, escaped, newest first, and as JSON', async () => {
    await providers.sms.send({ to: '+2290197000002', text: 'Deuxième message' });
    const server = await serveOutbox(config);
    try {
      const page = await fetch(`${server.url}/dev/outbox`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<html lang="fr">');
      expect(html).toContain('Boîte d’envoi de développement');
      expect(html).toContain('Rien n’est parti, rien n’a été remis ni payé.');
      expect(html).toContain('Aïcha, votre tenue est prête &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain('<script>alert(1)</script>');
      expect(html.indexOf('Deuxième message')).toBeLessThan(html.indexOf('Aïcha, votre tenue'));
      expect(html).toContain('Modèle HXabc');
      expect(html).toContain('5000 FCFA — Formule Atelier, 1 mois');

      const json = (await (await fetch(`${server.url}/dev/outbox?format=json`)).json()) as { providers: Record<string, { configured: boolean; total: number; entries: Array<{ payload: Record<string, unknown> }> }> };
      expect(json.providers.sms).toMatchObject({ configured: false, total: 2 });
      expect(json.providers.sms!.entries.map((e) => e.payload.message)).toEqual(['Deuxième message', 'Aïcha, votre tenue est prête <script>alert(1)</script>']);
      expect(json.providers.email!.entries[0]!.payload).toMatchObject({ subject: 'Votre tenue', html: '<p>Bonjour</p>' });

      const english = await (await fetch(`${server.url}/dev/outbox`, { headers: { 'Accept-Language': 'en' } })).text();
      expect(english).toContain('Development outbox');

      const entries = json.providers.payments!.entries as Array<{ payload: Record<string, unknown>; id?: string }>;
      const checkoutPage = await fetch(`${server.url}/dev/outbox/payments/${(entries[0] as { id: string }).id}`);
      expect(checkoutPage.status).toBe(200);
      const explained = await checkoutPage.text();
      expect(explained).toContain('Paiement impossible : aucun fournisseur configuré');
      expect(explained).toContain('rien n’a été payé');
      expect((await fetch(`${server.url}/dev/outbox/payments/000000000000`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('answers 404 in production even when mounted by mistake', async () => {
    const production = loadConfig({ DATA_DIR: dataDir, NODE_ENV: 'production', JWT_SECRET: 'kR4v9-Xq2mZ8pL1sW7tY3nB6cD0fG5hJ' });
    const server = await serveOutbox(production);
    try {
      for (const path of ['/dev/outbox', '/dev/outbox?format=json', '/dev/outbox/payments/000000000000']) {
        const answer = await fetch(`${server.url}${path}`);
        expect(answer.status).toBe(404);
        expect(await answer.json()).toEqual({ error: { code: 'not_found', message: 'Adresse inconnue.' } });
      }
    } finally {
      await server.close();
    }
    expect(existsSync(join(dataDir, 'outbox', 'sms'))).toBe(true); // the files stay; only the page is refused
  });

  it('uses the official SDKs’ adapters as soon as a provider’s settings are complete', () => {
    const configured = loadConfig({
      DATA_DIR: dataDir,
      JWT_SECRET: 'x'.repeat(40),
      AFRICASTALKING_USERNAME: 'atelier',
      AFRICASTALKING_API_KEY: 'k',
      AFRICASTALKING_WEBHOOK_TOKEN: 'a-long-random-webhook-token',
      TWILIO_ACCOUNT_SID: 'AC0123456789abcdef',
      TWILIO_AUTH_TOKEN: 't',
      TWILIO_WHATSAPP_FROM: '+2290190000000',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      MAIL_FROM: 'bonjour@styliste.example',
      FEDAPAY_SECRET_KEY: 'sk_sandbox_x',
      FEDAPAY_WEBHOOK_SECRET: 'wh_sandbox_x',
    });
    const real = createProviders(configured, logger);
    expect([real.sms.kind, real.whatsapp.kind, real.email.kind, real.payments.kind]).toEqual(['africastalking', 'twilio', 'smtp', 'fedapay']);
    real.email.close();
  });
});
