/**
 * The directory's rows through the sync protocol: a device's profile becomes the public listing in
 * the push's transaction; another workshop's profile row (or any id but the workshop's) is
 * refused; staff may not write it; portfolio photos past the plan's limit are refused one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { deviceAtHead, type RawDevice } from '../testing/rawSync.js';
import { newId } from '../../shared/domain/ids.js';
import { COTONOU, profileFields, setSubscription } from './directoryTesting.js';

let server: TestServer;
let shop: FixtureWorkshop;
let other: FixtureWorkshop;
let device: RawDevice;

const profile = (fields: Record<string, unknown> = {}) => ({ ...profileFields({ name: 'Atelier Poussé' }), updatedAt: new Date().toISOString(), ...fields });
const photo = (n: number) => ({ fileHash: n.toString(16).padStart(64, '0'), caption: null, garmentTypeId: null, published: true, position: n, createdAt: new Date().toISOString(), deletedAt: null });

beforeAll(async () => {
  server = await startTestServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Poussé');
  other = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
  device = await deviceAtHead(server.url, shop.owner.token);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

async function searchNames(q: string): Promise<string[]> {
  const response = await fetch(`${server.url}/api/directory/search?lat=${COTONOU.lat}&lng=${COTONOU.lng}&q=${encodeURIComponent(q)}`);
  return ((await response.json()) as { results: { name: string }[] }).results.map((r) => r.name);
}

describe('the profile pushed by a device', () => {
  it('is listed at once, and follows its changes', async () => {
    const answer = await device.sync([device.mutation('directory_profile', shop.workshopId, profile())]);
    expect(answer.rejected).toEqual([]);
    expect(await searchNames('pousse')).toEqual(['Atelier Poussé']);
    await device.sync([device.mutation('directory_profile', shop.workshopId, { published: false })]);
    expect(await searchNames('pousse')).toEqual([]);
    await device.sync([device.mutation('directory_profile', shop.workshopId, { published: true, name: 'Atelier Renommé' })]);
    expect(await searchNames('renomme')).toEqual(['Atelier Renommé']);
  });

  it("refuses another workshop's profile row, or any id but the workshop's", async () => {
    for (const rowId of [other.workshopId, newId()]) {
      const answer = await device.sync([device.mutation('directory_profile', rowId, profile({ name: 'Intrus' }))]);
      expect(answer.rejected).toHaveLength(1);
      expect(answer.rejected[0]!.code).toBe('forbidden');
      expect(answer.rejected[0]!.message).toMatch(/fiche publique/);
    }
    expect(await searchNames('intrus')).toEqual([]);
  });

  it('refuses staff and invalid fields, in French', async () => {
    const staff = await shop.addMember('staff');
    const staffDevice = await deviceAtHead(server.url, staff.token);
    const refused = await staffDevice.sync([staffDevice.mutation('directory_profile', shop.workshopId, { about: 'Par un employé' })]);
    expect(refused.rejected.map((r) => r.code)).toEqual(['forbidden']);
    const invalid = await device.sync([
      device.mutation('directory_profile', shop.workshopId, { specialties: ['sorcellerie'] }),
      device.mutation('directory_profile', shop.workshopId, { lat: 123 }),
      device.mutation('directory_profile', shop.workshopId, { name: 'A\u0000B' }),
      device.mutation('directory_profile', shop.workshopId, { priceRange: 'gratuit' }),
    ]);
    expect(invalid.rejected.map((r) => r.code)).toEqual(['invalid', 'invalid', 'invalid', 'invalid']);
    expect(invalid.rejected.map((r) => r.message).join(' | ')).toMatch(/Spécialité inconnue.*Latitude invalide.*caractère nul.*Gamme de prix inconnue/);
  });
});

describe('portfolio photos and the plan', () => {
  it('past the limit are refused one by one with the numbers; removing one makes room', async () => {
    await setSubscription(server.ctx, shop.workshopId, 'active', 'free'); // 6 photos
    const ids = Array.from({ length: 8 }, () => newId());
    const mutations = ids.map((id, n) => device.mutation('portfolio_items', id, photo(n)));
    const answer = await device.sync(mutations);
    // The last two of the batch, in order: the first six fit.
    expect(answer.rejected.map((r) => r.id)).toEqual(mutations.slice(6).map((m) => m.id));
    expect(answer.rejected[0]!.code).toBe('forbidden');
    expect(answer.rejected[0]!.message).toMatch(/6 photos.*il y en a 6/);
    // Removing one, then adding one in the same push: fits.
    const again = await device.sync([device.mutation('portfolio_items', ids[0]!, { deletedAt: new Date().toISOString() }), device.mutation('portfolio_items', newId(), photo(20))]);
    expect(again.rejected).toEqual([]);
    // Editing a photo already there never counts.
    const edit = await device.sync([device.mutation('portfolio_items', ids[1]!, { caption: 'Robe de mariée' })]);
    expect(edit.rejected).toEqual([]);
    // A bigger plan takes more.
    await setSubscription(server.ctx, shop.workshopId, 'active', 'solo');
    const more = await device.sync([device.mutation('portfolio_items', newId(), photo(21))]);
    expect(more.rejected).toEqual([]);
  });
});
