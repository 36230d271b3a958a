/**
 * FedaPay webhook handling under load (issue 10: "webhook handling p95 with 50 concurrent
 * deliveries"), figures, not a timed test. A real server (createApp over a real database) with
 * the official FedaPay SDK pointed at the loopback FedaPay; N workshops each with a pending
 * checkout made through POST /api/billing/checkout, then approved at FedaPay (no webhook sent by
 * it). Rounds of 50 concurrent signed deliveries: each round 40 new transactions plus 10
 * duplicates (5 of this round's, arriving at the same time, and 5 already applied). Every
 * delivery verifies the signature, reads the transaction back from FedaPay and goes through the
 * exactly-once path. At the end: one payment per transaction, distinct receipt numbers, each
 * pack's credits once, every checkout paid.
 *
 *   npx tsx bench/billingWebhook.bench.ts [--workshops=200] [--rounds=5] [--concurrency=50] [--only=postgres|pglite]
 * BENCH_DATABASE_URL, else TEST_DATABASE_URL, else DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test):
 * a database is created on that server for the run and dropped at the end.
 */
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { pino } from 'pino';
import { openCloudDb, rows, type CloudDb } from '../cloud/db/client.js';
import { createScratchDatabase } from '../cloud/testing/testDb.js';
import { createFixtureWorkshop } from '../cloud/testing/fixtures.js';
import { startTestServer } from '../cloud/testing/testServer.js';
import { startFedaPayLoopback, signWebhook, webhookBody } from '../cloud/providers/testing/fedapayLoopback.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const CONCURRENCY = Number(option('concurrency', '50'));
const ROUNDS = Number(option('rounds', '5'));
const FRESH = Math.round(CONCURRENCY * 0.8);
const WORKSHOPS = Number(option('workshops', String(FRESH * ROUNDS)));
const ONLY = option('only', '');
const SECRET = 'sk_sandbox_bench';
const WEBHOOK_SECRET = 'wh_sandbox_bench';

const ms = (v: number) => `${v.toFixed(1)} ms`;
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

interface Pending {
  workshopId: string;
  transactionId: string;
  kind: string;
}

