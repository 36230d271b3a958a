/**
 * How the dispatcher meets a failing provider, through the SDK and the loopback: a 500 is
 * retried until it is sent (charged once); a 401 (our credentials refused) is retried as our own
 * configuration error, counted for alerting, and fails with its credits back once the retries run
 * out; a slow provider times out and is retried (the provider may have taken the first copy: the
 * loopback counts two); a refused number fails at once with its reason and its credits back; and
 * a message that has moved on (delivered, failed) is never sent or turned back by a late run.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_TUNING, Shop, sleep, startDispatchServer, type DispatchServer } from './dispatchTesting.js';
import { MESSAGE_SEND_JOB } from './dispatchQueue.js';
import { AfricasTalkingSms } from '../providers/sms/africasTalking.js';
import type { SmsSender } from '../providers/sms/port.js';

let server: DispatchServer;
let shop: Shop;
let sms: SmsSender;
const attempts = QUICK_TUNING.messages!.retryLimit! + 1;

beforeAll(async () => {
  server = await startDispatchServer();
  shop = await Shop.open(server, 100);
  sms = server.ctx.services.providers.sms;
});

afterEach(() => {
  server.at.mode = 'normal';
  server.at.recipientStatus.clear();
  server.ctx.services.providers.sms = sms;
});

afterAll(async () => {
  await server?.close();
});

const requestsTo = (number: string) => server.at.requests.filter((r) => r.form?.to === number);
const sentTo = (number: string) => server.at.sent.filter((m) => m.to === number);

/** Waits until the message's job failed once and waits for its retry. */
async function waitForRetry(messageId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job = await server.ctx.services.jobs.queue.job(MESSAGE_SEND_JOB, messageId);
    if (job && (job.state === 'retry' || job.retryCount > 0)) return;
    if (Date.now() > deadline) throw new Error(`no retry of ${messageId}: ${job?.state}`);
    await sleep(25);
  }
}

async function counted(outcome: string, code: string): Promise<number> {
  const metric = await server.ctx.metrics.getSingleMetric('messages_dispatched_total')!.get();
  return metric.values.filter((v) => v.labels.outcome === outcome && v.labels.code === code).reduce((sum, v) => sum + v.value, 0);
}

describe('transient failures are retried', () => {
  it('retries a 500 and sends the message once it answers, charged once', async () => {
    const client = await shop.client();
    server.at.mode = 'error500';
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Essayage demain à 10 h'));
    await waitForRetry(messageId);
    expect((await shop.message(messageId)).status).toBe('sending');
    server.at.mode = 'normal';
    const stored = await shop.settled(messageId, ['sent', 'failed']);
    expect(stored.status).toBe('sent');
    expect(requestsTo(client.phone).length).toBeGreaterThanOrEqual(2);
    expect(sentTo(client.phone)).toHaveLength(1);
    expect(sentTo(client.phone)[0]!.messageId).toBe(stored.providerId);
    expect(await shop.ledgerOf(messageId)).toEqual([{ kind: 'message', amount: -1 }]);
    expect((await server.ctx.services.jobs.queue.job(MESSAGE_SEND_JOB, messageId))!.retryCount).toBeGreaterThanOrEqual(1);
  });

  it('gives up a provider that keeps answering 500 after the last attempt: failed, credits back once', async () => {
    const client = await shop.client();
    const before = await shop.balance();
    server.at.mode = 'error500';
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Votre tenue est prête'));
    const stored = await shop.settled(messageId, ['failed', 'sent'], 20_000);
    expect(stored).toMatchObject({ status: 'failed', failureReason: `Envoi abandonné après ${attempts} essais : le fournisseur est en panne. Vos crédits sont rendus.` });
    expect(requestsTo(client.phone)).toHaveLength(attempts);
    expect(sentTo(client.phone)).toEqual([]);
    expect(await shop.ledgerOf(messageId)).toEqual([{ kind: 'message', amount: -1 }, { kind: 'refund', amount: 1 }]);
    expect(await shop.balance()).toBe(before);
  }, 30_000);

  it('treats a 401 as our configuration error: retried, counted for alerting, then failed with the reason and the credits back', async () => {
    const client = await shop.client();
    const settings = server.ctx.config.providers.africasTalking!;
    server.ctx.services.providers.sms = new AfricasTalkingSms({ ...settings, apiKey: 'a-revoked-key' }, { timeoutMs: 1_000 });
    const alerts = await counted('retry', 'provider_credentials');
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Bonjour'));
    const stored = await shop.settled(messageId, ['failed', 'sent'], 20_000);
    expect(stored).toMatchObject({ status: 'failed', failureReason: `Envoi abandonné après ${attempts} essais : le fournisseur refuse les identifiants du serveur. Vos crédits sont rendus.` });
    expect(requestsTo(client.phone)).toHaveLength(attempts);
    expect(await counted('retry', 'provider_credentials')).toBe(alerts + attempts - 1);
    expect(await shop.ledgerOf(messageId)).toEqual([{ kind: 'message', amount: -1 }, { kind: 'refund', amount: 1 }]);
  }, 30_000);

  it('stops waiting for a slow provider and retries; the provider took the first copy too (two at the loopback, one recorded)', async () => {
    const client = await shop.client();
    server.ctx.services.providers.sms = new AfricasTalkingSms(server.ctx.config.providers.africasTalking!, { timeoutMs: 800 });
    server.at.mode = 'slow';
    server.at.slowMs = 2_500;
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Lent'));
    await waitForRetry(messageId);
    server.at.mode = 'normal';
    const stored = await shop.settled(messageId);
    expect(stored.status).toBe('sent');
    await sleep(2_500); // the first, timed-out request lands now
    const copies = sentTo(client.phone);
    expect(copies).toHaveLength(2);
    expect(copies.map((c) => c.messageId)).toContain(stored.providerId);
    expect(await shop.ledgerOf(messageId)).toEqual([{ kind: 'message', amount: -1 }]);
  }, 30_000);
});

