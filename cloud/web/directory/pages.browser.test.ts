/**
 * The directory's pages in Debian's Chromium, at 360 px (a phone) and 1366 px: without JavaScript
 * the list and the profile are complete and the map button stays hidden; with it, nothing of
 * Leaflet is fetched until "Afficher la carte" is pressed, then the map's markers are exactly the
 * list's results (slugs and coordinates), clustered, over OpenStreetMap tiles with their
 * attribution (the tiles themselves cannot load here: no internet, their requests are aborted).
 * Never wider than the screen, no request refused by the pages' CSP. One browser for the file.
 */
import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, SCREENSHOTS } from '../../../e2e/support.js';
import { useFilesServer } from '../../files/testkit.js';
import { COTONOU, listedWorkshop, slugOf } from '../../directory/directoryTesting.js';
import { uploadPortfolioPhoto } from './pagesTesting.js';

const server = useFilesServer();
let browser: Browser;
let photoSlug = '';
/** A 48-letter word in a long name: it must wrap, not widen the page. */
const LONG_NAME = `Atelier ${'Couturedelafamilleagbodjanhounkpèvidjinnangbé'.padEnd(48, 'e')} et ${'Fils'.repeat(12)}`;
const SEARCH = `/annuaire?lat=${COTONOU.lat}&lng=${COTONOU.lng}&radiusKm=25`;

beforeAll(async () => {
  const { ctx, url } = server;
  for (let i = 0; i < 12; i += 1) {
    // Pairs close together (they cluster at a wide zoom), spread over about 15 km.
    const lat = COTONOU.lat + Math.floor(i / 2) * 0.02 + (i % 2) * 0.0004;
    const lng = COTONOU.lng + Math.floor(i / 2) * 0.015;
    const shop = await listedWorkshop(ctx, i === 0 ? LONG_NAME : `Atelier ${String.fromCharCode(65 + i)}`, { lat, lng, district: i === 0 ? 'Quartier-Agbodjanhounkpèvidjinnangbé-Zogbadjè-Nord' : 'Akpakpa' });
    if (i === 1) {
      await uploadPortfolioPhoto(url, ctx, shop, 7);
      photoSlug = (await slugOf(ctx, shop.workshopId))!;
    }
  }
  await listedWorkshop(ctx, 'Atelier Lointain', { city: 'Lomé', lat: 6.1319, lng: 1.2228 });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

interface Watch {
  page: Page;
  refused: string[];
  requests: string[];
  tiles: string[];
  close(): Promise<void>;
}

async function open(width: number, javaScriptEnabled = true): Promise<Watch> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 800 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const watch: Watch = { page, refused: [], requests: [], tiles: [], close: () => context.close() };
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) watch.refused.push(message.text());
  });
  page.on('request', (request) => watch.requests.push(request.url()));
  await page.route(/tile\.openstreetmap\.org/, (route) => {
    watch.tiles.push(route.request().url());
    return route.abort();
  });
  return watch;
}

async function listItems(page: Page): Promise<{ slug: string; lat: number; lng: number }[]> {
  return page.$$eval('[data-map-item]', (nodes) => nodes.map((n) => ({ slug: n.getAttribute('data-slug')!, lat: Number(n.getAttribute('data-lat')), lng: Number(n.getAttribute('data-lng')) })));
}

