/**
 * The sweep: a queued message whose enqueue was lost (here: pushed to a server whose jobs were
 * not running, as a process killed between the push's commit and its enqueue leaves it) is
 * enqueued by the next minute's sweep and sent; a sweep finds nothing more once it is sent, and
 * two instances' ticks of the same minute make one sweep.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUICK_TUNING, Shop, sleep, startDispatchServer, type DispatchServer } from './dispatchTesting.js';
import { MESSAGE_SEND_JOB } from './dispatchQueue.js';
import { MESSAGE_SWEEP_JOB, MESSAGE_SWEEP_SCHEDULE } from './register.js';
import { DISPATCH_DEFAULTS } from './dispatchOptions.js';

let server: DispatchServer;
let shop: Shop;
const SWEEP_AFTER_MS = 400;

beforeAll(async () => {
  // The sweep ticks only when the test says so (its cron would otherwise fire at each minute's start).
  const messages = { ...QUICK_TUNING.messages, sweepAfterMs: SWEEP_AFTER_MS, sweepCron: '0 0 1 1 *' };
  server = await startDispatchServer({ startJobs: false, tuning: { ...QUICK_TUNING, messages } });
  shop = await Shop.open(server, 10);
});

afterAll(async () => {
  await server?.close();
});

async function sweepOutput(jobId: string): Promise<unknown> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const job = await server.ctx.services.jobs.queue.job(MESSAGE_SWEEP_JOB, jobId);
    if (job?.state === 'completed') return job.output;
    if (Date.now() > deadline) throw new Error(`sweep ${jobId} still ${job?.state}`);
    await sleep(50);
  }
}

describe('the sweep of forgotten messages', () => {
  it('sends a queued message whose enqueue was lost, once', async () => {
    const client = await shop.client();
    const { messageId, answer } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Perdu puis retrouvé'));
    expect(answer.acked).toHaveLength(1);
    await server.ctx.services.jobs.start();
    expect(await server.ctx.services.jobs.queue.job(MESSAGE_SEND_JOB, messageId)).toBeNull();
    expect((await shop.message(messageId)).status).toBe('queued');

    await sleep(SWEEP_AFTER_MS + 100);
    const tick = new Date();
    const [first, second] = await Promise.all([server.ctx.services.jobs.schedules.tick(MESSAGE_SWEEP_SCHEDULE, tick), server.ctx.services.jobs.schedules.tick(MESSAGE_SWEEP_SCHEDULE, tick)]);
    expect([first, second].filter((id) => id !== null)).toHaveLength(1);
    expect(await sweepOutput((first ?? second)!)).toEqual({ enqueued: 1 });
    expect(await shop.settled(messageId)).toMatchObject({ status: 'sent' });
    expect(server.at.sent.filter((m) => m.to === client.phone)).toHaveLength(1);

    const later = await server.ctx.services.jobs.schedules.tick(MESSAGE_SWEEP_SCHEDULE, new Date(tick.getTime() + 60_000));
    expect(await sweepOutput(later!)).toEqual({ enqueued: 0 });
    await sleep(300);
    expect(server.at.sent.filter((m) => m.to === client.phone)).toHaveLength(1);
  });

  it('runs every minute by default, and leaves fresh messages to the push’s own enqueue', async () => {
    expect(DISPATCH_DEFAULTS).toMatchObject({ sweepCron: '* * * * *', sweepAfterMs: 30_000 });
    const client = await shop.client();
    const { messageId } = await shop.queue(shop.messageFields(client.clientId, 'sms', client.phone, 'Tout de suite'));
    // Enqueued by the push itself (the jobs run now): sent without waiting for a sweep.
    expect(await shop.settled(messageId, ['sent'], 5_000)).toMatchObject({ status: 'sent' });
  });
});
