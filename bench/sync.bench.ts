/**
 * Sync benchmark against the real cloud server on real Postgres (figures, not a timed test):
 * 1. a realistic workshop (2,000 clients, 10,000 orders…) generated on device A, pushed to the hub;
 * 2. a fresh device's first sync of it, for several SYNC_PAGE_ROWS (bytes, time with the local
 *    apply, round trips, compression) — target ≤ 2.5 MB and ≤ 10 s;
 * 3. bytes on the wire, headers included, of a sync with nothing to do (≤ 700 B) and with one
 *    edited field (≤ 1.2 KB), with the real SyncClient and the desktop's fetch (leanFetch) through a counting proxy;
 * 4. 200 concurrent devices (registered first) syncing with nothing to do: the capacity in
 *    requests per second, closed loop (≥ 1,000/s), and the p99 latency when they send 1,000
 *    requests per second together, open loop (≤ 50 ms), each next to a bare Express "hello"
 *    measured the same way, and to the same server with its sync-state cache off.
 * The server (cloud/server.ts, LOG_LEVEL silent) and the baseline each run in a child process, so
 * the load generator (this process) never shares their event loop.
 * When a target is missed, diagnoses follow: a CPU profile of the server under load (throughput),
 * the statements of single requests traced in an in-process app, what-ifs of the proposed
 * statements on the database alone, the token's size and verification cost, and what the first
 * sync's bytes are made of. About 7 minutes, 4 of them the hub taking device A’s push.
 *
 *   npx tsx bench/sync.bench.ts [--pages=1000,2000,5000] [--devices=200] [--seconds=10]
 *                               [--scale=1] [--profile] [--pool=10]
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test): a database is created on
 * that server for the run and dropped at the end. --scale shrinks the workshop (quick runs);
 * --profile runs the diagnoses even when every target is met. BENCH_SERVER_LOG=error shows the
 * server's log.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { openFileEngine, tempDir } from '../desktop/sqlite/testing.js';
import { newId } from '../shared/domain/ids.js';
import { generateWorkshop } from './generateWorkshop.js';
import { DEFAULT_SYNC_PAGE_ROWS } from '../cloud/config.js';
import { openBenchDb, adoptWorkshop, addMembers, headOf, hubCounts } from './syncFixture.js';
import { measureLoad } from './syncMeasure.js';
import { startCloudChild, startHelloChild, type ChildServer } from './syncServer.js';
import { WireProxy } from './syncWire.js';
import { openTimedDevice, measuredSync, deviceCounts, firstValue, type SyncRun, type TimedDevice } from './syncScenarios.js';
import { registerDevices, type LoadResult } from './syncLoad.js';
import { summariseProfile } from './syncProfile.js';
import { ADDED_BY_FETCH, bytesOf, kb, msf, printHeads, printPayload, printTrace, sec, status, table } from './syncReport.js';
import { analysePages } from './syncPayload.js';
import { TracedApp } from './syncQueries.js';
import { clientMutations, tokenShapes, tracePush, verifyCost } from './syncDiagnose.js';
import { whatIf } from './syncWhatIf.js';
import { pullWhatIf, pushWhatIf } from './syncWhatIfBatch.js';

/** The server's sync-state cache counters, from /metrics. */
async function cacheCounters(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Object.fromEntries([...text.matchAll(/^sync_state_cache_(\w+) (\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PAGES = option('pages', '2000,1000,5000').split(',').map(Number);
const DEVICES = Number(option('devices', '200'));
const SECONDS = Number(option('seconds', '10'));
const SCALE = Number(option('scale', '1'));
const PROFILE = args.includes('--profile');
/** The hub's postgres.js pool (DATABASE_POOL_SIZE) for the throughput runs. */
const POOL = option('pool', '10');
const TARGET = { idle: 700, edit: 1200, firstBytes: 2.5 * 1_048_576, firstMs: 10_000, rps: 1000, p99: 50 };

interface Summary {
  metric: string;
  measured: string;
  target: string;
  ok: boolean | null;
}
const summary: Summary[] = [];

function firstSyncLine(pageRows: number, run: SyncRun, counts: Record<string, number>, planned: { clients: number; orders: number }): string[] {
  const payload = run.exchanges.reduce((s, x) => s + x.responsePayloadBytes, 0);
  const decoded = run.exchanges.reduce((s, x) => s + x.responseDecodedBytes, 0);
  const encodings = [...new Set(run.exchanges.map((x) => x.responseEncoding ?? 'none'))].join('/');
  const rest = run.ms - run.timing.untilHeadersMs - run.timing.applyMs;
  const ok = counts.clients === planned.clients && counts.orders === planned.orders;
  return [
    String(pageRows), String(run.report.roundTrips), String(run.report.pulled), kb(run.wire.up), kb(run.wire.down), kb(run.wire.up + run.wire.down),
    sec(run.ms), sec(run.timing.untilHeadersMs), sec(run.timing.applyMs), sec(rest), `${encodings} ${(decoded / payload).toFixed(1)}×`,
    `${counts.clients}/${counts.orders} ${ok ? 'OK' : 'WRONG'}`,
  ];
}

function loadLine(r: LoadResult, cpu: { server: number; postgres: number; bench: number }): string[] {
  const pct = (ms: number) => `${((ms / (r.seconds * 1000)) * 100).toFixed(0)}%`;
  return [r.label, String(r.devices), String(r.requests), r.perSecond.toFixed(0), msf(r.p50), msf(r.p95), msf(r.p99), msf(r.max), String(r.errors), String(r.reconnects), pct(cpu.server), pct(cpu.postgres), pct(cpu.bench)];
}

async function main(): Promise<void> {
  const started = performance.now();
  const tmp = tempDir('styliste-sync-bench-');
  const dataDir = join(tmp.dir, 'cloud-data');
  mkdirSync(dataDir, { recursive: true });
  const bench = await openBenchDb(ADMIN_URL);
  const children: ChildServer[] = [];
  const cloud = async (env: Record<string, string> = {}, cpuProfDir?: string) => {
    const child = await startCloudChild(bench.url, bench.jwtSecret, { env: { DATA_DIR: dataDir, ...env }, cpuProfDir });
    children.push(child);
    return child;
  };
  const proxies: WireProxy[] = [];
  const openProxy = async (url: string) => {
    const proxy = await WireProxy.start(url);
    proxies.push(proxy);
    return proxy;
  };
  const stop = async (child: ChildServer) => {
    await child.stop();
    children.splice(children.indexOf(child), 1);
  };
  try {
    console.log(`# Sync benchmark — Postgres ${new URL(bench.url).host}, database ${bench.name}; server and baseline in child processes (node --import tsx), LOG_LEVEL silent, NODE_ENV production\n`);

    // ---------------------------------------------------------------- 1. generate and push
    const genPath = join(tmp.dir, 'device-a.sqlite');
    // "Now" a minute ago, so that no clock of the generated history is ahead of the hub.
    const now = new Date(Math.floor((Date.now() - 60_000) / 60_000) * 60_000);
    const scaled = (n: number) => Math.round(n * SCALE);
    console.log(`## Device A: generating the workshop (generateWorkshop, now = ${now.toISOString()})`);
    const gen = await generateWorkshop(genPath, { now, clients: scaled(2000), orders: scaled(10_000), payments: scaled(15_000) });
    await gen.engine.close();
    const planned = gen.stats.planned;
    const source = await openFileEngine(genPath);
    const workshopId = firstValue(genPath, 'SELECT id FROM workshop');
    const ownerMemberId = source.actor.memberId!;
    const outbox = deviceCounts(genPath, ['outbox']).outbox!;
    console.log(`  ${sec(gen.stats.generationMs)}; ${planned.clients} clients, ${planned.sheets} sheets, ${planned.orders} orders, ${planned.payments} payments; outbox ${outbox} mutations\n`);
    const owner = await adoptWorkshop(bench.ctx, workshopId, ownerMemberId);

    let server = await cloud({ SYNC_PAGE_ROWS: '1000' });
    let proxy = await openProxy(server.url);
    console.log('## Device A pushes everything to the hub (SyncClient batches of 500, gzip requests)');
    const a = await openTimedDevice(genPath, proxy.url, () => owner.token, source);
    const push = await measuredSync(a, proxy, false);
    const hub = await hubCounts(bench.ctx, workshopId);
    console.log(`  ${sec(push.ms)}, ${push.report.roundTrips} round trips, ${push.report.pushed} acked, ${push.report.rejected} rejected, ${push.report.pulled} pulled back`);
    console.log(`  up ${kb(push.wire.up)}, down ${kb(push.wire.down)}; until headers ${sec(push.timing.untilHeadersMs)} (server + network), outbox read ${sec(push.timing.outboxMs)}, settle ${sec(push.timing.settleMs)}, apply ${sec(push.timing.applyMs)}`);
    console.log(`  hub rows: ${Object.entries(hub).map(([t, n]) => `${t} ${n}`).join(', ')}\n`);
    await a.engine.close();

    // ---------------------------------------------------------------- 2. first sync of a fresh device
    console.log('## A fresh device\'s first sync (real SyncClient + the desktop\'s fetch, leanFetch, through the counting proxy)');
    const lines: string[][] = [];
    const firsts: { pageRows: number; run: SyncRun }[] = [];
    let fresh: TimedDevice | null = null;
    for (const pageRows of PAGES) {
      await proxy.close();
      await stop(server);
      server = await cloud({ SYNC_PAGE_ROWS: String(pageRows) });
      proxy = await openProxy(server.url);
      if (fresh) await fresh.engine.close();
      const path = join(tmp.dir, `fresh-${pageRows}.sqlite`);
      const t = performance.now();
      fresh = await openTimedDevice(path, proxy.url, () => owner.token);
      const openMs = performance.now() - t;
      const run = await measuredSync(fresh, proxy);
      const counts = deviceCounts(path, ['clients', 'orders', 'payments', 'measurement_sheets']);
      lines.push(firstSyncLine(pageRows, run, counts, planned));
      firsts.push({ pageRows, run });
      console.log(`  SYNC_PAGE_ROWS=${pageRows}: engine open ${msf(openMs)} (not counted); device rows ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
    console.log('');
    table(['page rows', 'trips', 'changes', 'up', 'down', 'total', 'time', 'until headers', 'local apply', 'rest', 'compression', 'clients/orders'], lines);
    console.log('  time = whole client.sync(); until headers = server work + loopback; rest = download, decompression, JSON.parse, zod parse, bookkeeping');
    // The targets are judged at the hub's default page size: what a device gets in the field.
    const fastest = [...firsts].sort((x, y) => x.run.ms - y.run.ms)[0]!;
    const best = firsts.find((f) => f.pageRows === DEFAULT_SYNC_PAGE_ROWS) ?? fastest;
    const bestBytes = best.run.wire.up + best.run.wire.down;
    summary.push({ metric: `first sync bytes (SYNC_PAGE_ROWS=${best.pageRows})`, measured: kb(bestBytes), target: '≤ 2.5 MB', ok: bestBytes <= TARGET.firstBytes });
    summary.push({ metric: `first sync time incl. apply (SYNC_PAGE_ROWS=${best.pageRows})`, measured: sec(best.run.ms), target: '≤ 10 s', ok: best.run.ms <= TARGET.firstMs });
    console.log(`  fastest: SYNC_PAGE_ROWS=${fastest.pageRows}; targets judged at the default, ${best.pageRows}`);

    // ---------------------------------------------------------------- 3. bytes of small syncs
    console.log('\n## Bytes on the wire, headers included (device in sync, keep-alive connection already open)');
    const device = fresh!;
    await device.engine.useMember(ownerMemberId);
    const idle = await measuredSync(device, proxy);
    const idleX = idle.exchanges[0]!;
    console.log(`\n### Sync with nothing to do: ${idle.report.roundTrips} round trip`);
    printHeads(idleX, idleX.responseText);
    const clientId = firstValue(device.path, 'SELECT id FROM clients ORDER BY id LIMIT 1');
    await device.engine.execute('updateClient', { id: clientId, notes: 'Appeler avant 18 h' });
    const edit = await measuredSync(device, proxy);
    const editX = edit.exchanges[0]!;
    console.log(`\n### One edited field (updateClient notes): ${edit.report.roundTrips} round trip, ${edit.report.pushed} acked`);
    printHeads(editX, editX.responseText);
    const bytesLines = [
      ['nothing to do', idle, TARGET.idle],
      ['one edited field', edit, TARGET.edit],
    ] as const;
    console.log('');
    table(
      ['scenario', 'request (head+body)', 'response (head+body)', 'total', 'target', 'fetch-added headers', 'status'],
      bytesLines.map(([name, run, target]) => {
        const total = run.wire.up + run.wire.down;
        const x = run.exchanges[0]!;
        const added = bytesOf(x.requestHead, ADDED_BY_FETCH);
        summary.push({ metric: `bytes: ${name}`, measured: `${total} B`, target: `≤ ${target} B`, ok: total <= target });
        return [name, `${run.wire.up} B (${x.requestHeadBytes}+${x.requestBodyBytes})`, `${run.wire.down} B (${x.responseHeadBytes}+${x.responseBodyBytes})`, `${total} B`, `≤ ${target} B`, `${added} B`, status(total <= target)];
      }),
    );
    const claims = { userId: owner.userId, workshopId, memberId: owner.memberId };
    console.log('\n  The Authorization line under leaner token encodings (same claims, same HS256 signature):');
    for (const t of tokenShapes(bench.jwtSecret, claims, bench.ctx.config.accessTokenTtlSeconds)) console.log(`    ${String(t.headerBytes).padStart(4)} B  ${t.shape}`);
    await device.engine.close();
    await proxy.close();
    await stop(server);
    console.log(`\n## The first sync's bytes (SYNC_PAGE_ROWS=${best.pageRows})`);
    printPayload(analysePages(best.run.exchanges.map((x) => x.responseDecoded)), best.run.exchanges.reduce((s, x) => s + x.responsePayloadBytes, 0));

    // ---------------------------------------------------------------- 4. throughput
    console.log(`\n## Throughput: ${DEVICES} devices, each its own member, token, device id and keep-alive connection, syncing with nothing to do (${SECONDS} s after 2 s warm-up; hub pool of ${POOL} database connections)`);
    const members = await addMembers(bench.ctx, workshopId, DEVICES);
    const head = await headOf(bench.ctx, workshopId);
    const loadIds = members.map((m) => ({ userId: m.userId, memberId: m.memberId, deviceId: newId() }));
    const devices = members.map((m, i) => ({ token: m.token, body: JSON.stringify({ protocol: 1, deviceId: loadIds[i]!.deviceId, cursor: String(head), mutations: [] }) }));
    const measure = (label: string, child: ChildServer, check: (body: string) => boolean, profileDir?: string, ratePerSecond?: number) =>
      measureLoad({ label, child, devices, check, warmupSeconds: profileDir ? 1 : 2, seconds: profileDir ? 5 : SECONDS, stats: label.startsWith('sync') ? bench : undefined, ratePerSecond });
    const idleAnswer = (b: string) => b.includes('"changes":[]') && b.includes('"acked":[]');
    const helloAnswer = (b: string) => b === '{"hello":"world"}';
    server = await cloud({ DATABASE_POOL_SIZE: POOL });
    await registerDevices(server.url, '/api/sync', devices);
    const cacheBefore = await cacheCounters(server.url);
    const sync = await measure('sync, closed loop (capacity)', server, idleAnswer);
    const syncAtRate = await measure(`sync, ${TARGET.rps} req/s (open loop)`, server, idleAnswer, undefined, TARGET.rps);
    const cacheAfter = await cacheCounters(server.url);
    await stop(server);
    // The same server with every idle sync reading the database (the sync-state cache off): what the cache buys.
    server = await cloud({ DATABASE_POOL_SIZE: POOL, SYNC_STATE_CACHE_ENTRIES: '0' });
    const uncached = await measure('sync, cache off, closed loop', server, idleAnswer);
    const uncachedAtRate = await measure(`sync, cache off, ${TARGET.rps} req/s (open loop)`, server, idleAnswer, undefined, TARGET.rps);
    await stop(server);
    const hello = await startHelloChild();
    children.push(hello);
    const base = await measure('bare Express hello, closed loop', hello, helloAnswer);
    const baseAtRate = await measure(`bare Express hello, ${TARGET.rps} req/s (open loop)`, hello, helloAnswer, undefined, TARGET.rps);
    await stop(hello);
    console.log('');
    table(
      ['server', 'devices', 'requests', 'req/s', 'p50', 'p95', 'p99', 'max', 'errors', 'reconnects', 'CPU server', 'CPU postgres', 'CPU load gen'],
      [
        loadLine(sync.result, sync.cpu),
        loadLine(syncAtRate.result, syncAtRate.cpu),
        loadLine(uncached.result, uncached.cpu),
        loadLine(uncachedAtRate.result, uncachedAtRate.cpu),
        loadLine(base.result, base.cpu),
        loadLine(baseAtRate.result, baseAtRate.cpu),
        ['target (sync)', String(DEVICES), '', `≥ ${TARGET.rps}`, '', '', `≤ ${TARGET.p99} ms`, '', '0', '', '', '', ''],
      ],
    );
    console.log('  closed loop: each device sends its next sync as soon as the answer arrives — the capacity; its latency is the queue (devices ÷ req/s, Little\'s law)');
    console.log(`  open loop: the ${DEVICES} devices sync at a steady pace (${(DEVICES / TARGET.rps).toFixed(2)} s apart each, random phase), ${TARGET.rps} req/s together; latency from the moment each sync was due`);
    console.log('  CPU = share of one core over the measured window (this machine has the load generator, the server and Postgres on the same cores)');
    const cacheDelta = (k: string) => (cacheAfter[k] ?? 0) - (cacheBefore[k] ?? 0);
    console.log(`  sync-state cache over both sync runs (warm-ups included): ${cacheDelta('hits')} answered from memory, ${cacheDelta('misses')} read the database, ${cacheDelta('discarded')} loads not kept; live ${cacheAfter.live === 1 ? 'yes' : 'NO'}`);
    for (const m of [sync, syncAtRate]) if (m.result.firstError) console.log(`  first error (${m.result.label}): ${m.result.firstError}`);
    if (sync.pg) {
      const per = (k: string) => ((sync.pg![k] ?? 0) / sync.result.requests).toFixed(2);
      console.log(`  Postgres per sync request (statistics, approximate): ${per('xactCommit')} commits, ${per('idxScan')} index scans, ${per('seqScan')} seq scans, ${per('tupUpdated')} rows updated, ${per('walRecords')} WAL records, ${(Number(per('walBytes'))).toFixed(0)} WAL bytes, ${per('walSync')} WAL syncs`);
    }
    const rpsOk = sync.result.perSecond >= TARGET.rps;
    const p99Ok = syncAtRate.result.p99 <= TARGET.p99;
    summary.push({ metric: `sync req/s, ${DEVICES} devices, closed loop (hello: ${base.result.perSecond.toFixed(0)}/s)`, measured: sync.result.perSecond.toFixed(0), target: `≥ ${TARGET.rps}`, ok: rpsOk });
    summary.push({ metric: `sync p99 at ${TARGET.rps} req/s from ${DEVICES} devices (hello: ${msf(baseAtRate.result.p99)})`, measured: msf(syncAtRate.result.p99), target: `≤ ${TARGET.p99} ms`, ok: p99Ok });
    summary.push({ metric: `sync p99, closed loop (queue of ${DEVICES}; hello: ${msf(base.result.p99)})`, measured: msf(sync.result.p99), target: '', ok: null });
    summary.push({ metric: 'sync errors under load', measured: String(sync.result.errors + syncAtRate.result.errors), target: '0', ok: sync.result.errors + syncAtRate.result.errors === 0 });

    if (!rpsOk || !p99Ok || PROFILE) {
      const profDir = join(tmp.dir, 'profile');
      mkdirSync(profDir, { recursive: true });
      console.log(`\n## Profile of the server under the same load (--cpu-prof, 5 s after 1 s warm-up)`);
      server = await cloud({}, profDir);
      const profiled = await measure('sync (profiled)', server, (b) => b.includes('"changes":[]'), profDir);
      await stop(server);
      const p = summariseProfile(profDir, ROOT, profiled.span);
      if (p) {
        console.log(`  ${profiled.result.perSecond.toFixed(0)} req/s while profiled; server busy ${sec(p.busyMs)} of ${sec(p.wallMs)} sampled (${((p.busyMs / p.wallMs) * 100).toFixed(0)}%)`);
        const share = (ms: number) => `${((ms / p.busyMs) * 100).toFixed(1)}%`;
        console.log('\n  Self time by package / project file (share of busy time):');
        for (const g of p.byGroup.slice(0, 18)) console.log(`    ${share(g.ms).padStart(6)}  ${msf(g.ms).padStart(10)}  ${g.name}`);
        console.log('\n  Self time by function:');
        for (const f of p.byFunction.slice(0, 25)) console.log(`    ${share(f.ms).padStart(6)}  ${msf(f.ms).padStart(10)}  ${f.name}`);
        console.log('\n  The heaviest functions, by the first package or project frame that led to them:');
        for (const [name, list] of p.callers) {
          console.log(`    ${name}`);
          for (const c of list) console.log(`      ${share(c.ms).padStart(6)}  ← ${c.chain}`);
        }
        console.log(`  per request: ${msf(p.busyMs / Math.max(1, profiled.result.requests))} of server CPU`);
      }
    }

    if (PROFILE || summary.some((x) => x.ok === false)) {
      console.log('\n## One request at a time, statement by statement (the real app in this process, a counting database)');
      const traced = await TracedApp.start(bench, { SYNC_PAGE_ROWS: String(best.pageRows) });
      const mutations = await clientMutations(tmp.dir, 500);
      try {
        const firstBody = JSON.stringify({ protocol: 1, deviceId: newId(), cursor: '0', mutations: [] });
        printTrace(`First page of a first sync (cursor 0, SYNC_PAGE_ROWS=${best.pageRows})`, await traced.trace(2, owner.token, () => firstBody));
        const at = String(await headOf(bench.ctx, workshopId));
        const idleBody = JSON.stringify({ protocol: 1, deviceId: newId(), cursor: at, mutations: [] });
        await traced.trace(20, owner.token, () => idleBody);
        printTrace('Sync with nothing to do', await traced.trace(200, owner.token, () => idleBody));
        printTrace(`Push of ${mutations.length} new clients (one SyncClient batch)`, await tracePush(traced, owner.token, at, mutations, 3));
      } finally {
        await traced.close();
      }
      console.log(`\n### What-if on the database alone: ${DEVICES} devices, a pool of 10 connections (the server's), ${Math.min(SECONDS, 5)} s each`);
      const variants = await whatIf(bench.url, workshopId, loadIds, await headOf(bench.ctx, workshopId), Math.min(SECONDS, 5), 10);
      table(['statements of a sync with nothing to do', 'round trips', 'req/s', 'p50', 'p99'], variants.map((v) => [v.label, String(v.roundTrips), v.perSecond.toFixed(0), msf(v.p50), msf(v.p99)]));
      console.log('\n### What-if for the bulk paths on the database alone (one connection, mean of 3 runs)');
      const batches = [await pullWhatIf(bench.url, workshopId, best.pageRows), await pushWhatIf(bench.url, workshopId, 'clients', mutations)];
      table(
        ['bulk path', 'row by row: statements', 'rows', 'ms', 'set-based: statements', 'rows', 'ms'],
        batches.map((b) => [b.label, String(b.today.statements), String(b.today.rows), msf(b.today.ms), String(b.proposed.statements), String(b.proposed.rows), msf(b.proposed.ms)]),
      );
      const cost = verifyCost(bench.jwtSecret, owner.token);
      console.log(`\n  Access token verification: ${cost.stringSecretUs.toFixed(0)} µs with the secret as a string (jsonwebtoken first tries createPublicKey on it, which throws), ${cost.keyObjectUs.toFixed(0)} µs with a KeyObject made once`);
    }

    // ---------------------------------------------------------------- summary
    console.log('\n## Summary\n');
    table(['metric', 'measured', 'target', 'status'], summary.map((s) => [s.metric, s.measured, s.target, s.ok === null ? '' : status(s.ok)]));
    console.log(`\nTotal bench time: ${sec(performance.now() - started)}`);
  } finally {
    for (const proxy of proxies) await proxy.close();
    for (const child of [...children]) await child.stop();
    await bench.close();
    tmp.cleanup();
  }
}

try {
  await main();
} catch (error) {
  // A crash is not a missed target: say so and fail, so a broken bench cannot look green.
  console.error(error);
  process.exitCode = 1;
}
// Whatever a failure left open (a socket, a timer), the bench ends.
setTimeout(() => process.exit(), 3000).unref();
