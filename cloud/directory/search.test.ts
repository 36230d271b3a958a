/**
 * The directory's search (cloud/directory/searchSql.ts) on generated points: every distance and the
 * set of results checked against a haversine computed here; filters; pagination; and visibility:
 * unpublished, suspended, plan-less and moderated profiles never come back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop } from '../testing/fixtures.js';
import { COTONOU, listedWorkshop, setSubscription, slugOf, writeProfile } from './directoryTesting.js';
import { SPECIALTIES, PRICE_RANGES, type Specialty, type PriceRange } from '../../shared/directory/directoryOptions.js';
import { mulberry32 } from '../testing/random.js';

/** The test's own great-circle distance (mean Earth radius), independent of the SQL. */
function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(h));
}

interface Point {
  slug: string;
  lat: number;
  lng: number;
  specialties: Specialty[];
  priceRange: PriceRange;
  name: string;
}

let server: TestServer;
const points: Point[] = [];

async function search(query: Record<string, string | number>): Promise<{ status: number; body: { results: { slug: string; distanceKm: number | null; name: string }[]; hasMore: boolean; page: number } }> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const response = await fetch(`${server.url}/api/directory/search?${params}`);
  return { status: response.status, body: (await response.json()) as never };
}

beforeAll(async () => {
  server = await startTestServer();
  const random = mulberry32(20261204);
  const names = ['Couture Aïcha', 'Atelier Éden', 'Maison Dossou', 'Tailleur Koffi', 'Élégance Akpakpa', 'Styl’ Fidjrossè'];
  for (let i = 0; i < 36; i++) {
    // Up to ~40 km around Cotonou, some very close.
    const spread = i < 12 ? 0.05 : 0.35;
    const lat = COTONOU.lat + (random() - 0.5) * spread;
    const lng = COTONOU.lng + (random() - 0.5) * spread;
    const specialties = SPECIALTIES.filter(() => random() < 0.35);
    const priceRange = PRICE_RANGES[i % 3]!;
    const name = `${names[i % names.length]} ${i}`;
    const shop = await listedWorkshop(server.ctx, name, { lat, lng, specialties, priceRange, district: i % 2 ? 'Akpakpa' : 'Cadjèhoun' });
    points.push({ slug: (await slugOf(server.ctx, shop.workshopId))!, lat, lng, specialties, priceRange, name });
  }
}, 240_000);

afterAll(async () => {
  await server?.close();
});

