/**
 * The public directory under 20,000 profiles (issue 11 "Benchmark"), figures, not a timed test:
 * search p50/p95 (ctx.services.directory.search) for the usual searches, the GiST earth_box query
 * the service runs against a plain bounding box + haversine on a btree (lat, lng) index (created
 * in the bench's database only), `/annuaire` render p95 through HTTP, and the bytes (raw and
 * compressed) of `/annuaire`, `/annuaire/cotonou` and `/s/<slug>`.
 *
 *   npm run bench:directory [-- --pg] [--profiles=20000] [--runs=100] [--only=pglite|postgres]
 * PGlite (in memory) always; Postgres too with --pg or BENCH_DATABASE_URL: a scratch database on
 * that server (default postgres://postgres@127.0.0.1:5432/test), dropped at the end.
 */
import { request as httpRequest } from 'node:http';
import { loadavg } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { openCloudDb, rows, type CloudDb } from '../cloud/db/client.js';
import { createScratchDatabase } from '../cloud/testing/testDb.js';
import { startTestServer } from '../cloud/testing/testServer.js';
import { profilePath } from '../cloud/directory/paths.js';
import { earthBoxCandidates, FIRST_PHOTO, haversineKm, VISIBLE } from '../cloud/directory/searchSql.js';
import { SPECIALTIES } from '../shared/directory/directoryOptions.js';
import type { SearchParams } from '../shared/directory/listingTypes.js';
import { seedDirectory } from './directorySeed.js';
import { Rng } from './workshopRng.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const PROFILES = Number(option('profiles', '20000'));
const RUNS = Number(option('runs', '100'));
const WITH_PG = args.includes('--pg') || Boolean(process.env.BENCH_DATABASE_URL) || option('only', '') === 'postgres';
const ONLY = option('only', '');
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const COTONOU = { lat: 6.3703, lng: 2.3912 };

const ms = (v: number) => `${v.toFixed(2)} ms`.padStart(10);
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function measure(runs: number, run: (i: number) => Promise<number | void>): Promise<{ p50: number; p95: number; max: number; results: number }> {
  for (let i = 0; i < 5; i += 1) await run(i); // warm-up
  const times: number[] = [];
  let results = 0;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    results += (await run(i)) ?? 0;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, results: results / runs };
}

/** A point within 3 km of Cotonou's centre: each run searches from a slightly different place. */
function nearCotonou(rng: Rng): { lat: number; lng: number } {
  return { lat: COTONOU.lat + rng.float(-3, 3) / 111.32, lng: COTONOU.lng + rng.float(-3, 3) / 110.6 };
}

/**
 * The service's search statement (searchSql.ts) for a position, its candidates found either by the
 * GiST earth_box the service uses or by a plain bounding box on (lat, lng), the same circle,
 * order and page either way.
 */
function searchStatement(center: { lat: number; lng: number }, radiusKm: number, specialty: string | undefined, finder: 'gist' | 'box'): SQL {
  const dLat = (radiusKm * 1.01) / 111.2;
  const dLng = (radiusKm * 1.01) / (111.2 * Math.cos((Math.abs(center.lat) + dLat) * (Math.PI / 180)));
  const distance = haversineKm(center.lat, center.lng);
  const candidates =
    finder === 'gist'
      ? earthBoxCandidates(center.lat, center.lng, radiusKm)
      : sql`l.lat BETWEEN ${center.lat - dLat}::float8 AND ${center.lat + dLat}::float8 AND l.lng BETWEEN ${center.lng - dLng}::float8 AND ${center.lng + dLng}::float8`;
  return sql`SELECT l.slug, l.name, l.city, l.district, l.specialties, l.price_range, l.accepts_orders, l.lat, l.lng, ${distance} AS distance_km,
                 ${FIRST_PHOTO} AS thumb_hash
            FROM directory_listings l
           WHERE ${VISIBLE} AND ${candidates} AND ${distance} <= ${radiusKm}::float8
             ${specialty ? sql`AND l.specialties @> ARRAY[${specialty}]::text[]` : sql``}
           ORDER BY distance_km NULLS LAST, l.name, l.slug LIMIT 21`;
}

async function boxSearch(db: CloudDb, center: { lat: number; lng: number }, radiusKm: number, specialty?: string): Promise<number> {
  return (await db.system((tx) => rows<{ slug: string }>(tx, searchStatement(center, radiusKm, specialty, 'box')))).length;
}