describe('permanent failures fail at once', () => {
  it('fails an invalid and a blacklisted number with the provider’s reason in French, one request each, credits back', async () => {
    const invalid = await shop.client();
    const blocked = await shop.client();
    server.at.recipientStatus.set(invalid.phone, 'InvalidPhoneNumber');
    server.at.recipientStatus.set(blocked.phone, 'UserInBlacklist');
    const before = await shop.balance();
    const a = await shop.queue(shop.messageFields(invalid.clientId, 'sms', invalid.phone, 'Bonjour'));
    const b = await shop.queue(shop.messageFields(blocked.clientId, 'sms', blocked.phone, 'Bonjour'));
    expect(await shop.settled(a.messageId)).toMatchObject({ status: 'failed', failureReason: 'Numéro invalide : le fournisseur ne peut pas le joindre.' });
    expect(await shop.settled(b.messageId)).toMatchObject({ status: 'failed', failureReason: 'Le destinataire a refusé les messages de cet expéditeur (liste noire ou « STOP »).' });
    expect(requestsTo(invalid.phone)).toHaveLength(1);
    expect(requestsTo(blocked.phone)).toHaveLength(1);
    expect(await shop.ledgerOf(a.messageId)).toEqual([{ kind: 'message', amount: -1 }, { kind: 'refund', amount: 1 }]);
    expect(await shop.balance()).toBe(before);
  });
});

describe('a late run changes nothing', () => {
  it('never sends again nor turns back a message delivered or failed', async () => {
    const client = await shop.client();
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Une fois'));
    const sent = await shop.settled(messageId);
    await server.ctx.db.withWorkshop(shop.workshopId, (tx) =>
      server.ctx.services.serverWrites.inWorkshop(tx, shop.workshopId, (writes) => writes.write('messages', messageId, { status: 'delivered', deliveredAt: new Date().toISOString() })),
    );
    const run = await server.ctx.services.dispatcher.send({ workshopId: shop.workshopId, messageId }, { retryCount: 1 });
    expect(run).toEqual({ outcome: 'skipped', status: 'delivered' });
    expect(await shop.message(messageId)).toMatchObject({ status: 'delivered', providerId: sent.providerId });
    expect(sentTo(client.phone)).toHaveLength(1);
    // A job naming another workshop's message, or garbage, does nothing.
    const other = await Shop.open(server, 0, 'Atelier Autre');
    expect(await server.ctx.services.dispatcher.send({ workshopId: other.workshopId, messageId }, { retryCount: 0 })).toEqual({ outcome: 'skipped', status: 'missing' });
    expect(await server.ctx.services.dispatcher.send({ workshopId: 'x', messageId: '1' } as never, { retryCount: 0 })).toEqual({ outcome: 'skipped', status: 'invalid_job' });
  });
});
