/**
 * The admin dashboard under a grown platform (issue 12 "Figures"), figures, not a timed test:
 * 20,000 workshops, 200,000 messages, 50,000 payments (bench/adminDashboardSeed.ts), then the
 * service's own query function (cloud/admin/dashboard/dashboardSql.ts `readDashboardParts`) timed
 * part by part, and the whole dashboard as the route reads it (AdminDashboardService.read: one
 * statement), p50 / p95 / max over the runs, with each part's time inside the database
 * (EXPLAIN ANALYZE) and the indexes its plan uses. Target: the whole dashboard p95 ≤ 100 ms on Postgres.
 *
 *   npm run bench:admin-dashboard [-- --pg] [--workshops=20000] [--messages=200000] [--payments=50000] [--runs=200] [--only=pglite|postgres]
 * PGlite (in memory) always; Postgres too with --pg or BENCH_DATABASE_URL: a scratch database on
 * that server (default postgres://postgres@127.0.0.1:5432/test), dropped at the end.
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { openCloudDb, rows, type CloudDb } from '../cloud/db/client.js';
import { createScratchDatabase } from '../cloud/testing/testDb.js';
import { DASHBOARD_PART_NAMES, dashboardStatement, readDashboardParts } from '../cloud/admin/dashboard/dashboardSql.js';
import { AdminDashboardService } from '../cloud/admin/dashboard/service.js';
import { dashboardPeriods } from '../shared/admin/dashboard.js';
import { seedDashboard } from './adminDashboardSeed.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const SIZE = { workshops: Number(option('workshops', '20000')), messages: Number(option('messages', '200000')), payments: Number(option('payments', '50000')) };
const RUNS = Number(option('runs', '200'));
const ONLY = option('only', '');
const WITH_PG = args.includes('--pg') || Boolean(process.env.BENCH_DATABASE_URL) || ONLY === 'postgres';
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const NOW = new Date();

const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(11);
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function measure(runs: number, run: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  for (let i = 0; i < 5; i += 1) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
}

interface PlanNode {
  'Index Name'?: string;
  'Node Type'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** The database's own time for a statement (EXPLAIN ANALYZE) and how its plan reads each table. */
async function explain(db: CloudDb, statement: ReturnType<typeof sql>): Promise<{ ms: number; access: string }> {
  const [row] = await db.system((tx) => rows<Record<string, unknown>>(tx, sql`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`));
  const raw = Object.values(row!)[0];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ 'Execution Time': number; Plan: PlanNode }];
  const access = new Set<string>();
  const walk = (node: PlanNode) => {
    if (node['Index Name']) access.add(`${node['Node Type'] === 'Index Only Scan' ? 'index-only ' : ''}${node['Index Name']}`);
    else if (node['Node Type'] === 'Seq Scan') access.add(`seq scan ${node['Relation Name']}`);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan[0].Plan);
  return { ms: plan[0]['Execution Time'], access: [...access].join(', ') };
}

async function figures(engine: string, db: CloudDb): Promise<void> {
  console.log(`\n${engine}`);
  try {
    const seeded = await seedDashboard(db, SIZE, NOW);
    console.log(`  seeded in ${(seeded.ms / 1000).toFixed(1)} s: ${Object.entries(seeded.rows).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    const periods = dashboardPeriods(NOW);
    const service = new AdminDashboardService(db, () => NOW);
    console.log(`  ${'query'.padEnd(16)}${'p50'.padStart(11)}${'p95'.padStart(11)}${'max'.padStart(11)}${'in db'.padStart(11)}   plan`);
    for (const part of DASHBOARD_PART_NAMES) {
      const timed = await measure(RUNS, () => db.system((tx) => readDashboardParts(tx, periods, [part])));
      const inDb = await explain(db, dashboardStatement(periods, [part]));
      console.log(`  ${part.padEnd(16)}${ms(timed.p50)}${ms(timed.p95)}${ms(timed.max)}${ms(inDb.ms)}   ${inDb.access}`);
    }
    const whole = await measure(RUNS, () => service.read());
    const inDb = await explain(db, dashboardStatement(periods));
    console.log(`  ${'whole dashboard'.padEnd(16)}${ms(whole.p50)}${ms(whole.p95)}${ms(whole.max)}${ms(inDb.ms)}   one statement (AdminDashboardService.read)`);
    const sample = await service.read();
    console.log(
      `  figures: ${sample.workshops.total} workshops (${sample.workshops.synced30d} synced in 30 days, ${sample.workshops.newThisWeek} this week), ${sample.subscriptions.active} active, MRR ${sample.mrr} FCFA, ` +
        `${sample.paymentsThisMonth.count} payments this month, ${sample.messages.last30d.sent} sent / ${sample.messages.last30d.failed} failed in 30 days, ${sample.publishedProfiles} profiles shown, ${sample.pendingReports} reports pending`,
    );
    if (engine.startsWith('Postgres')) console.log(`  target: whole dashboard p95 ≤ 100 ms on Postgres → ${whole.p95 <= 100 ? 'OK' : 'MISSED'} (${whole.p95.toFixed(2)} ms)`);
  } finally {
    await db.close();
  }
}

console.log(`Admin dashboard bench — ${NOW.toISOString()}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${SIZE.workshops} workshops, ${SIZE.messages} messages, ${SIZE.payments} payments, ${RUNS} runs`);
if (ONLY !== 'postgres') await figures('PGlite (in memory)', await openCloudDb());
if (WITH_PG && ONLY !== 'pglite') {
  const scratch = await createScratchDatabase(ADMIN_URL, 'styliste_bench_dashboard');
  try {
    await figures(`Postgres (${new URL(scratch.url).host}, pool 10)`, await openCloudDb({ url: scratch.url, maxConnections: 10 }));
  } finally {
    await scratch.drop();
  }
}