/** The database's own time for the statement (EXPLAIN ANALYZE's Execution Time) and the index its plan uses. */
async function serverTime(db: CloudDb, statement: SQL): Promise<{ ms: number; index: string }> {
  const [row] = await db.system((tx) => rows<Record<string, unknown>>(tx, sql`EXPLAIN (ANALYZE, FORMAT JSON) ${statement}`));
  const raw = Object.values(row!)[0];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ 'Execution Time': number; Plan: unknown }];
  const indexes = new Set<string>();
  const walk = (node: { 'Index Name'?: string; Plans?: unknown[] }) => {
    const name = node['Index Name'];
    if (name && (name.startsWith('directory_listings') || name.startsWith('bench_'))) indexes.add(name);
    for (const child of node.Plans ?? []) walk(child as never);
  };
  walk(plan[0].Plan as never);
  return { ms: plan[0]['Execution Time'], index: [...indexes].join('+') || 'seq scan' };
}

async function serverTimes(db: CloudDb, rng: Rng, finder: 'gist' | 'box', radiusKm: number, withSpecialty: boolean): Promise<string> {
  const times: number[] = [];
  let index = '';
  for (let i = 0; i < 30; i += 1) {
    const got = await serverTime(db, searchStatement(nearCotonou(rng), radiusKm, withSpecialty ? rng.pick(SPECIALTIES) : undefined, finder));
    times.push(got.ms);
    index = got.index;
  }
  times.sort((a, b) => a - b);
  return `${ms(percentile(times, 50))}${ms(percentile(times, 95))}   ${index}`;
}

