/**
 * Message dispatch benchmark (figures, not a timed test), on the machine's Postgres:
 * 1. throughput: N queued messages of W workshops (pushed by their devices' sync) enqueued at
 *    once, sent through Africa's Talking's SDK to a loopback provider, by one instance, then by
 *    two (each its own process, with production settings: 16 sends at once, a pool of 10);
 * 2. latency: with both instances running, devices push one message at a time at a steady rate
 *    (POST /api/sync to either instance, 10 and 40 a second by default); from the start of the
 *    sync request to the provider's receiving the SMS, p50 / p95 / max;
 * 3. PGlite, one instance in this process: the same drain, for comparison.
 *
 *   npx tsx bench/messages.bench.ts [--messages=2000] [--workshops=50] [--concurrency=16] [--pool=10] [--rates=10,40] [--latency=400] [--rounds=4]
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test): a database is created on
 * that server for the run and dropped at the end. Targets: ≥ 200 messages/s per instance, p95 ≤ 3 s.
 * It also prints the CPU each message costs (the instances, the database's backends, this
 * process), since on a shared machine the rate says as much about the neighbours as about us.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { openCloudDb, rows, type CloudDb } from '../cloud/db/client.js';
import { createScratchDatabase } from '../cloud/testing/testDb.js';
import { startTestServer, type TestServer } from '../cloud/testing/testServer.js';
import { RawDevice } from '../cloud/testing/rawSync.js';
import { startAfricasTalkingLoopback, type AfricasTalkingLoopback } from '../cloud/providers/testing/africasTalkingLoopback.js';
import { AT, Shop, sleep, smsProviderEnv, type ShopClient } from '../cloud/notifications/dispatchTesting.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MESSAGES = Number(option('messages', '2000'));
const WORKSHOPS = Number(option('workshops', '50'));
const CONCURRENCY = option('concurrency', '16');
const POOL = option('pool', '10');
const RATES = option('rates', '10,40').split(',').map(Number);
const LATENCY_MESSAGES = Number(option('latency', '400'));
const ROUNDS = Math.max(1, Number(option('rounds', '4')));
const instanceScript = fileURLToPath(new URL('./messagesInstance.ts', import.meta.url));

interface Instance {
  url: string;
  child: ChildProcessWithoutNullStreams;
  send(line: string, answer: string): Promise<string>;
}

function startInstance(dbUrl: string, atUrl: string): Promise<Instance> {
  return new Promise((resolve, reject) => {
    const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
    const child = spawn(process.execPath, [...profile, '--import', 'tsx', instanceScript, dbUrl, atUrl, CONCURRENCY, POOL], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const waiting: Array<{ prefix: string; done: (line: string) => void }> = [];
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      let newline: number;
      while ((newline = output.indexOf('\n')) >= 0) {
        const line = output.slice(0, newline);
        output = output.slice(newline + 1);
        if (line.startsWith('READY ')) resolve(instance(line.slice(6)));
        const index = waiting.findIndex((w) => line.startsWith(w.prefix));
        if (index >= 0) waiting.splice(index, 1)[0]!.done(line);
      }
    });
    child.on('exit', (code) => reject(new Error(`instance exited (${code})`)));
    const instance = (url: string): Instance => ({
      url,
      child,
      send: (line, prefix) =>
        new Promise((done) => {
          waiting.push({ prefix, done });
          child.stdin.write(`${line}\n`);
        }),
    });
  });
}

async function countSent(db: CloudDb): Promise<number> {
  const [row] = await db.system((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM messages WHERE status = 'sent'`));
  return Number(row?.n ?? 0);
}

interface Workshop {
  shop: Shop;
  client: ShopClient;
}

/** Each workshop's device pushes its share of `count` queued messages (100 a push); nothing is enqueued (the seeding server's jobs do not run). */
async function pushMessages(workshops: Workshop[], count: number, tag: string): Promise<void> {
  const perShop = Math.ceil(count / workshops.length);
  let left = count;
  for (const { shop, client } of workshops) {
    let mine = Math.min(perShop, left);
    left -= mine;
    while (mine > 0) {
      const batch = Math.min(100, mine);
      mine -= batch;
      const mutations = Array.from({ length: batch }, (_, i) => shop.device.mutation('messages', crypto.randomUUID(), shop.messageFields(client.clientId, 'sms', client.phone, `${tag} ${mine + i} ${shop.workshopId}`)));
      const answer = await shop.device.sync(mutations);
      if (answer.acked.length !== batch) throw new Error(`push refused: ${JSON.stringify(answer.rejected[0])}`);
    }
  }
}

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU time (ms) used so far by each Postgres backend serving the bench's database (the server is local). */
async function backendCpuMs(db: CloudDb): Promise<Map<number, number>> {
  const backends = await db.system((tx) => rows<{ pid: number }>(tx, sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`));
  const cpu = new Map<number, number>();
  for (const { pid } of backends) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(Number(pid), ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS); // utime + stime
    } catch {
      // the backend ended meanwhile
    }
  }
  return cpu;
}

/** Postgres CPU between two readings: backends born meanwhile count whole (WAL writer and checkpointer not counted). */
function postgresCpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return total;
}

const instanceCpuMs = async (instances: Instance[]) => (await Promise.all(instances.map((i) => i.send('CPU', 'CPU')))).reduce((sum, line) => sum + Number(line.slice(4)), 0);

interface Drain {
  seconds: number;
  /** CPU per message, ms: the instances, the database's Postgres backends, this process (loopback, polling). */
  cpu: { instances: number; postgres: number; bench: number };
}

async function drain(db: CloudDb, instances: Instance[], target: number): Promise<Drain> {
  const before = await countSent(db);
  const cpu = { instances: await instanceCpuMs(instances), postgres: await backendCpuMs(db), bench: process.cpuUsage() };
  const started = performance.now();
  await instances[0]!.send('SWEEP', 'SWEPT');
  while ((await countSent(db)) - before < target) await sleep(50);
  const seconds = (performance.now() - started) / 1000;
  const bench = process.cpuUsage(cpu.bench);
  return {
    seconds,
    cpu: {
      instances: ((await instanceCpuMs(instances)) - cpu.instances) / target,
      postgres: postgresCpuBetween(cpu.postgres, await backendCpuMs(db)) / target,
      bench: (bench.user + bench.system) / 1000 / target,
    },
  };
}

const cpuLine = (d: Drain) =>
  `CPU per message: instance(s) ${d.cpu.instances.toFixed(2)} ms, Postgres ${d.cpu.postgres.toFixed(2)} ms, loopback and bench ${d.cpu.bench.toFixed(2)} ms`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function latency(workshops: Workshop[], instances: Instance[], at: AfricasTalkingLoopback, rate: number): Promise<number[]> {
  const arrivals = new Map<string, number>();
  const push = at.sent.push.bind(at.sent);
  at.sent.push = (...items) => {
    for (const item of items) arrivals.set(item.message, performance.now());
    return push(...items);
  };
  const devices = workshops.map(({ shop }, i) => {
    const device = new RawDevice(instances[i % instances.length]!.url, shop.fixture.owner.token, shop.device.deviceId);
    device.cursor = shop.device.cursor;
    return device;
  });
  const started = new Map<string, number>();
  const pushes: Promise<unknown>[] = [];
  for (let n = 0; n < LATENCY_MESSAGES; n++) {
    const i = n % workshops.length;
    const { shop, client } = workshops[i]!;
    const body = `Latence ${rate} ${n}`;
    const device = devices[i]!;
    started.set(body, performance.now());
    pushes.push(device.post([device.mutation('messages', crypto.randomUUID(), shop.messageFields(client.clientId, 'sms', client.phone, body))]));
    await sleep(1000 / rate);
  }
  await Promise.all(pushes);
  const deadline = Date.now() + 60_000;
  while ([...started.keys()].some((body) => !arrivals.has(body)) && Date.now() < deadline) await sleep(50);
  at.sent.push = push;
  return [...started].filter(([body]) => arrivals.has(body)).map(([body, t]) => arrivals.get(body)! - t).sort((a, b) => a - b);
}

async function postgresFigures(): Promise<void> {
  const scratch = await createScratchDatabase(ADMIN_URL, 'styliste_messages_bench');
  const at = await startAfricasTalkingLoopback(AT);
  const db = await openCloudDb({ url: scratch.url, maxConnections: 4, syncStateCacheEntries: 0 });
  let seeding: TestServer | undefined;
  const instances: Instance[] = [];
  try {
    seeding = await startTestServer(smsProviderEnv(at.url), { db });
    const workshops: Workshop[] = [];
    for (let i = 0; i < WORKSHOPS; i++) {
      const shop = await Shop.open(seeding, 1_000_000, `Atelier ${i}`);
      workshops.push({ shop, client: await shop.client() });
    }
    console.log(`\nPostgres (${new URL(scratch.url).host}), ${WORKSHOPS} workshops, ${CONCURRENCY} sends at once per instance, pool ${POOL}`);
    await pushMessages(workshops, MESSAGES, 'Un');
    console.log(`  load average before: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} (2 cores shared with whatever else runs)`);
    instances.push(await startInstance(scratch.url, at.url));
    // Several rounds: the first runs on a cold instance (statements prepared, code compiled), the
    // next ones as a running server would; the median of the warm rounds is the figure to quote.
    const warm: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) await pushMessages(workshops, MESSAGES, `Un${round}`);
      const one = await drain(db, instances, MESSAGES);
      const rate = MESSAGES / one.seconds;
      if (round > 1) warm.push(rate);
      console.log(`  one instance, round ${round}${round === 1 ? ' (cold)' : ''}: ${MESSAGES} messages in ${one.seconds.toFixed(2)} s = ${rate.toFixed(0)} messages/s; ${cpuLine(one)}`);
    }
    if (warm.length > 0) console.log(`  one instance, warm rounds: median ${median(warm).toFixed(0)} messages/s, best ${Math.max(...warm).toFixed(0)}`);

    await pushMessages(workshops, MESSAGES, 'Deux');
    instances.push(await startInstance(scratch.url, at.url));
    await sleep(2_500); // the second instance's first poll
    const two = await drain(db, instances, MESSAGES);
    console.log(`  two instances: ${MESSAGES} messages in ${two.seconds.toFixed(2)} s = ${(MESSAGES / two.seconds).toFixed(0)} messages/s (${(MESSAGES / two.seconds / 2).toFixed(0)} per instance); ${cpuLine(two)}`);

    for (const rate of RATES) {
      const latencies = await latency(workshops, instances, at, rate);
      console.log(
        `  sync → provider, ${latencies.length}/${LATENCY_MESSAGES} messages at ${rate}/s through both instances: ` +
          `p50 ${percentile(latencies, 0.5).toFixed(0)} ms, p95 ${percentile(latencies, 0.95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
      );
    }
    const copies = new Map<string, number>();
    for (const m of at.sent) copies.set(m.message, (copies.get(m.message) ?? 0) + 1);
    const sentBy = await Promise.all(instances.map((instance) => instance.send('STOP', 'SENT')));
    console.log(`  sent by each instance: ${sentBy.map((line) => line.slice(5)).join(' + ')}; messages at the provider twice: ${[...copies.values()].filter((n) => n > 1).length}`);
  } finally {
    // Stopped instances exit on their own (a profile, when asked for, is written then).
    await Promise.all(instances.map((instance) => (instance.child.exitCode === null ? Promise.race([new Promise((done) => instance.child.once('exit', done)), sleep(5_000)]) : undefined)));
    for (const instance of instances) if (instance.child.exitCode === null) instance.child.kill('SIGKILL');
    await seeding?.close();
    await at.close();
    await scratch.drop();
  }
}

