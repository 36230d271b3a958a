/**
 * Export benchmark: the owner's whole-workshop ZIP (shared/export) built from the generated
 * workshop (2,000 clients, 6,000 sheets, 10,000 orders, 15,000 payments, their events and
 * fittings; bench/generateWorkshop.ts) on better-sqlite3, as Electron's main process builds it.
 * Prints the export's time, the ZIP's size, the rows, the longest the event loop was held (the
 * export yields between pages, so the host keeps answering), and the heap at the end.
 *
 *   npx tsx bench/export.bench.ts [--reuse] [--photos=200] [--runs=3] [--web]
 *
 * --reuse takes bench/out/workshop.sqlite (the engine bench's; generated there if absent); without
 * it a fresh workshop is generated in a temporary folder. --photos=N names N photos of 150 KB in as many
 * orders so the photo phase is measured too. --web then pushes the workshop to a test cloud, signs
 * in with Chromium (the browser's first sync brings it into OPFS) and clicks "Exporter toutes les
 * données" in the settings: the time from the click to the download, the ZIP's size, and the
 * longest gap between the page's animation frames meanwhile (the export runs in the worker).
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
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
const WEB = args.includes('--web');

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;

async function openWorkshop(): Promise<{ engine: Engine; cleanup: () => void }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const reused = join(here, 'out', 'workshop.sqlite');
  if (REUSE && existsSync(reused)) {
    // Photos and the push change the database: they get a copy, the engine bench's file stays as it is.
    const copy = PHOTOS > 0 || WEB ? tempDir('styliste-export-bench-') : null;
    const path = copy ? join(copy.dir, 'workshop.sqlite') : reused;
    if (copy) for (const suffix of ['', '-wal']) if (existsSync(reused + suffix)) copyFileSync(reused + suffix, path + suffix);
    console.log(`Reusing ${reused}${copy ? ` (a copy in ${copy.dir})` : ''}`);
    const engine = await Engine.open(openBetterSqlite(path));
    const owner = (await engine.query('members')).find((m) => m.role === 'owner');
    if (owner) await engine.useMember(owner.id);
    return { engine, cleanup: copy ? copy.cleanup : () => {} };
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
  if (WEB) await inBrowser(engine);
  await engine.close();
  cleanup();
}

async function inBrowser(engine: Engine): Promise<void> {
  const { ensureWebBuild, launchBrowser } = await import('../e2e/support.js');
  const { startTestServer } = await import('../cloud/testing/testServer.js');
  const { adoptWorkshop } = await import('./syncFixture.js');
  const { hashPassword } = await import('../cloud/auth/passwords.js');
  const { SyncClient } = await import('../shared/sync/client.js');
  const { sql } = await import('drizzle-orm');
  const { readFile } = await import('node:fs/promises');
  ensureWebBuild();
  const server = await startTestServer({ SYNC_PAGE_ROWS: '2000' });
  const browser = await launchBrowser();
  try {
    const settings = (await engine.query('settings'))!;
    const owner = (await engine.query('members')).find((m) => m.role === 'owner')!;
    const member = await adoptWorkshop(server.ctx, settings.id, owner.id);
    const hash = await hashPassword('bench-password-2026');
    await server.ctx.db.system((tx) => tx.execute(sql`UPDATE users SET phone = ${'+2290199887755'}, password_hash = ${hash} WHERE id = ${member.userId}`));
    await new SyncClient({ engine, baseUrl: server.url, accessToken: async () => member.token, batchSize: 1000 }).sync();
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR', timezoneId: 'Africa/Porto-Novo' });
    const tab = await context.newPage();
    await tab.goto(`${server.url}/app/`);
    await tab.getByLabel('Téléphone ou e-mail').fill('01 99 88 77 55');
    await tab.getByLabel('Mot de passe').fill('bench-password-2026');
    await tab.getByRole('button', { name: 'Se connecter' }).last().click();
    await tab.waitForURL(/#\/today/, { timeout: 600_000 });
    await tab.getByTestId('month-figures').waitFor({ timeout: 120_000 });
    for (let run = 1; run <= RUNS; run++) {
      await tab.goto(`${server.url}/app/#/settings`);
      const button = tab.getByRole('button', { name: 'Exporter toutes les données' });
      await button.waitFor();
      // The longest gap between animation frames while the worker exports: what the page's user feels.
      // (A string: tsx would wrap a named inner function in a helper the page does not have.)
      await tab.evaluate(`(() => {
        window.longestFrame = 0;
        window.watching = true;
        let last = performance.now();
        const frame = (now) => {
          window.longestFrame = Math.max(window.longestFrame, now - last);
          last = now;
          if (window.watching) requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      })()`);
      const download = tab.waitForEvent('download', { timeout: 600_000 });
      const started = performance.now();
      await button.click();
      const file = await download;
      const took = performance.now() - started;
      const longest = await tab.evaluate(() => {
        const w = window as unknown as { longestFrame: number; watching: boolean };
        w.watching = false;
        return w.longestFrame;
      });
      const bytes = await readFile((await file.path())!);
      // The rows this browser holds: a first sync leaves out the history of orders closed long ago (domain/history.ts).
      const said = await tab.getByRole('status').filter({ hasText: 'Export prêt' }).textContent();
      console.log(`browser run ${run}: ${took.toFixed(0)} ms click → download, ZIP ${mb(bytes.length)}, longest frame gap ${longest.toFixed(0)} ms — ${said}`);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
