/**
 * Messages a dead send job left `sending`, and the tracking link of an order without a token.
 *
 * A message in `sending` is made the way a send makes it: the first half of the send
 * (`prepareSend`: checks, credits reserved, `sending` written), with no provider call after it, as
 * a job that died for good leaves it. Its job is then a real pg-boss job in the state that
 * matters, reached through pg-boss itself: failed for good by a handler that throws on every run
 * (its retries used up, dead-lettered), completed without sending, gone, waiting for its retry,
 * waiting for its start, or running. The minute sweep fails the message (its reason, the credits
 * back exactly once, however many sweeps run, even at once) only when no job is alive for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import { PUBLIC_URL, QUICK_TUNING, Shop, sleep, startDispatchServer, type DispatchServer } from './dispatchTesting.js';
import { MESSAGE_SEND_JOB } from './dispatchQueue.js';
import { prepareSend } from './preparation.js';
import type { DispatchOptions } from './dispatchOptions.js';
import type { JobState, JobStateName } from '../jobs/queue.js';
import { newId } from '../../shared/domain/ids.js';
import { text } from '../../shared/i18n/texts.js';
import { dispatchTexts } from './texts.js';

const INTERRUPTED = text(dispatchTexts, 'fr', 'failed.interrupted');
/** Older than the job's time limit (10 s here) plus the 60 s margin. */
const LONG_AGO = () => new Date(Date.now() - 10 * 60_000).toISOString();
/** The sweep runs only when a test calls it. */
const NO_SWEEP = '0 0 1 1 *';

/** A server whose jobs are stopped until the test has made its `sending` messages. */
function stuckServer(messages: DispatchOptions): Promise<DispatchServer> {
  return startDispatchServer({ startJobs: false, tuning: { ...QUICK_TUNING, messages: { ...QUICK_TUNING.messages, sweepCron: NO_SWEEP, ...messages } } });
}

/** A message pushed while the jobs are stopped, then taken to `sending` by the first half of a send. */
async function sendingMessage(server: DispatchServer, shop: Shop, body: string): Promise<{ messageId: string; phone: string }> {
  const client = await shop.client();
  const { messageId, answer } = await shop.queue({ ...shop.messageFields(client.clientId, 'sms', client.phone, body), createdAt: LONG_AGO() });
  expect(answer.rejected).toEqual([]);
  const { db, services, config } = server.ctx;
  const prepared = await db.withWorkshop(shop.workshopId, (tx) =>
    services.serverWrites.inWorkshop(tx, shop.workshopId, (writes) => prepareSend(tx, writes, { config, providers: services.providers, now: () => new Date() }, shop.workshopId, messageId)),
  );
  expect(prepared.kind).toBe('send');
  expect((await shop.message(messageId)).status).toBe('sending');
  return { messageId, phone: client.phone };
}

