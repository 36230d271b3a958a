/**
 * The billing lifecycle sweep over a platform of subscriptions (figures, not a timed test; issue
 * 10's target: 100,000 subscriptions in ≤ 30 s on Postgres), on the machine's Postgres and on
 * PGlite, two scenarios each on a fresh database:
 * - realistic: every subscription due at once (a sweep after a long stop), 5% of them trials that
 *   ended (→ past_due: the synced row, a notice), 10% periods ending in 2 days (the reminder),
 *   85% yearly plans whose month starts (the month's credits; the earlier months already granted);
 * - worst: every one a trial that ended (100% transitions, 100% notices, 100% synced rows).
 * Then a rerun, which must find nothing due. Each workshop has its minimum rows, written by SQL:
 * its sync row (the synced-row write needs it), its workshop row, its owner (member + account,
 * the notices' recipient) and its subscription. Notices go to the development outbox (a file
 * each, in a temporary folder): the providers' cost without a network.
 *
 *   npx tsx bench/billingLifecycle.bench.ts [--subscriptions=100000] [--batch=200] [--concurrency=4] [--only=postgres|pglite] [--scenario=realistic|worst] [--owners=no]
 * BENCH_DATABASE_URL (or TEST_DATABASE_URL, DATABASE_URL; default postgres://postgres@127.0.0.1:5432/test):
 * a database is created on that server for each run and dropped at the end.
 */
