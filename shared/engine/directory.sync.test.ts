/**
 * The profile and the portfolio through a real hub (a server on 127.0.0.1 over PGlite, or
 * Postgres with TEST_DATABASE_URL): what the owner's device saves offline is accepted by the
 * hub's push rules, appears in the public search near its position, and reaches a second device;
 * the plan's limits come from the synced subscription row (a free plan cannot publish).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../cloud/testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../cloud/testing/fixtures.js';
import { openTestDevice, type TestDevice } from '../../cloud/testing/devices.js';
import { setSubscription } from '../../cloud/directory/directoryTesting.js';
import { tempDir } from '../../desktop/sqlite/testing.js';

let server: TestServer;
let shop: FixtureWorkshop;
let device: TestDevice;
const dir = tempDir('styliste-directory-sync-');
const POSITION = { lat: 6.3654, lng: 2.4183 };

beforeAll(async () => {
  server = await startTestServer();
  shop = await createFixtureWorkshop(server.ctx, 'Couture Éden');
  device = await openTestDevice(`${dir.dir}/a.sqlite`, server.url, () => shop.owner.token);
  await device.join(shop.owner.memberId, 'A');
});

afterAll(async () => {
  await device?.engine.close();
  await server?.close();
  dir.cleanup();
});

async function syncClean(d: TestDevice): Promise<void> {
  const report = await d.client.sync();
  expect(report.rejected, JSON.stringify((await d.engine.query('syncStatus')).needsAttention)).toBe(0);
}

interface SearchAnswer {
  results: { slug: string; name: string; city: string | null; district: string | null; distanceKm: number | null; specialties: string[] }[];
}

async function search(query: string): Promise<SearchAnswer> {
  const response = await fetch(`${server.url}/api/directory/search?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SearchAnswer;
}

describe('the directory through the hub', () => {
  it('the trial\'s subscription row reaches the device: the directory included, its photo limit', async () => {
    expect(await device.engine.query('portfolio')).toMatchObject({ used: 0, limit: 100 });
    expect((await device.engine.query('directoryProfile'))!.planRefusal).toBeNull();
  });

  it('a profile published on the device appears in the public search near its position, nearest first with its distance', async () => {
    await device.engine.execute('saveDirectoryProfile', {
      name: 'Couture Éden',
      city: 'Cotonou',
      district: 'Cadjèhoun',
      ...POSITION,
      specialties: ['mariage', 'femme'],
      priceRange: 'premium',
      about: 'Robes de mariée sur mesure.',
      whatsapp: '01 97 00 00 21',
      published: true,
    });
    const photo = await device.engine.execute('addPortfolioPhoto', { fileHash: 'c'.repeat(64), caption: 'Robe de mariée' });
    expect(photo.position).toBe(0);
    await syncClean(device);

    const found = await search(`lat=6.37&lng=2.41&radiusKm=5`);
    const mine = found.results.find((r) => r.name === 'Couture Éden');
    expect(mine).toMatchObject({ slug: 'couture-eden-cotonou', city: 'Cotonou', district: 'Cadjèhoun', specialties: ['femme', 'mariage'] });
    expect(mine!.distanceKm).toBeGreaterThan(0.5);
    expect(mine!.distanceKm).toBeLessThan(1.5);
    // Far away (Lomé), it is not found; filtered on another specialty, neither.
    expect((await search('lat=6.1319&lng=1.2228&radiusKm=10')).results.some((r) => r.name === 'Couture Éden')).toBe(false);
    expect((await search('lat=6.37&lng=2.41&specialty=uniformes')).results.some((r) => r.name === 'Couture Éden')).toBe(false);
    const profile = await server.ctx.services.directory.profile('couture-eden-cotonou');
    expect(profile).toMatchObject({ kind: 'found', listing: { whatsapp: '+2290197000021', priceRange: 'premium', acceptsOrders: true } });
  });

  it('a second device of the workshop receives the profile and the portfolio', async () => {
    const second = await openTestDevice(`${dir.dir}/b.sqlite`, server.url, () => shop.owner.token);
    try {
      await second.join(shop.owner.memberId, 'B');
      expect(await second.engine.query('directoryProfile')).toMatchObject({ saved: true, published: true, district: 'Cadjèhoun', lat: POSITION.lat, lng: POSITION.lng, specialties: ['femme', 'mariage'] });
      const portfolio = await second.engine.query('portfolio');
      expect(portfolio.items.map((p) => [p.fileHash, p.caption, p.position])).toEqual([['c'.repeat(64), 'Robe de mariée', 0]]);
      // Unpublished there, it leaves the search once synced.
      await second.engine.execute('saveDirectoryProfile', { published: false });
      await syncClean(second);
      expect((await search('lat=6.37&lng=2.41&radiusKm=5')).results.some((r) => r.name === 'Couture Éden')).toBe(false);
      await device.client.sync();
      expect((await device.engine.query('directoryProfile'))!.published).toBe(false);
    } finally {
      await second.engine.close();
    }
  });

  it('on the free plan (pulled from the hub) the device refuses to publish and counts photos against 6', async () => {
    await setSubscription(server.ctx, shop.workshopId, 'active', 'gratuit');
    await device.client.sync();
    expect(await device.engine.query('portfolio')).toMatchObject({ used: 1, limit: 6 });
    await expect(device.engine.execute('saveDirectoryProfile', { published: true })).rejects.toMatchObject({
      code: 'rule_violation',
      message: 'Publier dans l’annuaire : votre formule « Gratuit » ne comprend pas l’annuaire. Choisissez la formule Solo, Atelier ou Maison de couture (écran Abonnement).',
    });
    for (let i = 1; i < 6; i++) await device.engine.execute('addPortfolioPhoto', { fileHash: i.toString(16).padStart(64, 'd') });
    await expect(device.engine.execute('addPortfolioPhoto', { fileHash: 'e'.repeat(64) })).rejects.toMatchObject({ message: expect.stringContaining('(6 / 6)') });
    await syncClean(device);
  });
});