/** GET through HTTP: the time, the status, and the bytes on the wire with and without compression. */
function get(url: string, path: string, compressed: boolean, ip = '198.51.100.1'): Promise<{ ms: number; status: number; bytes: number; encoding: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}${path}`, { headers: { 'accept-encoding': compressed ? 'br, gzip' : 'identity', 'user-agent': 'Mozilla/5.0 (Linux; Android 12) Chrome/120.0 Mobile', 'x-forwarded-for': ip } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, bytes, encoding: String(res.headers['content-encoding'] ?? 'none') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function figures(engine: string, db: CloudDb): Promise<void> {
  console.log(`\n${engine}`);
  const seeded = await seedDirectory(db, PROFILES);
  console.log(`  seeded ${PROFILES} profiles (${seeded.visible} shown, ${PROFILES - seeded.visible} not: no directory in the plan, suspended or unpublished) in ${(seeded.ms / 1000).toFixed(1)} s`);
  const server = await startTestServer({ PUBLIC_URL: 'https://styliste.example' }, { db });
  try {
    const directory = server.ctx.services.directory;
    const rng = new Rng(42);
    const search = (params: () => SearchParams) => measure(RUNS, async () => (await directory.search(params())).results.length);
    const table: [string, Awaited<ReturnType<typeof measure>>][] = [];
    table.push(['10 km Cotonou + specialty (GiST)', await search(() => ({ ...nearCotonou(rng), radiusKm: 10, specialty: rng.pick(SPECIALTIES) }))]);
    table.push(['10 km Cotonou, no filter (GiST)', await search(() => ({ ...nearCotonou(rng), radiusKm: 10 }))]);
    table.push(['50 km Cotonou (GiST)', await search(() => ({ ...nearCotonou(rng), radiusKm: 50 }))]);
    table.push(['text q, no position', await search(() => ({ q: rng.pick(['aicha', 'akpakpa', 'couture fatou', 'prestige', 'cocody']) }))]);
    table.push(['no position, no filter', await search(() => ({}))]);
    table.push(['city page cotonou', await search(() => ({ citySlug: 'cotonou' }))]);
    const explained: [string, string][] = [];
    for (const [label, km, spec] of [['10 km + specialty', 10, true], ['10 km, no filter', 10, false], ['50 km', 50, false]] as const) {
      explained.push([`${label} (GiST)`, await serverTimes(db, rng, 'gist', km, spec)]);
    }
    await db.executeSql('CREATE INDEX IF NOT EXISTS bench_listings_lat_lng ON directory_listings (lat, lng)');
    await db.executeSql('ANALYZE directory_listings');
    for (const [label, km, spec] of [['10 km + specialty', 10, true], ['10 km, no filter', 10, false], ['50 km', 50, false]] as const) {
      explained.push([`${label} (bbox btree)`, await serverTimes(db, rng, 'box', km, spec)]);
    }
    table.push(['10 km + specialty (bbox btree)', await measure(RUNS, () => boxSearch(db, nearCotonou(rng), 10, rng.pick(SPECIALTIES)))]);
    table.push(['10 km, no filter (bbox btree)', await measure(RUNS, () => boxSearch(db, nearCotonou(rng), 10))]);
    table.push(['50 km (bbox btree)', await measure(RUNS, () => boxSearch(db, nearCotonou(rng), 50))]);
    await db.executeSql('DROP INDEX bench_listings_lat_lng');

    console.log(`  ${'search'.padEnd(36)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'max'.padStart(10)}   results/page`);
    for (const [name, m] of table) console.log(`  ${name.padEnd(36)}${ms(m.p50)}${ms(m.p95)}${ms(m.max)}   ${m.results.toFixed(1)}`);
    console.log(`  ${'in the database (EXPLAIN ANALYZE, 30 runs)'.padEnd(36)}${'p50'.padStart(10)}${'p95'.padStart(10)}   index`);
    for (const [name, line] of explained) console.log(`  ${name.padEnd(36)}${line}`);
    const target = table[0]![1].p95;
    if (engine.startsWith('Postgres')) console.log(`  target: 10 km + specialty p95 ≤ 20 ms on Postgres → ${target <= 20 ? 'OK' : 'MISSED'} (${target.toFixed(2)} ms)`);

    const visible = seeded.profiles.find((p) => p.visible && p.citySlug === 'cotonou')!;
    const pages = ['/annuaire', `/annuaire?lat=${COTONOU.lat}&lng=${COTONOU.lng}&radiusKm=10`, `/annuaire?lat=${COTONOU.lat}&lng=${COTONOU.lng}&radiusKm=10&specialty=femme`, '/annuaire/cotonou', profilePath(visible.slug)];
    const first = await get(server.url, '/annuaire', true);
    if (first.status === 404) {
      console.log('  pages: /annuaire answers 404 (the pages are not mounted yet): no render or bytes figures');
      return;
    }
    console.log(`  ${'page (HTTP, compressed)'.padEnd(56)}${'p50'.padStart(10)}${'p95'.padStart(10)}${'raw'.padStart(10)}${'wire'.padStart(10)}  enc`);
    const pageRuns = Math.max(20, Math.round(RUNS / 3));
    for (const path of pages) {
      const timed = await measure(pageRuns, async () => {
        const reply = await get(server.url, path, true);
        if (reply.status !== 200) throw new Error(`${path}: ${reply.status}`);
      });
      const raw = await get(server.url, path, false);
      const wire = await get(server.url, path, true);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
      console.log(`  ${path.slice(0, 55).padEnd(56)}${ms(timed.p50)}${ms(timed.p95)}${kb(raw.bytes)}${kb(wire.bytes)}  ${wire.encoding}`);
    }
    // The view beacon: a new visitor each time (counted: salt, visitor row, day's counter), then the same one again (deduplicated).
    const beacon = (ip: string) => get(server.url, `/s/${visible.slug}/vue.gif`, true, ip);
    const fresh = await measure(pageRuns, async (i) => void (await beacon(`10.${(i >> 8) & 255}.${i & 255}.9`)));
    const again = await measure(pageRuns, async () => void (await beacon('10.255.255.9')));
    console.log(`  ${'/s/<slug>/vue.gif, a new visitor each time'.padEnd(56)}${ms(fresh.p50)}${ms(fresh.p95)}`);
    console.log(`  ${'/s/<slug>/vue.gif, the same visitor again'.padEnd(56)}${ms(again.p50)}${ms(again.p95)}`);
  } finally {
    await server.close(); // closes db too
  }
}

console.log(`Directory bench — ${new Date().toISOString()}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ${PROFILES} profiles, ${RUNS} runs per search`);
if (ONLY !== 'postgres') await figures('PGlite (in memory)', await openCloudDb());
if (WITH_PG && ONLY !== 'pglite') {
  const scratch = await createScratchDatabase(ADMIN_URL, 'styliste_bench_directory');
  try {
    await figures(`Postgres (${new URL(scratch.url).host}, pool 10)`, await openCloudDb({ url: scratch.url, maxConnections: 10 }));
  } finally {
    await scratch.drop();
  }
}
