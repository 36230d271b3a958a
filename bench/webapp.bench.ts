/**
 * The web app's figures, in Debian's Chromium against the real cloud:
 *   1. first load in bytes (compressed, WASM included; target ≤ 700 KB), counted on the wire by a
 *      TCP proxy between Chromium and the server (headers included);
 *   2. a second load from the service worker's cache (≤ 20 KB from the network);
 *   3. the time from opening the app to the Today screen with the 2,000-client workshop already
 *      in the browser (OPFS), and the time the browser's first sync of that workshop took.
 * Run: `npx tsx bench/webapp.bench.ts` (BENCH_DATABASE_URL=postgres://… to use Postgres; default
 * the embedded PGlite). `--small` uses a 200-client workshop for a quick look.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { ensureWebBuild, launchBrowser } from '../e2e/support.js';
import { startTestServer } from '../cloud/testing/testServer.js';
import { WireProxy } from './syncWire.js';
import { generateWorkshop } from './generateWorkshop.js';
import { adoptWorkshop } from './syncFixture.js';
import { hashPassword } from '../cloud/auth/passwords.js';
import { SyncClient } from '../shared/sync/client.js';
import { kb, sec, table, status } from './syncReport.js';

const small = process.argv.includes('--small');
if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;

ensureWebBuild();
const server = await startTestServer({ SYNC_PAGE_ROWS: '2000' });
const proxy = await WireProxy.start(server.url);
const proxyUrl = proxy.url;
const browser = await launchBrowser();
const work = mkdtempSync(join(tmpdir(), 'styliste-webbench-'));

try {
  // ── 1 and 2: first load, then a second load from the cache ──
  const fresh = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  const page = await fresh.newPage();
  proxy.reset();
  await page.goto(`${proxyUrl}/app/`);
  await page.getByRole('tab', { name: 'Se connecter' }).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const first = proxy.read();
  proxy.reset();
  await page.reload();
  await page.getByRole('tab', { name: 'Se connecter' }).waitFor();
  await page.waitForLoadState('networkidle');
  const second = proxy.read();
  await fresh.close();

  // ── 3: the big workshop, pushed to the hub, then opened in the browser ──
  const sizes = small ? { clients: 200, orders: 1000, payments: 1500 } : { clients: 2000, orders: 10000, payments: 15000 };
  const generated = await generateWorkshop(join(work, 'shop.sqlite'), { clients: sizes.clients, orders: sizes.orders, payments: sizes.payments });
  const engine = generated.engine;
  const settings = (await engine.query('settings'))!;
  const owner = (await engine.query('members')).find((m) => m.role === 'owner')!;
  const member = await adoptWorkshop(server.ctx, settings.id, owner.id);
  const phone = '+2290199887766';
  await server.ctx.db.system((tx) => tx.execute(sql`UPDATE users SET phone = ${phone}, password_hash = ${''} WHERE id = ${member.userId}`));
  const hash = await hashPassword('bench-password-2026');
  await server.ctx.db.system((tx) => tx.execute(sql`UPDATE users SET password_hash = ${hash} WHERE id = ${member.userId}`));
  const pushStarted = performance.now();
  await new SyncClient({ engine, baseUrl: server.url, accessToken: async () => member.token, batchSize: 1000 }).sync();
  const pushMs = performance.now() - pushStarted;
  await engine.close();

  const shop = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR' });
  const tab = await shop.newPage();
  await tab.goto(`${server.url}/app/`);
  await tab.getByLabel('Téléphone ou e-mail').fill('01 99 88 77 66');
  await tab.getByLabel('Mot de passe').fill('bench-password-2026');
  const syncStarted = performance.now();
  await tab.getByRole('button', { name: 'Se connecter' }).last().click();
  await tab.waitForURL(/#\/today/, { timeout: 600_000 });
  const firstSyncMs = performance.now() - syncStarted;
  await tab.getByTestId('month-figures').waitFor({ timeout: 120_000 });

  const opens: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await tab.goto(`${server.url}/app/#/today`);
    await tab.reload();
    await tab.getByTestId('month-figures').waitFor({ timeout: 120_000 });
    await tab.getByTestId('unpaid-total').waitFor();
    opens.push(performance.now() - started);
  }
  const clients = await tab.evaluate(async () => {
    const api = (window as unknown as { styliste?: unknown }).styliste;
    return api ? -1 : document.querySelectorAll('[data-testid="late-orders"] li').length;
  });
  await shop.close();

  console.log('\nStyliste web app — figures (Chromium, real cloud, bytes counted on the wire)\n');
  table(
    ['figure', 'measured', 'target', ''],
    [
      ['first load (down + up, headers included)', kb(first.down + first.up), '≤ 700 KB', status(first.down + first.up <= 700 * 1024)],
      ['  of which server → browser', kb(first.down), '', ''],
      ['second load from cache (network)', kb(second.down + second.up), '≤ 20 KB', status(second.down + second.up <= 20 * 1024)],
      [`push of the generated workshop (${sizes.clients} clients, ${sizes.orders} orders)`, sec(pushMs), '', ''],
      ['browser first sync of that workshop (login → Today)', sec(firstSyncMs), '', ''],
      ['open the app → Today, workshop local (median of 3)', sec([...opens].sort((a, b) => a - b)[1]!), '', ''],
    ],
  );
  console.log(`\nlate orders shown on Today: ${clients}; opens: ${opens.map((o) => sec(o)).join(', ')}`);
} finally {
  await browser.close();
  await proxy.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
