/**
 * The public listing derived from the synced rows (cloud/directory/listingSql.ts): slugs unique and
 * stable, older slugs redirecting, never given to another workshop, two workshops of the same
 * name at once; photos shown only once uploaded and ready; moderation never undone by a refresh.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop } from '../testing/fixtures.js';
import { rows } from '../db/client.js';
import { addPortfolioPhoto, listedWorkshop, markFileReady, slugOf, writeProfile } from './directoryTesting.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const hash = (c: string) => c.repeat(64);

describe('slugs', () => {
  it('come from the name and the city, stay while they fit, and redirect after a rename', async () => {
    const shop = await listedWorkshop(server.ctx, 'Couture Aïcha & Fils', { city: 'Porto-Novo' });
    expect(await slugOf(server.ctx, shop.workshopId)).toBe('couture-aicha-fils-porto-novo');
    // Another field changes: same slug.
    await writeProfile(server.ctx, shop.workshopId, { name: 'Couture Aïcha & Fils', city: 'Porto-Novo', about: 'Autre texte' });
    expect(await slugOf(server.ctx, shop.workshopId)).toBe('couture-aicha-fils-porto-novo');
    // Renamed: a new slug; the old one redirects to it.
    await writeProfile(server.ctx, shop.workshopId, { name: 'Maison Aïcha', city: 'Porto-Novo' });
    expect(await slugOf(server.ctx, shop.workshopId)).toBe('maison-aicha-porto-novo');
    const directory = server.ctx.services.directory;
    expect(await directory.profile('couture-aicha-fils-porto-novo')).toEqual({ kind: 'moved', slug: 'maison-aicha-porto-novo' });
    // Another workshop taking the old name gets a suffix: an old slug is never given away.
    const other = await listedWorkshop(server.ctx, 'Couture Aïcha & Fils', { city: 'Porto-Novo' });
    expect(await slugOf(server.ctx, other.workshopId)).toBe('couture-aicha-fils-porto-novo-2');
    // Renamed back, the first workshop gets its own old slug again.
    await writeProfile(server.ctx, shop.workshopId, { name: 'Couture Aïcha & Fils', city: 'Porto-Novo' });
    expect(await slugOf(server.ctx, shop.workshopId)).toBe('couture-aicha-fils-porto-novo');
    expect(await directory.profile('maison-aicha-porto-novo')).toEqual({ kind: 'moved', slug: 'couture-aicha-fils-porto-novo' });
    expect((await directory.profile('couture-aicha-fils-porto-novo-2')).kind).toBe('found');
  });

  it('a name of nothing but symbols is still an address; not-a-slug paths are missing', async () => {
    const shop = await listedWorkshop(server.ctx, '★★★', { city: null });
    expect(await slugOf(server.ctx, shop.workshopId)).toMatch(/^atelier(-\d+)?$/);
    for (const bad of ['', '../etc', 'A-B', 'a--b', 'x'.repeat(200), 'é']) expect(await server.ctx.services.directory.profile(bad)).toEqual({ kind: 'missing' });
  });

  it('ten workshops of the same name publishing at once each get their own slug', async () => {
    const shops = await Promise.all(Array.from({ length: 10 }, () => createFixtureWorkshop(server.ctx, 'Même Nom')));
    await Promise.all(shops.map((shop) => writeProfile(server.ctx, shop.workshopId, { name: 'Atelier Jumeau', city: 'Bohicon' })));
    const slugs = await Promise.all(shops.map((shop) => slugOf(server.ctx, shop.workshopId)));
    expect(new Set(slugs).size).toBe(10);
    expect(slugs.sort()).toEqual(['atelier-jumeau-bohicon', ...Array.from({ length: 9 }, (_, i) => `atelier-jumeau-bohicon-${i + 2}`)].sort());
  });
});

describe('photos', () => {
  it('appear once their file is ready, in order, and leave when unpublished or removed', async () => {
    const shop = await listedWorkshop(server.ctx, 'Galerie Ouidah', { city: 'Ouidah' });
    const slug = (await slugOf(server.ctx, shop.workshopId))!;
    const directory = server.ctx.services.directory;
    const photos = async () => {
      const found = await directory.profile(slug);
      return found.kind === 'found' ? found.photos.map((p) => p.fileHash) : [];
    };
    await addPortfolioPhoto(server.ctx, shop.workshopId, hash('b'), { position: 2, caption: 'Boubou' });
    await addPortfolioPhoto(server.ctx, shop.workshopId, hash('a'), { position: 1 });
    const draft = await addPortfolioPhoto(server.ctx, shop.workshopId, hash('c'), { position: 3, published: false });
    // Not uploaded yet (taken offline): not shown, not served.
    expect(await photos()).toEqual([]);
    expect(await directory.publicPhoto(slug, hash('a'))).toBeNull();
    await markFileReady(server.ctx, shop.workshopId, hash('b'));
    await markFileReady(server.ctx, shop.workshopId, hash('a'));
    await markFileReady(server.ctx, shop.workshopId, hash('c'));
    expect(await photos()).toEqual([hash('a'), hash('b')]);
    expect(await directory.publicPhoto(slug, hash('a'))).toEqual({ workshopId: shop.workshopId });
    expect(await directory.publicPhoto(slug, hash('c'))).toBeNull();
    // Another workshop's ready file with the same hash does not make it public elsewhere.
    const other = await listedWorkshop(server.ctx, 'Autre Ouidah', { city: 'Ouidah' });
    expect(await directory.publicPhoto((await slugOf(server.ctx, other.workshopId))!, hash('a'))).toBeNull();
    // Moderation hides one photo; a refresh does not bring it back.
    await server.ctx.db.system((tx) => tx.execute(sql`UPDATE directory_photos SET hidden_at = now(), hidden_reason = 'test' WHERE file_hash = ${hash('b')}`));
    await writeProfile(server.ctx, shop.workshopId, { name: 'Galerie Ouidah', city: 'Ouidah', about: 'Changé' });
    expect(await photos()).toEqual([hash('a')]);
    const change = (fields: Record<string, unknown>) =>
      server.ctx.db.withWorkshop(shop.workshopId, async (tx) => {
        await server.ctx.services.serverWrites.inWorkshop(tx, shop.workshopId, (w) => w.write('portfolio_items', draft, fields));
        await server.ctx.services.directory.refresh(tx, shop.workshopId);
      });
    // Published later: shown.
    await change({ published: true });
    expect(await photos()).toEqual([hash('a'), hash('c')]);
    // Removed: gone from the listing's rows too.
    await change({ deletedAt: new Date().toISOString() });
    expect(await photos()).toEqual([hash('a')]);
    const left = await server.ctx.db.system((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM directory_photos WHERE workshop_id = ${shop.workshopId}`));
    expect(left[0]!.n).toBe(2);
  });
});