async function pgliteFigures(): Promise<void> {
  const count = Math.min(MESSAGES, 500);
  const at = await startAfricasTalkingLoopback(AT);
  const server = await startTestServer(smsProviderEnv(at.url), { tuning: { messages: { concurrency: Number(CONCURRENCY), sweepAfterMs: 0, sweepCron: '0 0 1 1 *' } } });
  try {
    const workshops: Workshop[] = [];
    for (let i = 0; i < 10; i++) {
      const shop = await Shop.open(server, 1_000_000, `Atelier ${i}`);
      workshops.push({ shop, client: await shop.client() });
    }
    await pushMessages(workshops, count, 'Lite');
    await server.ctx.services.jobs.start();
    const started = performance.now();
    await server.ctx.services.dispatcher.sweep(server.ctx.services.jobs.queue, 1_000_000);
    while ((await countSent(server.ctx.db)) < count) await sleep(50);
    const seconds = (performance.now() - started) / 1000;
    console.log(`\nPGlite (in memory, one instance in this process, with the loopback): ${count} messages in ${seconds.toFixed(2)} s = ${(count / seconds).toFixed(0)} messages/s`);
  } finally {
    await server.ctx.services.jobs.stop(5_000);
    await server.close();
    await at.close();
  }
}

await postgresFigures();
await pgliteFigures();
