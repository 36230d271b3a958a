/**
 * Job queue benchmark (figures, not a timed test), on the machine's Postgres and on PGlite:
 * 1. enqueue → start latency on an idle queue, one job at a time (p50/p95): enqueued by the
 *    instance that runs it (it wakes its loop at once) and by another instance (found by polling);
 * 2. throughput: 5,000 no-op jobs enqueued in one statement, drained by two instances, each in
 *    its own process, in jobs/s; every job must run exactly once;
 * 3. PGlite: the same latency and the drain by its one instance;
 * 4. for comparison, pg-boss's own work() loop draining jobs with one worker.
 *
 *   npx tsx bench/queue.bench.ts [--jobs=5000] [--samples=200] [--concurrency=20] [--pool=4]
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test): a database is created on
 * that server for the run and dropped at the end.
 */
import PgBoss from 'pg-boss';
import postgres from 'postgres';
import { pino } from 'pino';
import { openCloudDb, type CloudDb } from '../cloud/db/client.js';
import { createJobs, type Jobs } from '../cloud/jobs/jobs.js';
import { JOBS_SCHEMA } from '../cloud/jobs/queue.js';
import { createScratchDatabase } from '../cloud/testing/testDb.js';
import { drain, measureLatency, startInstances, type Latency } from './queueMeasure.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const JOBS = Number(option('jobs', '5000'));
const SAMPLES = Number(option('samples', '200'));
const CONCURRENCY = Number(option('concurrency', '20'));
const POOL = Number(option('pool', '4'));
const logger = pino({ level: 'error' });

const ms = (value: number) => `${value.toFixed(1)} ms`;
const line = (label: string, l: Latency) => console.log(`  ${label.padEnd(44)} p50 ${ms(l.p50).padStart(10)}  p95 ${ms(l.p95).padStart(10)}  (${l.samples} jobs)`);

function runner(db: CloudDb, pollIntervalMs: number, work = true): Jobs {
  return createJobs({ db, logger, pollIntervalMs, poolSize: POOL, work });
}

async function postgresFigures(url: string): Promise<void> {
  console.log(`\nPostgres (${new URL(url).host})`);
  const dbs = [await openCloudDb({ url, maxConnections: 2, syncStateCacheEntries: 0 }), await openCloudDb({ url, maxConnections: 2, syncStateCacheEntries: 0 })];
  for (const pollMs of [500, 2000]) {
    const [a, b] = [runner(dbs[0]!, pollMs), runner(dbs[1]!, pollMs, false)];
    const started = new Map<string, number>();
    a.queue.define('latency', async (_data, job) => void started.set(job.id, performance.now()));
    b.queue.define('latency', async () => undefined);
    await Promise.all([a.start(), b.start()]);
    if (pollMs === 500) line('enqueued by the instance that runs it', await measureLatency(a, started, SAMPLES));
    const crossSamples = Math.max(20, Math.round((SAMPLES * 100) / pollMs));
    line(`enqueued by another instance (poll ${pollMs} ms)`, await measureLatency(b, started, crossSamples, pollMs));
    await Promise.all([a.stop(), b.stop()]);
  }
  for (const db of dbs) await db.close();

  const enqueuerDb = await openCloudDb({ url, maxConnections: 2, syncStateCacheEntries: 0 });
  const enqueuer = runner(enqueuerDb, 2000, false);
  enqueuer.queue.define('noop', async () => undefined, { concurrency: CONCURRENCY });
  await enqueuer.start();
  const instances = await startInstances(url, 2, { concurrency: CONCURRENCY, pool: POOL, pollMs: 500 });
  const counter = postgres(url, { max: 1, onnotice: () => undefined });
  const completed = async () => Number((await counter.unsafe(`SELECT count(*)::int AS n FROM ${JOBS_SCHEMA}.job WHERE name = 'noop' AND state = 'completed'`))[0]!.n);
  const result = await drain(enqueuer, JOBS, completed);
  const ran = await instances.stop();
  await counter.end();
  await enqueuer.stop();
  await enqueuerDb.close();
  console.log(`  ${JOBS} no-op jobs, two instances (processes), concurrency ${CONCURRENCY} each, pool ${POOL}:`);
  console.log(`    ${result.perSecond.toFixed(0)} jobs/s (${(result.ms / 1000).toFixed(2)} s); ran ${ran.join(' + ')} = ${ran.reduce((s, n) => s + n, 0)} (each once: ${ran.reduce((s, n) => s + n, 0) === JOBS})`);
}

async function pgliteFigures(): Promise<void> {
  console.log('\nPGlite (in memory, one instance)');
  const db = await openCloudDb({ syncStateCacheEntries: 0 });
  const jobs = runner(db, 500);
  const started = new Map<string, number>();
  let ran = 0;
  jobs.queue.define('latency', async (_data, job) => void started.set(job.id, performance.now()));
  jobs.queue.define('noop', async () => void ran++, { concurrency: CONCURRENCY });
  await jobs.start();
  line('enqueued by the instance that runs it', await measureLatency(jobs, started, SAMPLES));
  const pgliteJobs = Math.min(JOBS, 2000);
  const result = await drain(jobs, pgliteJobs, async () => ran);
  console.log(`  ${pgliteJobs} no-op jobs, concurrency ${CONCURRENCY}: ${result.perSecond.toFixed(0)} jobs/s (${(result.ms / 1000).toFixed(2)} s)`);
  await jobs.stop();
  await db.close();
}

/** pg-boss's own loop: one worker, batch of one, its minimum polling interval (0.5 s). */
async function pgBossWorkFigure(url: string): Promise<void> {
  const boss = new PgBoss({ connectionString: url, schema: JOBS_SCHEMA, schedule: false, supervise: false, max: POOL });
  boss.on('error', () => undefined);
  await boss.start();
  await boss.createQueue('compare');
  const count = 20;
  await boss.insert(Array.from({ length: count }, () => ({ name: 'compare', data: {} })));
  let done = 0;
  const t0 = performance.now();
  await boss.work('compare', { pollingIntervalSeconds: 0.5, batchSize: 1 }, async () => void done++);
  while (done < count) await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (performance.now() - t0) / 1000;
  await boss.stop({ graceful: false });
  console.log(`\npg-boss work() for comparison: ${count} no-op jobs, one worker, batch 1, poll 0.5 s: ${(count / seconds).toFixed(1)} jobs/s`);
}

const scratch = await createScratchDatabase(ADMIN_URL, 'styliste_bench_queue');
try {
  console.log(`Job queue bench — ${new Date().toISOString()}, Node ${process.version}, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  await postgresFigures(scratch.url);
  await pgBossWorkFigure(scratch.url);
  await pgliteFigures();
} finally {
  await scratch.drop();
}