async function widthOf(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe('"Près de moi"', () => {
  it('fills the hidden position from the device and sends the form: the nearest first', async () => {
    const near = { latitude: COTONOU.lat + 0.1, longitude: COTONOU.lng + 0.075 };
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, locale: 'fr-FR', geolocation: near, permissions: ['geolocation'] });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/annuaire`);
      await page.getByRole('button', { name: 'Près de moi' }).click();
      await page.waitForURL(/lat=/);
      const url = new URL(page.url());
      expect([Number(url.searchParams.get('lat')), Number(url.searchParams.get('lng'))]).toEqual([near.latitude, near.longitude]);
      expect(await page.getByText('Autour de votre position').isVisible()).toBe(true);
      const truth = await server.ctx.services.directory.search({ lat: near.latitude, lng: near.longitude, radiusKm: 10 });
      expect(truth.results.length).toBeGreaterThan(1);
      expect((await listItems(page)).map((item) => item.slug)).toEqual(truth.results.map((r) => r.slug));
    } finally {
      await context.close();
    }
  });
});

const bySlug = (a: { slug: string }, b: { slug: string }) => a.slug.localeCompare(b.slug);

for (const width of [360, 1366]) {
  describe(`at ${width} px`, () => {
    it('without JavaScript: the list and a profile are complete, the map button hidden', async () => {
      const watch = await open(width, false);
      const { page } = watch;
      try {
        expect((await page.goto(`${server.url}${SEARCH}`))?.status()).toBe(200);
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Trouver un tailleur ou un couturier');
        expect(await page.locator('li.result').count()).toBe(12);
        expect(await page.getByRole('button', { name: 'Afficher la carte' }).isVisible()).toBe(false);
        expect(await page.getByRole('button', { name: 'Rechercher' }).isVisible()).toBe(true);
        expect(await widthOf(page)).toBeLessThanOrEqual(width);
        await page.getByRole('link', { name: 'Atelier B' }).click();
        await page.waitForURL(`**/s/${photoSlug}`);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Atelier B');
        expect(await page.getByRole('link', { name: 'Écrire sur WhatsApp' }).getAttribute('href')).toBe(`/s/${photoSlug}/whatsapp`);
        // The photo (from this site, allowed by img-src) really displayed.
        const photo = page.locator('.gallery img').first();
        await photo.scrollIntoViewIfNeeded();
        await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(400);
        expect(await widthOf(page)).toBeLessThanOrEqual(width);
        expect(watch.refused).toEqual([]);
        expect(watch.requests.filter((url) => /leaflet|carte\.js/.test(url))).toEqual([]);
      } finally {
        await watch.close();
      }
    });

    it('"Afficher la carte" loads Leaflet on demand; the markers are exactly the list', async () => {
      const watch = await open(width);
      const { page } = watch;
      try {
        await page.goto(`${server.url}${SEARCH}`);
        const button = page.getByRole('button', { name: 'Afficher la carte' });
        await button.waitFor({ state: 'visible' });
        expect(await page.getByRole('button', { name: 'Près de moi' }).isVisible()).toBe(true);
        expect(watch.requests.filter((url) => /leaflet/i.test(url))).toEqual([]);
        const listed = await listItems(page);
        expect(listed).toHaveLength(12);
        const truth = await server.ctx.services.directory.search({ lat: COTONOU.lat, lng: COTONOU.lng, radiusKm: 25 });
        expect(listed).toEqual(truth.results.map((r) => ({ slug: r.slug, lat: r.lat, lng: r.lng })));

        await button.click();
        await page.waitForFunction(() => (window as unknown as { __directoryMap?: unknown }).__directoryMap !== undefined, undefined, { timeout: 15_000 });
        const markers = await page.evaluate(() => (window as unknown as { __directoryMap: { markers: { slug: string; lat: number; lng: number }[] } }).__directoryMap.markers);
        expect([...markers].sort(bySlug)).toEqual([...listed].sort(bySlug));
        expect(await page.locator('.leaflet-container').isVisible()).toBe(true);
        expect(await page.locator('.leaflet-control-attribution').textContent()).toContain('© les contributeurs d’OpenStreetMap');
        // Clustered: fewer icons than markers at this zoom, each cluster counting its markers.
        const clusters = await page.$$eval('.marker-cluster', (nodes) => nodes.map((n) => Number(n.textContent)));
        const single = await page.locator('.leaflet-marker-icon:not(.marker-cluster)').count();
        expect(clusters.reduce((a, b) => a + b, 0) + single).toBe(12);
        expect(clusters.length).toBeGreaterThan(0);
        expect(watch.tiles.length).toBeGreaterThan(0);
        expect(watch.tiles[0]).toMatch(/^https:\/\/[abc]\.tile\.openstreetmap\.org\/\d+\/\d+\/\d+\.png$/);
        expect(await widthOf(page)).toBeLessThanOrEqual(width);
        expect(watch.refused).toEqual([]);
        mkdirSync(SCREENSHOTS, { recursive: true });
        await page.screenshot({ path: `${SCREENSHOTS}directory-map-${width}.png`, fullPage: true });

        // A profile's map: its one marker.
        await page.goto(`${server.url}/s/${photoSlug}`);
        await page.getByRole('button', { name: 'Afficher la carte' }).click();
        await page.waitForFunction(() => (window as unknown as { __directoryMap?: unknown }).__directoryMap !== undefined, undefined, { timeout: 15_000 });
        const one = await page.evaluate(() => (window as unknown as { __directoryMap: { markers: unknown[] } }).__directoryMap.markers);
        expect(one).toEqual(listed.filter((item) => item.slug === photoSlug));
        expect(await widthOf(page)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: `${SCREENSHOTS}directory-profile-${width}.png`, fullPage: true });

        await page.goto(`${server.url}/annuaire/cotonou`);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tailleurs et couturiers à Cotonou');
        expect(await widthOf(page)).toBeLessThanOrEqual(width);
        expect(watch.refused).toEqual([]);
      } finally {
        await watch.close();
      }
    });
  });
}