describe('search by distance', () => {
  it('finds exactly the profiles within the radius, nearest first, with the haversine distance', async () => {
    for (const [center, radiusKm] of [
      [COTONOU, 10],
      [{ lat: 6.45, lng: 2.35 }, 5],
      [{ lat: 6.3, lng: 2.5 }, 25],
    ] as const) {
      const expected = points
        .map((p) => ({ slug: p.slug, km: haversineKm(center, p) }))
        .filter((p) => p.km <= radiusKm)
        .sort((a, b) => a.km - b.km);
      const found: { slug: string; distanceKm: number | null }[] = [];
      for (let page = 1; page < 10; page++) {
        const { status, body } = await search({ lat: center.lat, lng: center.lng, radiusKm, page });
        expect(status).toBe(200);
        found.push(...body.results);
        if (!body.hasMore) break;
      }
      expect(found.map((r) => r.slug)).toEqual(expected.map((p) => p.slug));
      for (const [i, r] of found.entries()) expect(Math.abs(r.distanceKm! - expected[i]!.km)).toBeLessThanOrEqual(0.051);
      expect(expected.length).toBeGreaterThan(2);
    }
  });

  it('filters by specialty, price range and text (accents and case ignored)', async () => {
    const within = (p: Point) => haversineKm(COTONOU, p) <= 30;
    const femme = await search({ lat: COTONOU.lat, lng: COTONOU.lng, radiusKm: 30, specialty: 'femme', priceRange: 'premium' });
    expect(new Set(femme.body.results.map((r) => r.slug))).toEqual(new Set(points.filter((p) => within(p) && p.specialties.includes('femme') && p.priceRange === 'premium').map((p) => p.slug).slice(0, 20)));
    const eden = await search({ lat: COTONOU.lat, lng: COTONOU.lng, radiusKm: 30, q: 'EDEN' });
    expect(eden.body.results.length).toBeGreaterThan(0);
    expect(new Set(eden.body.results.map((r) => r.slug))).toEqual(new Set(points.filter((p) => within(p) && p.name.startsWith('Atelier Éden')).map((p) => p.slug)));
    const district = await search({ q: 'cadjehoun  fidjrosse' });
    expect(new Set(district.body.results.map((r) => r.slug))).toEqual(new Set(points.filter((p, i) => i % 2 === 0 && p.name.startsWith('Styl’ Fidjrossè')).map((p) => p.slug)));
    // LIKE's wildcards are plain characters.
    expect((await search({ q: '%' })).body.results).toEqual([]);
    expect((await search({ q: '_' })).body.results).toEqual([]);
  });

  it('without a position: every visible profile, by name, no distance; pages do not overlap', async () => {
    const first = await search({ page: 1 });
    const second = await search({ page: 2 });
    expect(first.body.results).toHaveLength(20);
    expect(first.body.hasMore).toBe(true);
    expect(first.body.results.every((r) => r.distanceKm === null)).toBe(true);
    const names = [...first.body.results, ...second.body.results].map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(names).size).toBe(points.length);
  });

  it('refuses bad parameters in French, never a 500', async () => {
    for (const query of ['lat=91&lng=2', 'lat=6&lng=abc', 'lat=6', 'radiusKm=0', 'radiusKm=9999', 'specialty=sorcier', 'priceRange=gratuit', 'page=0', 'page=1.5', 'lat=6&lat=7&lng=2', `q=${'a'.repeat(81)}`, 'q=%00']) {
      const response = await fetch(`${server.url}/api/directory/search?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message, query).toMatch(/[a-zé]/);
    }
    // Bytes that are not UTF-8 stay as typed (the query parser keeps them percent-encoded): a search for that text.
    expect((await fetch(`${server.url}/api/directory/search?q=%ED%A0%80`)).status).toBe(200);
    expect((await search({ q: '', specialty: '', priceRange: '', lat: '', lng: '' })).status).toBe(200);
  });
});

describe('visibility', () => {
  it('never shows unpublished, suspended, plan-less, subscription-less or moderated profiles', async () => {
    const near = { lat: 6.2, lng: 1.3 }; // Lomé side: away from the generated points.
    const shown = await listedWorkshop(server.ctx, 'Visible Lomé', near);
    const unpublished = await listedWorkshop(server.ctx, 'Brouillon Lomé', { ...near, published: false });
    const suspended = await listedWorkshop(server.ctx, 'Suspendu Lomé', near);
    await setSubscription(server.ctx, suspended.workshopId, 'suspended');
    const free = await listedWorkshop(server.ctx, 'Gratuit Lomé', near);
    await setSubscription(server.ctx, free.workshopId, 'active', 'free');
    const cancelled = await listedWorkshop(server.ctx, 'Annulé Lomé', near);
    await setSubscription(server.ctx, cancelled.workshopId, 'cancelled');
    const hidden = await listedWorkshop(server.ctx, 'Masqué Lomé', near);
    await server.ctx.db.system((tx) => tx.execute(sql`UPDATE directory_listings SET hidden_at = now(), hidden_reason = 'test' WHERE workshop_id = ${hidden.workshopId}`));
    const noSubscription = await createFixtureWorkshop(server.ctx, 'Sans formule');
    await server.ctx.db.system(async (tx) => {
      await tx.execute(sql`DELETE FROM subscription WHERE workshop_id = ${noSubscription.workshopId}`);
      await tx.execute(sql`DELETE FROM subscriptions WHERE workshop_id = ${noSubscription.workshopId}`);
    });
    await writeProfile(server.ctx, noSubscription.workshopId, { name: 'Sans formule Lomé', ...near });
    const pastDue = await listedWorkshop(server.ctx, 'Retard Lomé', near);
    await setSubscription(server.ctx, pastDue.workshopId, 'past_due');

    const names = (await search({ lat: near.lat, lng: near.lng, radiusKm: 5 })).body.results.map((r) => r.name).sort();
    expect(names, JSON.stringify(names)).toEqual(['Retard Lomé', 'Visible Lomé']);
    const byText = (await search({ q: 'lome' })).body.results.map((r) => r.name).sort();
    expect(byText).toEqual(['Retard Lomé', 'Visible Lomé']);
    const directory = server.ctx.services.directory;
    for (const shop of [unpublished, suspended, free, cancelled, hidden]) {
      const slug = (await slugOf(server.ctx, shop.workshopId))!;
      expect(await directory.profile(slug), slug).toEqual({ kind: 'missing' });
      expect((await directory.sitemap()).map((s) => s.slug)).not.toContain(slug);
    }
    expect((await directory.profile((await slugOf(server.ctx, shown.workshopId))!)).kind).toBe('found');
    // A moderated profile stays hidden whatever the workshop changes next.
    await writeProfile(server.ctx, hidden.workshopId, { name: 'Masqué Lomé', ...near, about: 'Nouveau texte' });
    expect((await search({ q: 'masque' })).body.results).toEqual([]);
    // Restored, it is back (billing's write of the synced row flips the listing at once).
    await setSubscription(server.ctx, suspended.workshopId, 'active', 'solo');
    expect((await search({ q: 'suspendu' })).body.results.map((r) => r.name)).toEqual(['Suspendu Lomé']);
    // Its subscription row gone, it is not shown any more.
    await server.ctx.db.system((tx) => tx.execute(sql`DELETE FROM subscription WHERE workshop_id = ${suspended.workshopId}`));
    expect((await search({ q: 'suspendu' })).body.results).toEqual([]);
  });
});