async function figures(engine: string, db: CloudDb): Promise<void> {
  console.log(`\n${engine}: ${WORKSHOPS} workshops, ${ROUNDS} rounds of ${CONCURRENCY} concurrent deliveries (${FRESH} new + ${CONCURRENCY - FRESH} duplicates)`);
  const fedapay = await startFedaPayLoopback(SECRET);
  const server = await startTestServer(
    { PUBLIC_URL: 'https://styliste.example', FEDAPAY_SECRET_KEY: SECRET, FEDAPAY_ENVIRONMENT: 'sandbox', FEDAPAY_WEBHOOK_SECRET: WEBHOOK_SECRET, FEDAPAY_BASE_URL: fedapay.url },
    { db, logger: pino({ level: 'warn' }) },
  );
  try {
    const t0 = performance.now();
    const pending: Pending[] = [];
    for (let start = 0; start < WORKSHOPS; start += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, WORKSHOPS - start) }, async (_, j) => {
          const i = start + j;
          const shop = await createFixtureWorkshop(server.ctx, `Atelier ${i}`);
          const body = i % 2 === 0 ? { packId: 'sms-100' } : { planId: i % 4 === 1 ? 'solo' : 'atelier', cycle: 'monthly' };
          const reply = await fetch(`${server.url}/api/billing/checkout`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${shop.owner.token}` }, body: JSON.stringify(body) });
          if (reply.status !== 201) throw new Error(`checkout answered ${reply.status}: ${await reply.text()}`);
          const created = (await reply.json()) as { transactionId: string; kind: string };
          pending.push({ workshopId: shop.workshopId, transactionId: created.transactionId, kind: created.kind });
        }),
      );
    }
    for (const p of pending) await fedapay.setStatus(Number(p.transactionId), 'approved'); // no webhook: fedapay.webhook is null
    console.log(`  ${pending.length} workshops with a pending checkout, approved at FedaPay, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const deliver = async (transactionId: string): Promise<{ ms: number; status: number; outcome: string }> => {
      const body = webhookBody(fedapay.transactions.get(Number(transactionId))!);
      const started = performance.now();
      const response = await fetch(`${server.url}/api/webhooks/fedapay`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-fedapay-signature': signWebhook(body, WEBHOOK_SECRET) }, body });
      const answer = (await response.json()) as { outcome?: string };
      return { ms: performance.now() - started, status: response.status, outcome: answer.outcome ?? 'error' };
    };

    const all: number[] = [];
    const warm: number[] = [];
    const outcomes = new Map<string, number>();
    let warmWall = 0;
    let warmDeliveries = 0;
    const applied: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const fresh = pending.slice(round * FRESH, (round + 1) * FRESH).map((p) => p.transactionId);
      if (fresh.length === 0) break;
      const dupNow = fresh.slice(0, Math.ceil((CONCURRENCY - FRESH) / 2));
      const dupBefore = applied.slice(-(CONCURRENCY - FRESH - dupNow.length));
      const batch = [...fresh, ...dupNow, ...dupBefore].sort(() => Math.random() - 0.5);
      const started = performance.now();
      const results = await Promise.all(batch.map(deliver));
      const wall = performance.now() - started;
      applied.push(...fresh);
      const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
      for (const r of results) outcomes.set(`${r.status} ${r.outcome}`, (outcomes.get(`${r.status} ${r.outcome}`) ?? 0) + 1);
      all.push(...latencies);
      if (round > 0) {
        warm.push(...latencies);
        warmWall += wall;
        warmDeliveries += batch.length;
      }
      console.log(
        `  round ${round + 1}${round === 0 ? ' (cold)' : '       '}  ${batch.length} deliveries in ${ms(wall).padStart(9)}  p50 ${ms(percentile(latencies, 50)).padStart(9)}  p95 ${ms(percentile(latencies, 95)).padStart(9)}  max ${ms(latencies.at(-1)!).padStart(9)}  ${((batch.length / wall) * 1000).toFixed(0)} deliveries/s`,
      );
    }
    warm.sort((a, b) => a - b);
    all.sort((a, b) => a - b);
    if (warm.length) {
      console.log(`  warm rounds: p50 ${ms(percentile(warm, 50))}, p95 ${ms(percentile(warm, 95))}, max ${ms(warm.at(-1)!)}, throughput ${((warmDeliveries / warmWall) * 1000).toFixed(0)} deliveries/s`);
    }
    console.log(`  all rounds:  p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, max ${ms(all.at(-1)!)}`);
    console.log(`  answers: ${[...outcomes].map(([k, n]) => `${k} ×${n}`).join(', ')}`);

    // Exactly once, checked in the tables.
    const [check] = await db.system((tx) =>
      rows<{ payments: number; transactions: number; receipts: number; paid: number; purchases: number; packs: number }>(
        tx,
        sql`SELECT (SELECT count(*)::int FROM billing_payments) AS payments,
                   (SELECT count(DISTINCT transaction_id)::int FROM billing_payments) AS transactions,
                   (SELECT count(DISTINCT receipt_number)::int FROM billing_payments) AS receipts,
                   (SELECT count(*)::int FROM billing_checkouts WHERE status = 'paid') AS paid,
                   (SELECT count(*)::int FROM credit_ledger WHERE kind = 'purchase' AND grant_key LIKE 'payment:%') AS purchases,
                   (SELECT count(*)::int FROM billing_payments WHERE kind = 'pack') AS packs`,
      ),
    );
    const expected = applied.length;
    const ok = check!.payments === expected && check!.transactions === expected && check!.receipts === expected && check!.paid === expected && check!.purchases === check!.packs;
    console.log(
      `  exactly once: ${check!.payments} payments for ${expected} transactions delivered (${check!.transactions} distinct), ${check!.receipts} distinct receipt numbers, ${check!.paid} checkouts paid, ` +
        `${check!.purchases} pack credits for ${check!.packs} packs → ${ok ? 'OK' : 'FAILED'}`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    await server.close(); // closes db too
    await fedapay.close();
  }
}

console.log(`FedaPay webhook bench — ${new Date().toISOString()}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
if (ONLY !== 'pglite') {
  const scratch = await createScratchDatabase(ADMIN_URL, 'styliste_bench_webhook');
  try {
    const db = await openCloudDb({ url: scratch.url, maxConnections: 10 });
    await figures(`Postgres (${new URL(scratch.url).host}, pool 10)`, db);
  } finally {
    await scratch.drop();
  }
}
if (ONLY !== 'postgres') {
  await figures('PGlite (in memory)', await openCloudDb());
}
