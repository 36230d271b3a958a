/**
 * The morning reminder sweep for a platform of workshops (figures, not a timed test; issue 9's
 * target: 10,000 workshops in ≤ 60 s), on the machine's Postgres and on PGlite:
 * 1. the morning's sweep as of 08:05 UTC (09:05 in Cotonou and Lagos, 08:05 in Abidjan, Dakar and
 *    Lomé: every workshop is due), with its writes through the server-write helper and the
 *    hand-over of every new reminder to a real job queue (MESSAGE_SEND_JOB, nothing run);
 * 2. the next hourly tick, that finds everything written (the cost of every later tick).
 * The platform is bench/remindersFixture.ts (its generation is timed apart).
 *
 *   npx tsx bench/reminders.bench.ts [--workshops=10000] [--clients=40] [--orders=60] [--concurrency=4] [--only=postgres|pglite]
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test): a database is created on
 * that server for the run and dropped at the end.
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { openCloudDb, rows, type CloudDb } from '../cloud/db/client.js';
import { createJobs } from '../cloud/jobs/jobs.js';
import { createScratchDatabase } from '../cloud/testing/testDb.js';
import { ServerWriter } from '../cloud/sync/serverWrite.js';
import { MESSAGE_SEND_JOB, enqueueMessageSends } from '../cloud/notifications/dispatchQueue.js';
import { sweepReminders, type SweepResult } from '../cloud/notifications/reminders/sweep.js';
import { HybridClock } from '../shared/sync/hlc.js';
import { writeRemindersFixture, type FixtureSize } from './remindersFixture.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SIZE: FixtureSize = { workshops: Number(option('workshops', '10000')), clients: Number(option('clients', '40')), orders: Number(option('orders', '60')) };
const CONCURRENCY = option('concurrency', '');
const BATCH = option('batch', '');
const ONLY = option('only', '');
const MORNING = new Date('2026-11-25T08:05:00.000Z');
const NEXT_TICK = new Date('2026-11-25T09:00:00.000Z');
const logger = pino({ level: 'warn' });

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function describeSweep(label: string, r: SweepResult): void {
  console.log(
    `  ${label.padEnd(30)} ${seconds(r.ms).padStart(8)}  workshops ${r.workshops} (zones due ${r.dueZones}/${r.zones}), written: ${r.written.fitting_reminder} fittings + ${r.written.balance_due} balances` +
      `, already ${r.alreadyWritten}, tokens ${r.tokens}, refused ${r.refused}, handed ${r.enqueued}, failed workshops ${r.failedWorkshops}${r.skipped ? ', SKIPPED (lock)' : ''}`,
  );
  console.log(`  ${''.padEnd(30)} reading ${seconds(r.phases.planMs)}, writing ${seconds(r.phases.writeMs)}, handing over ${seconds(r.phases.enqueueMs)} (they overlap)`);
}

async function count(db: CloudDb, statement: ReturnType<typeof sql>): Promise<number> {
  return Number((await db.system((tx) => rows<{ n: number | string }>(tx, statement)))[0]!.n);
}

async function figures(engine: string, db: CloudDb): Promise<void> {
  console.log(`\n${engine}: ${SIZE.workshops} workshops × ${SIZE.clients} clients × ${SIZE.orders} orders`);
  const t0 = performance.now();
  await writeRemindersFixture(db, SIZE, MORNING, (line) => console.log(line));
  console.log(`  platform written in ${seconds(performance.now() - t0)}`);
  const fittings = await count(db, sql`SELECT count(*) AS n FROM fittings`);
  const events = await count(db, sql`SELECT count(*) AS n FROM order_events`);
  console.log(`  rows: ${fittings} fittings, ${events} order events, ${await count(db, sql`SELECT count(*) AS n FROM payments`)} payments`);

  const jobs = createJobs({ db, logger, work: false, poolSize: 4 });
  jobs.queue.define(MESSAGE_SEND_JOB, async () => undefined);
  await jobs.start();
  const deps = {
    db,
    writer: new ServerWriter(new HybridClock('00000000000be0c4')),
    publicUrl: 'https://styliste.bj',
    enqueue: (items: { workshopId: string; messageId: string }[]) => enqueueMessageSends(jobs.queue, items),
    logger,
  };
  const options = { ...(CONCURRENCY ? { concurrency: Number(CONCURRENCY) } : {}), ...(BATCH ? { batchSize: Number(BATCH) } : {}) };
  describeSweep('morning sweep (08:05 UTC)', await sweepReminders(deps, MORNING, options));
  describeSweep('next tick (09:00 UTC)', await sweepReminders(deps, NEXT_TICK, options));
  const messages = await count(db, sql`SELECT count(*) AS n FROM messages WHERE status = 'queued'`);
  const sends = Number((await db.executeSql(`SELECT count(*) AS n FROM pgboss.job WHERE name = $1`, [MESSAGE_SEND_JOB])).rows[0]!.n);
  console.log(`  queued reminders ${messages}, send jobs ${sends} (one each: ${messages === sends})`);
  await jobs.stop(1000);
}

console.log(`Reminder sweep bench — ${new Date().toISOString()}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (ONLY !== 'pglite') {
  const scratch = await createScratchDatabase(ADMIN_URL, 'styliste_bench_reminders');
  try {
    const db = await openCloudDb({ url: scratch.url, maxConnections: 10, syncStateCacheEntries: 0 });
    await figures(`Postgres (${new URL(scratch.url).host})`, db);
    await db.close();
  } finally {
    await scratch.drop();
  }
}
if (ONLY !== 'postgres') {
  const db = await openCloudDb({ syncStateCacheEntries: 0 });
  await figures('PGlite (in memory)', db);
  await db.close();
}
