/**
 * Messages a dead send job left `sending`, and the tracking link of an order without a token.
 *
 * A message in `sending` is made the way a send makes it: the first half of the send
 * (`prepareSend`: checks, credits reserved, `sending` written), with no provider call after it, as
 * a job that died for good leaves it. The minute sweep fails it with its reason and the credits
 * back, once however often it runs, unless a job is still alive for it (here: waiting for its
 * retry, `startAfter` in an hour, as a backoff leaves it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import { PUBLIC_URL, QUICK_TUNING, Shop, sleep, startDispatchServer, type DispatchServer } from './dispatchTesting.js';
import { MESSAGE_SEND_JOB } from './dispatchQueue.js';
import { prepareSend } from './preparation.js';
import { text } from '../../shared/i18n/texts.js';
import { dispatchTexts } from './texts.js';

let server: DispatchServer;
let shop: Shop;
const INTERRUPTED = text(dispatchTexts, 'fr', 'failed.interrupted');
/** Older than the job's time limit (10 s here) plus the 60 s margin. */
const LONG_AGO = () => new Date(Date.now() - 10 * 60_000).toISOString();

beforeAll(async () => {
  const messages = { ...QUICK_TUNING.messages, sweepCron: '0 0 1 1 *' };
  server = await startDispatchServer({ startJobs: false, tuning: { ...QUICK_TUNING, messages } });
  shop = await Shop.open(server, 10);
});

afterAll(async () => {
  await server?.close();
});

/** A message pushed while the jobs are stopped, then taken to `sending` by the first half of a send. */
async function sendingMessage(body: string): Promise<{ messageId: string; phone: string }> {
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

async function jobState(id: string, want: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job = await server.ctx.services.jobs.queue.job(MESSAGE_SEND_JOB, id);
    if (job?.state === want) return;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job?.state}`);
    await sleep(50);
  }
}

describe('messages left sending by a dead job', () => {
  it('fails them with the reason and the credits back, once; leaves one whose job is alive', async () => {
    const start = await shop.balance();
    const gone = await sendingMessage('Job disparu');
    const ended = await sendingMessage('Job terminé sans envoi');
    const waiting = await sendingMessage('Job en attente de son nouvel essai');
    expect(await shop.balance()).toBe(start - 3);

    const { queue } = server.ctx.services.jobs;
    await server.ctx.services.jobs.start();
    // `gone` has no job at all (a dead process's job expired past its retries, archived then dropped).
    // `ended`: its job ran and ended without sending (here: data the handler refuses, as an error of ours would end it).
    await queue.enqueue(MESSAGE_SEND_JOB, { workshopId: shop.workshopId, messageId: 'not-a-message' }, { id: ended.messageId });
    await jobState(ended.messageId, 'completed');
    // `waiting`: its job waits for its retry (backoff).
    await queue.enqueue(MESSAGE_SEND_JOB, { workshopId: shop.workshopId, messageId: waiting.messageId }, { id: waiting.messageId, startAfter: 3600 });
    await jobState(waiting.messageId, 'created');

    const first = await server.ctx.services.dispatcher.sweep(queue);
    expect(first).toEqual({ enqueued: 0, interrupted: 2 });
    const second = await server.ctx.services.dispatcher.sweep(queue);
    expect(second).toEqual({ enqueued: 0 });

    for (const { messageId } of [gone, ended]) {
      expect(await shop.message(messageId)).toMatchObject({ status: 'failed', failureReason: INTERRUPTED, providerId: null });
      expect(await shop.ledgerOf(messageId)).toEqual([
        { kind: 'message', amount: -1 },
        { kind: 'refund', amount: 1 },
      ]);
    }
    expect(await shop.message(waiting.messageId)).toMatchObject({ status: 'sending', failureReason: null });
    expect(await shop.ledgerOf(waiting.messageId)).toEqual([{ kind: 'message', amount: -1 }]);
    expect(await shop.balance()).toBe(start - 1);
    expect(server.at.sent.filter((m) => [gone.phone, ended.phone, waiting.phone].includes(m.to))).toEqual([]);

    // The device hears the failure by sync, with its reason.
    const pulled = await shop.device.sync();
    const fields = Object.assign({}, ...pulled.changes.filter((c) => c.table === 'messages' && c.rowId === gone.messageId).map((c) => c.fields));
    expect(fields).toMatchObject({ status: 'failed', failureReason: INTERRUPTED });
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
