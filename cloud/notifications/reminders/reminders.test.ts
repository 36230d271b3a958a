/**
 * The reminders as a scheduled job, for real, on PGlite and on Postgres: an hourly tick (UTC)
 * enqueued by two instances runs one sweep, and each reminder it writes is handed to the
 * dispatcher's queue as one MESSAGE_SEND_JOB whose id is the message's, so a later tick that hands
 * it again (still queued) adds no second send. The dispatcher itself is another area's (B1): here
 * the job's consumer only records what it receives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudDb } from '../../db/client.js';
import { ENGINES, jobsDatabase, quickJobs, waitFor, type JobsDatabase } from '../../jobs/jobsTesting.js';
import type { Jobs } from '../../jobs/jobs.js';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { fittingReminderId } from '../../../shared/messaging/templates.js';
import { MESSAGE_SEND_JOB, enqueueMessageSends, type MessageSendJob } from '../dispatchQueue.js';
import { REMINDERS_JOB, REMINDERS_SCHEDULE, registerReminders } from './reminders.js';
import { reminderShop } from './remindersTesting.js';
import type { SweepResult } from './sweep.js';

describe.each(ENGINES)('the scheduled reminders on %s', (engine) => {
  let database: JobsDatabase;
  let server: TestServer;
  const instances: Jobs[] = [];
  const others: CloudDb[] = [];
  const sends: { data: MessageSendJob; jobId: string }[] = [];
  let now: Date;

  const instance = (db: CloudDb): Jobs => {
    const jobs = quickJobs(db, { now: () => now });
    jobs.queue.define<MessageSendJob>(MESSAGE_SEND_JOB, async (data, job) => void sends.push({ data, jobId: job.id }));
    registerReminders(jobs, { db, writer: server.ctx.services.serverWrites, publicUrl: server.ctx.config.publicUrl, enqueue: (items) => enqueueMessageSends(jobs.queue, items) });
    instances.push(jobs);
    return jobs;
  };

  beforeAll(async () => {
    now = new Date('2026-11-25T09:00:00.000Z');
    database = await jobsDatabase(engine);
    server = await startTestServer({}, { db: await database.open() });
    await instance(server.ctx.db).start();
    if (engine === 'postgres') {
      const db = await database.open();
      others.push(db);
      await instance(db).start();
    }
  });

  afterAll(async () => {
    for (const jobs of instances) await jobs.stop(1000);
    for (const db of others) await db.close();
    await server?.close();
    await database?.drop();
  });

  it('a tick enqueued by every instance runs one sweep; each reminder becomes one send, its job id the message id', async () => {
    const shop = await reminderShop(server.ctx, 'Atelier Horloge', 'Africa/Porto-Novo');
    const fittingId = await shop.fitting(await shop.order(await shop.client()), '2026-11-26T10:00:00.000Z');
    const messageId = fittingReminderId(shop.workshopId, fittingId, '2026-11-26');

    const tick = new Date('2026-11-25T09:00:00.000Z');
    const ids = await Promise.all(instances.map((jobs) => jobs.schedules.tick(REMINDERS_SCHEDULE, tick)));
    if (engine === 'pglite') ids.push(await instances[0]!.schedules.tick(REMINDERS_SCHEDULE, tick));
    const enqueued = ids.filter((id): id is string => id !== null);
    expect(enqueued).toHaveLength(1);
    const done = await waitFor('the sweep to complete', async () => {
      const job = await instances[0]!.queue.job(REMINDERS_JOB, enqueued[0]!);
      return job?.state === 'completed' ? job : undefined;
    });
    expect((done.output as SweepResult).written.fitting_reminder).toBe(1);
    expect((await shop.messages()).map((m) => m.id)).toEqual([messageId]);

    await waitFor('the send to run', () => sends.find((s) => s.data.messageId === messageId));
    expect(sends.filter((s) => s.data.messageId === messageId)).toEqual([{ data: { workshopId: shop.workshopId, messageId }, jobId: messageId }]);

    // An hour later the message is still queued: handed again, under the same id, so no second send.
    now = new Date('2026-11-25T10:00:00.000Z');
    const next = (await instances[0]!.schedules.tick(REMINDERS_SCHEDULE, now))!;
    const again = await waitFor('the next sweep', async () => {
      const job = await instances[0]!.queue.job(REMINDERS_JOB, next);
      return job?.state === 'completed' ? job : undefined;
    });
    expect(again.output as SweepResult).toMatchObject({ written: { fitting_reminder: 0 }, enqueued: 1 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sends.filter((s) => s.data.messageId === messageId)).toHaveLength(1);
  });

  it('ticks every hour on the hour, UTC', () => {
    const next = instances[0]!.schedules.nextRun(REMINDERS_SCHEDULE)!;
    expect(next.getUTCMinutes()).toBe(0);
    expect(next.getUTCSeconds()).toBe(0);
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);
  });
});