import { loadavg, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { openCloudDb, rows, type CloudDb } from '../cloud/db/client.js';
import { createScratchDatabase } from '../cloud/testing/testDb.js';
import { ServerWriter } from '../cloud/sync/serverWrite.js';
import { Catalogue } from '../cloud/billing/catalogue.js';
import { DevOutbox } from '../cloud/providers/outbox/devOutbox.js';
import { OutboxEmail, OutboxSms, OutboxWhatsApp } from '../cloud/providers/outbox/outboxSenders.js';
import { OutboxPayments } from '../cloud/providers/outbox/outboxPayments.js';
import type { Providers } from '../cloud/providers/providers.js';
import { sweepLifecycle, type LifecycleSweepResult } from '../cloud/billing/lifecycle/sweep.js';
import { HybridClock } from '../shared/sync/hlc.js';
import { localMidnight } from '../shared/billing/periods.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const N = Number(option('subscriptions', '100000'));
const BATCH = option('batch', '');
const CONCURRENCY = option('concurrency', '');
const ONLY = option('only', '');
/** --owners=no: workshops without an owner account, so notices are recorded but nothing is sent (the providers' share apart). */
const OWNERS = option('owners', 'yes') !== 'no';
const SCENARIOS = (option('scenario', 'realistic,worst').split(',') as Scenario[]).filter((s) => s === 'realistic' || s === 'worst');
const TZ = 'Africa/Porto-Novo';
const NOW = new Date('2027-03-15T10:00:00.000Z');
const logger = pino({ level: 'warn' });

type Scenario = 'realistic' | 'worst';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function seed(db: CloudDb, scenario: Scenario): Promise<void> {
  const step = async (label: string, statement: ReturnType<typeof sql>) => {
    const t0 = performance.now();
    await db.system((tx) => tx.execute(statement));
    console.log(`    ${label.padEnd(22)} ${seconds(performance.now() - t0)}`);
  };
  await db.system((tx) => tx.execute(sql`CREATE OR REPLACE FUNCTION bench_uid(text) RETURNS uuid LANGUAGE sql IMMUTABLE
    AS $$ SELECT overlay(overlay(md5($1) placing '4' from 13) placing '8' from 17)::uuid $$`));
  await step('sync rows', sql`INSERT INTO workshop_sync (workshop_id, last_seq, next_device_number) SELECT bench_uid('w' || n), 10, 1 FROM generate_series(1, ${N}) n`);
  await step('workshops', sql`INSERT INTO workshop (workshop_id, id, name, phone, city, country, timezone, currency, working_days, closing_days, capacity, unit, created_at, sms_gsm7, balance_reminder_days, last_seq)
    SELECT bench_uid('w' || n), bench_uid('w' || n), 'Atelier ' || n, '+22901' || lpad(n::text, 8, '0'), 'Cotonou', 'BJ', ${TZ}, 'XOF',
      '[1,2,3,4,5,6]'::jsonb, '[]'::jsonb, 15, 'cm', '2026-01-05T08:00:00.000Z', true, 3, 1
    FROM generate_series(1, ${N}) n`);
  if (OWNERS) await step('owners (accounts)', sql`INSERT INTO users (id, name, phone, password_hash) SELECT bench_uid('u' || n), 'Propriétaire ' || n, '+22997' || lpad(n::text, 8, '0'), 'bench' FROM generate_series(1, ${N}) n`);
  if (OWNERS) await step('owners (members)', sql`INSERT INTO members (workshop_id, id, name, phone, role, deleted_at, user_id, last_seq)
    SELECT bench_uid('w' || n), bench_uid('m' || n), 'Propriétaire ' || n, '+22997' || lpad(n::text, 8, '0'), 'owner', NULL, bench_uid('u' || n), 2 FROM generate_series(1, ${N}) n`);
  const trialEnd = localMidnight('2027-03-15', TZ); // this morning
  const periodEnd = localMidnight('2027-03-17', TZ); // in 2 days: the reminder is due
  const monthlyStart = localMidnight('2027-02-17', TZ);
  const yearlyStart = localMidnight('2027-01-15', TZ); // month starts 15 Jan, 15 Feb, 15 Mar (this morning)
  const yearlyEnd = localMidnight('2028-01-15', TZ);
  const kind = scenario === 'worst' ? sql`'trial'` : sql`CASE WHEN n % 100 < 5 THEN 'trial' WHEN n % 100 < 15 THEN 'reminder' ELSE 'yearly' END`;
  await step('subscriptions', sql`INSERT INTO subscriptions (workshop_id, status, plan_id, cycle, trial_ends_at, period_start, current_period_end, timezone, next_check_at)
    SELECT bench_uid('w' || n),
      CASE k WHEN 'trial' THEN 'trial' ELSE 'active' END,
      CASE k WHEN 'trial' THEN 'atelier' WHEN 'reminder' THEN 'solo' ELSE 'atelier' END,
      CASE k WHEN 'trial' THEN NULL WHEN 'reminder' THEN 'monthly' ELSE 'yearly' END,
      CASE k WHEN 'trial' THEN ${trialEnd}::timestamptz END,
      CASE k WHEN 'reminder' THEN ${monthlyStart}::timestamptz WHEN 'yearly' THEN ${yearlyStart}::timestamptz END,
      CASE k WHEN 'reminder' THEN ${periodEnd}::timestamptz WHEN 'yearly' THEN ${yearlyEnd}::timestamptz END,
      ${TZ},
      ${NOW.toISOString()}::timestamptz - (n % 1000) * interval '1 second'
    FROM (SELECT n, ${kind} AS k FROM generate_series(1, ${N}) n) s`);
  if (scenario === 'realistic') {
    // The yearly plans' earlier months, granted by earlier sweeps.
    await step('earlier grants', sql`INSERT INTO credit_ledger (workshop_id, kind, amount, reference, grant_key)
      SELECT s.workshop_id, 'grant', 200, 'monthly:atelier', 'monthly:' || ${yearlyStart} || ':' || m.at
      FROM subscriptions s, (VALUES (${yearlyStart}), (${localMidnight('2027-02-15', TZ)})) AS m(at) WHERE s.cycle = 'yearly'`);
  }
  await db.system((tx) => tx.execute(sql`ANALYZE`));
}

function describe(label: string, r: LifecycleSweepResult): void {
  const transitions = Object.entries(r.transitions).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  console.log(
    `  ${label.padEnd(12)} ${seconds(r.ms).padStart(8)}  checked ${r.checked} (${Math.round(r.checked / Math.max(r.ms / 1000, 0.001))}/s), transitions: ${transitions}; synced rows ${r.synced}; ` +
      `notices ${r.notices} (sent ${r.noticesSent}, failed ${r.noticesFailed}); grants ${r.grants}; batches ${r.batches}; failed workshops ${r.failedWorkshops}`,
  );
  console.log(`  ${''.padEnd(12)} every batch committed after ${seconds(r.phases.committedMs)}; lanes' time: transactions ${seconds(r.phases.writeMs)}, sending notices ${seconds(r.phases.sendMs)}`);
}

async function run(engine: string, open: () => Promise<{ db: CloudDb; close(): Promise<void> }>, scenario: Scenario): Promise<void> {
  console.log(`\n${engine}, ${scenario}: ${N} subscriptions`);
  const { db, close } = await open();
  const outboxDir = await mkdtemp(join(tmpdir(), 'styliste-bench-lifecycle-'));
  try {
    const t0 = performance.now();
    await seed(db, scenario);
    console.log(`  seeded in ${seconds(performance.now() - t0)}`);
    const outbox = new DevOutbox(outboxDir);
    const providers: Providers = { sms: new OutboxSms(outbox), whatsapp: new OutboxWhatsApp(outbox), email: new OutboxEmail(outbox), payments: new OutboxPayments(outbox, 'https://styliste.bj') };
    const clock = new HybridClock('00000000000be0c5');
    const deps = { db, writer: new ServerWriter(clock), clock, providers, catalogue: new Catalogue(db), logger };
    const options = { ...(CONCURRENCY ? { concurrency: Number(CONCURRENCY) } : {}), ...(BATCH ? { batchSize: Number(BATCH) } : {}) };
    describe('sweep', await sweepLifecycle(deps, NOW, options));
    describe('rerun', await sweepLifecycle(deps, new Date(NOW.getTime() + 60_000), options));
    const [counted] = await db.system((tx) => rows<{ n: string | number }>(tx, sql`SELECT count(*) AS n FROM subscription`));
    const [granted] = await db.system((tx) => rows<{ n: string | number }>(tx, sql`SELECT count(*) AS n FROM credit_ledger WHERE grant_key LIKE ${'%:' + localMidnight('2027-03-15', TZ)}`));
    const [due] = await db.system((tx) => rows<{ n: string | number }>(tx, sql`SELECT count(*) AS n FROM subscriptions WHERE next_check_at <= ${NOW.toISOString()}`));
    console.log(`  synced subscription rows ${counted?.n}; this morning's month credits ${granted?.n}; still due ${due?.n}`);
  } finally {
    await rm(outboxDir, { recursive: true, force: true });
    await close();
  }
}

console.log(`Billing lifecycle sweep bench — ${new Date().toISOString()}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const scenario of SCENARIOS) {
  if (ONLY !== 'pglite') {
    await run(`Postgres (${new URL(ADMIN_URL).host})`, async () => {
      const scratch = await createScratchDatabase(ADMIN_URL, 'styliste_bench_lifecycle');
      const db = await openCloudDb({ url: scratch.url, maxConnections: 20, syncStateCacheEntries: 0 });
      return { db, close: async () => (await db.close(), await scratch.drop()) };
    }, scenario);
  }
  if (ONLY !== 'postgres') {
    await run('PGlite (in memory)', async () => {
      const db = await openCloudDb({ syncStateCacheEntries: 0 });
      return { db, close: () => db.close() };
    }, scenario);
  }
}