/** Waits until the send job of `id` is in state `want`; the job as the queue keeps it. */
async function jobIn(server: DispatchServer, id: string, want: JobStateName, timeoutMs = 15_000): Promise<JobState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await server.ctx.services.jobs.queue.job(MESSAGE_SEND_JOB, id);
    if (job?.state === want) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job?.state ?? 'absent'}, not ${want}`);
    await sleep(50);
  }
}

/**
 * A send job for `messageId` whose every run throws: its data names a workshop that does not
 * exist, so the handler fails taking the workshop's lock (an error of ours, not the provider's).
 */
function throwingJob(server: DispatchServer, messageId: string): Promise<string | null> {
  return server.ctx.services.jobs.queue.enqueue(MESSAGE_SEND_JOB, { workshopId: newId(), messageId }, { id: messageId });
}

const MESSAGE_ONLY = [{ kind: 'message', amount: -1 }];
const REFUNDED = [
  { kind: 'message', amount: -1 },
  { kind: 'refund', amount: 1 },
];

describe('messages left sending by a dead job', () => {
  let server: DispatchServer;
  let shop: Shop;
  let start: number;
  let dead: { messageId: string; phone: string };
  let ended: { messageId: string; phone: string };
  let gone: { messageId: string; phone: string };

  beforeAll(async () => {
    // Three retries one second apart: a job whose runs all throw is failed for good within seconds.
    server = await stuckServer({ retryLimit: 3, retryDelaySeconds: 1, retryBackoff: false, stuckMarginMs: 1_000 });
    shop = await Shop.open(server, 10);
    start = await shop.balance();
    dead = await sendingMessage(server, shop, 'Job mort après ses nouveaux essais');
    ended = await sendingMessage(server, shop, 'Job terminé sans envoi');
    gone = await sendingMessage(server, shop, 'Job disparu');
    await server.ctx.services.jobs.start();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('fails them (job failed for good and dead-lettered, completed, or gone) with the reason and the credits back exactly once', async () => {
    expect(await shop.balance()).toBe(start - 3);
    const { queue } = server.ctx.services.jobs;

    // `dead`: every run throws; after its 3 retries pg-boss fails it for good and dead-letters it, with the error.
    expect(await throwingJob(server, dead.messageId)).toBe(dead.messageId);
    const failed = await jobIn(server, dead.messageId, 'failed');
    expect(failed).toMatchObject({ retryCount: 3, retryLimit: 3 });
    expect(failed.error).toMatch(/workshop_sync manquant/);
    const letters = (await queue.deadLetters(MESSAGE_SEND_JOB)).filter((job) => (job.data as { messageId?: string }).messageId === dead.messageId);
    expect(letters).toHaveLength(1);
    expect(letters[0]!.error).toMatch(/workshop_sync manquant/);
    // `ended`: its job ran and ended without sending (data the handler skips, as an error of ours would end it).
    await queue.enqueue(MESSAGE_SEND_JOB, { workshopId: shop.workshopId, messageId: 'not-a-message' }, { id: ended.messageId });
    await jobIn(server, ended.messageId, 'completed');
    // `gone`: no job at all (a dead process's job expired past its retries, archived then dropped).
    expect(await queue.job(MESSAGE_SEND_JOB, gone.messageId)).toBeNull();
    // Still `sending` and charged until the sweep.
    for (const { messageId } of [dead, ended, gone]) expect(await shop.message(messageId)).toMatchObject({ status: 'sending', providerId: null });

    const { dispatcher } = server.ctx.services;
    // Right after its job ended, a message is left for the margin (a given-up run may still be
    // waiting for the provider); the message without a job is not.
    expect(await dispatcher.sweep(queue)).toEqual({ enqueued: 0, interrupted: 1 });
    expect(await shop.message(gone.messageId)).toMatchObject({ status: 'failed', failureReason: INTERRUPTED });
    expect(await shop.message(ended.messageId)).toMatchObject({ status: 'sending' });
    await sleep(1_100);
    // Two sweeps at once (two instances' ticks), then another: each message is failed and refunded once.
    const both = await Promise.all([dispatcher.sweep(queue), dispatcher.sweep(queue)]);
    expect(both.reduce((sum, result) => sum + (result.interrupted ?? 0), 0)).toBe(2);
    expect(await dispatcher.sweep(queue)).toEqual({ enqueued: 0 });

    for (const { messageId } of [dead, ended, gone]) {
      expect(await shop.message(messageId)).toMatchObject({ status: 'failed', failureReason: INTERRUPTED, providerId: null });
      expect(await shop.ledgerOf(messageId)).toEqual(REFUNDED);
    }
    expect(await shop.balance()).toBe(start);
    expect(server.at.sent.filter((m) => [dead.phone, ended.phone, gone.phone].includes(m.to))).toEqual([]);
    // The failed job stays failed: the sweep neither revives it nor enqueues the message again.
    expect(await queue.job(MESSAGE_SEND_JOB, dead.messageId)).toMatchObject({ state: 'failed' });

    // The device hears the failure by sync, with its reason.
    const pulled = await shop.device.sync();
    for (const { messageId } of [dead, ended, gone]) {
      const fields = Object.assign({}, ...pulled.changes.filter((c) => c.table === 'messages' && c.rowId === messageId).map((c) => c.fields));
      expect(fields).toMatchObject({ status: 'failed', failureReason: INTERRUPTED });
    }
  });

  it('gives an order without a token its token at send time, and sends the real link', async () => {
    const client = await shop.client();
    const order = await shop.order(client.clientId, { trackingToken: null });
    const { messageId, answer } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Votre tenue est prête : {lien}', { kind: 'order_ready', orderId: order.orderId }));
    expect(answer.rejected).toEqual([]);
    expect(await shop.settled(messageId)).toMatchObject({ status: 'sent' });

    const [stored] = await server.ctx.db.withWorkshop(shop.workshopId, (tx) => rows<{ tracking_token: string | null }>(tx, sql`SELECT tracking_token FROM orders WHERE id = ${order.orderId}`));
    const token = stored?.tracking_token ?? '';
    expect(token).toMatch(/^[A-Za-z0-9]{16}$/);
    const atThem = server.at.sent.filter((m) => m.to === client.phone);
    expect(atThem).toHaveLength(1);
    expect(atThem[0]!.message).toBe(`Votre tenue est prete : ${PUBLIC_URL}/t/${token}`);
    expect(atThem[0]!.message).not.toContain('{lien}');

    const page = await fetch(`${server.url}/t/${token}`);
    expect(page.status).toBe(200);
    await page.text();

    // The device receives the token by sync.
    const pulled = await shop.device.sync();
    const orderFields = Object.assign({}, ...pulled.changes.filter((c) => c.table === 'orders' && c.rowId === order.orderId).map((c) => c.fields));
    expect(orderFields).toMatchObject({ trackingToken: token });
  });
});

describe('messages sending whose job is alive', () => {
  let server: DispatchServer;
  let shop: Shop;
  let retrying: { messageId: string; phone: string };
  let waiting: { messageId: string; phone: string };

  beforeAll(async () => {
    // A failed run is retried an hour later: the job stays in pg-boss's `retry` state for the test.
    server = await stuckServer({ retryLimit: 2, retryDelaySeconds: 3600, retryBackoff: false });
    shop = await Shop.open(server, 10);
    retrying = await sendingMessage(server, shop, 'Job en attente de son nouvel essai');
    waiting = await sendingMessage(server, shop, 'Job en attente de son départ');
    await server.ctx.services.jobs.start();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('leaves a message whose job waits for its retry (state retry) or its start (created)', async () => {
    const { queue } = server.ctx.services.jobs;
    await throwingJob(server, retrying.messageId);
    const retry = await jobIn(server, retrying.messageId, 'retry');
    // pg-boss counts a retry when it starts it: the job waits with its first run's count.
    expect(retry).toMatchObject({ retryCount: 0, retryLimit: 2 });
    expect(retry.error).toMatch(/workshop_sync manquant/);
    expect(retry.startAfter.getTime()).toBeGreaterThan(Date.now() + 3000_000);
    await queue.enqueue(MESSAGE_SEND_JOB, { workshopId: shop.workshopId, messageId: waiting.messageId }, { id: waiting.messageId, startAfter: 3600 });
    await jobIn(server, waiting.messageId, 'created');

    expect(await server.ctx.services.dispatcher.sweep(queue)).toEqual({ enqueued: 0 });
    for (const { messageId } of [retrying, waiting]) {
      expect(await shop.message(messageId)).toMatchObject({ status: 'sending', failureReason: null });
      expect(await shop.ledgerOf(messageId)).toEqual(MESSAGE_ONLY);
    }
    expect(await queue.job(MESSAGE_SEND_JOB, retrying.messageId)).toMatchObject({ state: 'retry' });
    expect(await queue.job(MESSAGE_SEND_JOB, waiting.messageId)).toMatchObject({ state: 'created' });
  });

  it('leaves a message whose job is running (active), and that run sends it once', async () => {
    const { queue } = server.ctx.services.jobs;
    // The provider answers after 2.5 s (within its 5 s timeout): the job is active all that time.
    server.at.mode = 'slow';
    server.at.slowMs = 2_500;
    try {
      const client = await shop.client();
      const { messageId, answer } = await shop.queue({ ...shop.messageFields(client.clientId, 'sms', client.phone, 'Envoi lent'), createdAt: LONG_AGO() });
      expect(answer.rejected).toEqual([]);
      await jobIn(server, messageId, 'active');
      await shop.settled(messageId, ['sending'], 2_000);

      expect(await server.ctx.services.dispatcher.sweep(queue)).toEqual({ enqueued: 0 });
      expect(await shop.message(messageId)).toMatchObject({ status: 'sending', failureReason: null });
      expect((await queue.job(MESSAGE_SEND_JOB, messageId))?.state).toBe('active');

      expect(await shop.settled(messageId)).toMatchObject({ status: 'sent', failureReason: null });
      expect((await shop.message(messageId)).providerId).toMatch(/^ATXid_/);
      await jobIn(server, messageId, 'completed');
      expect(await server.ctx.services.dispatcher.sweep(queue)).toEqual({ enqueued: 0 });
      expect(await shop.message(messageId)).toMatchObject({ status: 'sent' });
      expect(await shop.ledgerOf(messageId)).toEqual(MESSAGE_ONLY);
      expect(server.at.sent.filter((m) => m.to === client.phone)).toHaveLength(1);
    } finally {
      server.at.mode = 'normal';
    }
  });
});

/**
 * A BUG FOUND AND FIXED (dispatcher.ts `sweepInterrupted`).
 * A run that outlives the job's time limit is failed by the worker (`job ran longer than …`) while
 * its handler goes on: if it was already calling the provider, it records the answer a moment
 * later. On the last attempt that job is `failed`, so the sweep takes it for dead. The sweep's age
 * is the message's `created_at` (a device's time, old for any message written offline or retried),
 * not the time the job gave up, so nothing keeps the sweep off during that run's last seconds:
 * it fails the message and refunds it, then the provider accepts, `markSent` may not move a
 * `failed` message, and the client has the SMS while the workshop sees "échec" and got its
 * credits back. Waiting `stuckMarginMs` after the job's own end (its `completedOn`), which is
 * longer than any provider timeout, closes the window: the sweep now does.
 */
describe('a run given up by its time limit while the provider is still answering', () => {
  let server: DispatchServer;
  let shop: Shop;

  beforeAll(async () => {
    // No retry, a 2 s time limit; the provider answers after 4 s (within its 5 s timeout).
    server = await stuckServer({ retryLimit: 0, expireInSeconds: 2 });
    shop = await Shop.open(server, 10);
    await server.ctx.services.jobs.start();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('is left to that run, which records it sent without a refund', async () => {
    const { queue } = server.ctx.services.jobs;
    server.at.mode = 'slow';
    server.at.slowMs = 4_000;
    try {
      const client = await shop.client();
      const { messageId } = await shop.queue({ ...shop.messageFields(client.clientId, 'sms', client.phone, 'Envoi plus long que la limite'), createdAt: LONG_AGO() });
      const failed = await jobIn(server, messageId, 'failed', 5_000);
      expect(failed.error).toMatch(/longer than 2 s/);
      expect(await shop.message(messageId)).toMatchObject({ status: 'sending', providerId: null });

      // The minute sweep comes while the given-up run still waits for the provider.
      await server.ctx.services.dispatcher.sweep(queue);
      const deadline = Date.now() + 10_000;
      while (!server.at.sent.some((m) => m.to === client.phone) && Date.now() < deadline) await sleep(50);
      expect(server.at.sent.filter((m) => m.to === client.phone)).toHaveLength(1);
      await sleep(500); // the run records the provider's answer

      expect(await shop.message(messageId)).toMatchObject({ status: 'sent', failureReason: null });
      expect(await shop.ledgerOf(messageId)).toEqual(MESSAGE_ONLY);
    } finally {
      server.at.mode = 'normal';
    }
  });
});
