/**
 * Export benchmark: the owner's whole-workshop ZIP (shared/export) built from the generated
 * workshop (2,000 clients, 6,000 sheets, 10,000 orders, 15,000 payments, their events and
 * fittings; bench/generateWorkshop.ts) on better-sqlite3, as Electron's main process builds it.
 * Prints the export's time, the ZIP's size, the rows, the longest the event loop was held (the
 * export yields between pages, so the host keeps answering), and the heap at the end.
 *
 *   npx tsx bench/export.bench.ts [--reuse] [--photos=200] [--runs=3]
 *
 * --reuse takes bench/out/workshop.sqlite (the engine bench's; generated there if absent); without
 * it a fresh workshop is generated in a temporary folder. --photos=N names N photos of 150 KB in as many
 * orders (a fresh workshop only) so the photo phase is measured too.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes, createHash } from 'node:crypto';
import { openBetterSqlite } from '../desktop/sqlite/betterSqliteAdapter.js';
import { tempDir } from '../desktop/sqlite/testing.js';
import { Engine } from '../shared/engine/engine.js';
import { ExportChannel } from '../shared/host/exportChannel.js';
import type { HostEvent } from '../shared/host/channels.js';
import type { PhotoStore } from '../shared/host/ports.js';
import { generateWorkshop } from './generateWorkshop.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const found = args.find((a) => a.startsWith(`--${name}=`));
  return found ? Number(found.slice(name.length + 3)) : fallback;
};
const REUSE = args.includes('--reuse');
const PHOTOS = option('photos', 0);
const RUNS = option('runs', 3);

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;

async function openWorkshop(): Promise<{ engine: Engine; cleanup: () => void }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const reused = join(here, 'out', 'workshop.sqlite');
  if (REUSE && existsSync(reused)) {
    console.log(`Reusing ${reused}`);
    const engine = await Engine.open(openBetterSqlite(reused));
    const owner = (await engine.query('members')).find((m) => m.role === 'owner');
    if (owner) await engine.useMember(owner.id);
    return { engine, cleanup: () => {} };
  }
  const temp = REUSE ? null : tempDir('styliste-export-bench-');
  if (REUSE) mkdirSync(dirname(reused), { recursive: true });
  const path = temp ? join(temp.dir, 'workshop.sqlite') : reused;
  console.log(`Generating the workshop in ${path} …`);
  const { engine } = await generateWorkshop(path, { log: (line) => console.log(`  ${line}`) });
  return { engine, cleanup: temp ? temp.cleanup : () => {} };
}

async function main(): Promise<void> {
  const { engine, cleanup } = await openWorkshop();
  const photos = new Map<string, Uint8Array>();
  if (PHOTOS > 0) {
    const board = await engine.query('orderBoard', { deliveredDays: 365 });
    const orders = board.flatMap((c) => c.orders).slice(0, PHOTOS);
    for (const order of orders) {
      const bytes = new Uint8Array(150 * 1024);
      bytes.set(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'));
      bytes.set(randomBytes(bytes.length - 16), 16);
      const hash = createHash('sha256').update(bytes).digest('hex');
      photos.set(hash, bytes);
      await engine.execute('updateOrder', { id: order.id, fabricPhoto: hash });
    }
    console.log(`Named ${photos.size} photos of 150 KB in as many orders.`);
  }
  const store: PhotoStore = {
    put: async () => {},
    get: async (hash) => photos.get(hash) ?? null,
    pending: async () => [],
    markUploaded: async () => {},
  };
  const events: HostEvent[] = [];
  const channel = new ExportChannel(store, (e) => events.push(e));

  for (let run = 1; run <= RUNS; run++) {
    // The longest the event loop went without running a 5 ms timer: what the host's other calls wait at worst.
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    events.length = 0;
    const started = performance.now();
    const result = await channel.run(engine, 'fr');
    const took = performance.now() - started;
    clearInterval(timer);
    const heap = process.memoryUsage();
    console.log(
      `run ${run}: ${took.toFixed(0)} ms, ZIP ${mb(result.bytes.length)}, ${result.rows} rows, ${result.photos} photos (${result.missingPhotos} missing), ` +
        `${events.length} progress events, event loop held ≤ ${longest.toFixed(0)} ms, heap ${mb(heap.heapUsed)}, rss ${mb(heap.rss)}`,
    );
  }
  await engine.close();
  cleanup();
}

await main();
