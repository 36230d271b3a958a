/**
 * The tracking page in Debian's Chromium with JavaScript disabled, on a 360 px wide phone screen:
 * everything readable, nothing wider than the screen even with the longest names, the page's own
 * style sheet applied (the CSP's hash matches it), no request refused by the CSP, a tel: link.
 * One browser launch for the whole file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { clientRow, orderRow, paymentRow } from '../testing/rawSync.js';
import { launchBrowser, SCREENSHOTS } from '../../e2e/support.js';
import { newId } from '../../shared/domain/ids.js';
import { newTrackingToken } from '../../shared/messaging/trackingToken.js';
import { mkdirSync } from 'node:fs';

let server: TestServer;
let browser: Browser;
let shop: FixtureWorkshop;
const token = newTrackingToken();
/** 120 characters, one of its words 48 letters long: it must wrap, not widen the page. */
const LONG_NAME = `Atelier ${'Couturedelafamilleagbodjanhounkpèvidjinnangbé'.padEnd(48, 'e')} et ${'Fils'.repeat(15)}`.slice(0, 120);

beforeAll(async () => {
  server = await startTestServer();
  shop = await createFixtureWorkshop(server.ctx, LONG_NAME);
  const clientId = newId();
  const orderId = newId();
  // Written the way the hub writes workshop rows (the server-write helper), as a device's sync would.
  await server.ctx.db.withWorkshop(shop.workshopId, (tx) =>
    server.ctx.services.serverWrites.inWorkshop(tx, shop.workshopId, async (writes) => {
      await writes.write('workshop', shop.workshopId, { city: 'Abomey-Calavi, quartier Zogbadjè' });
      await writes.write('clients', clientId, clientRow('Aïcha Dossou'));
      await writes.write('orders', orderId, { ...orderRow(clientId, 'AB-12345', 1_250_000), promisedDate: '2030-12-10', status: 'ready', trackingToken: token });
      await writes.write('payments', newId(), paymentRow(orderId, 250_000));
    }),
  );
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the tracking page in Chromium, JavaScript off, 360 px', () => {
  it('is readable, styled, no wider than the screen, and its number can be called', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: 'fr-FR' });
    const refused: string[] = [];
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused/i.test(message.text())) refused.push(message.text());
    });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    try {
      const response = await page.goto(`${server.url}/t/${token}`);
      expect(response?.status()).toBe(200);
      expect(await page.title()).toContain('Commande AB-12345');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Commande AB-12345');
      const body = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
      expect(body).toContain('Prête');
      expect(body).toContain('Votre tenue est prête : vous pouvez venir la récupérer.');
      expect(body).toContain('mardi 10 décembre 2030');
      expect(body).toMatch(/1\s000\s000 FCFA/);
      expect(body).toContain('Abomey-Calavi');
      expect(body).not.toContain('Aïcha');

      const call = page.getByRole('link', { name: /^Appeler le\s\+229/ });
      expect(await call.getAttribute('href')).toMatch(/^tel:\+229\d{10}$/);
      // The style sheet applied (the CSP let it through by its hash): the call button is green and wide.
      const box = await call.boundingBox();
      expect(box!.width).toBeGreaterThan(280);
      expect(box!.height).toBeGreaterThanOrEqual(44);
      expect(await call.evaluate((a) => getComputedStyle(a).backgroundColor)).toBe('rgb(29, 107, 63)');

      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      expect(widths.client).toBe(360);
      expect(widths.scroll).toBeLessThanOrEqual(360);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}tracking-360.png`, fullPage: true });

      // The 404 page too.
      const missing = await page.goto(`${server.url}/t/${newTrackingToken()}`);
      expect(missing?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Lien de suivi introuvable');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      expect(refused).toEqual([]);
      // Nothing but the two pages themselves was fetched (no favicon, font, image or script).
      expect(requests.filter((url) => !url.includes('/t/'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
