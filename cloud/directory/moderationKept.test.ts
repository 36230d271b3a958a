/**
 * What the admin portal hides stays hidden whatever the workshop does afterwards: a hidden photo
 * unpublished and published again, or the same file sent again as a new portfolio item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { rows } from '../db/client.js';
import { addPortfolioPhoto, listedWorkshop, markFileReady, writeProfile } from './directoryTesting.js';
import { visiblePhotos } from './searchSql.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const hash = (n: number) => n.toString(16).padStart(64, 'a');

async function setPublished(workshopId: string, itemId: string, published: boolean): Promise<void> {
  await server.ctx.db.withWorkshop(workshopId, async (tx) => {
    await server.ctx.services.serverWrites.inWorkshop(tx, workshopId, (w) => w.write('portfolio_items', itemId, { published }));
    await server.ctx.services.directory.refresh(tx, workshopId);
  });
}

const shown = async (workshopId: string) => (await server.ctx.db.system((tx) => visiblePhotos(tx, workshopId))).map((p) => p.fileHash).sort();

describe('moderation outlives the workshop’s changes', () => {
  it('a hidden photo stays hidden when unpublished and published again, and when its file comes back as a new item', async () => {
    const shop = await listedWorkshop(server.ctx, 'Atelier Modéré');
    const [bad, good] = [hash(1), hash(2)];
    for (const h of [bad, good]) await markFileReady(server.ctx, shop.workshopId, h);
    const badItem = await addPortfolioPhoto(server.ctx, shop.workshopId, bad);
    await addPortfolioPhoto(server.ctx, shop.workshopId, good, { position: 1 });
    expect(await shown(shop.workshopId)).toEqual([bad, good].sort());

    await server.ctx.db.system((tx) => tx.execute(sql`UPDATE directory_photos SET hidden_at = now(), hidden_reason = 'Photo choquante' WHERE item_id = ${badItem}`));
    expect(await shown(shop.workshopId)).toEqual([good]);

    await setPublished(shop.workshopId, badItem, false);
    await setPublished(shop.workshopId, badItem, true);
    expect(await shown(shop.workshopId)).toEqual([good]);

    const again = await addPortfolioPhoto(server.ctx, shop.workshopId, bad, { position: 2 });
    expect(await shown(shop.workshopId)).toEqual([good]);
    const [born] = await server.ctx.db.system((tx) => rows<{ hidden_reason: string | null }>(tx, sql`SELECT hidden_reason FROM directory_photos WHERE item_id = ${again}`));
    expect(born?.hidden_reason).toBe('Photo choquante');

    // A photo never hidden still comes and goes with its publication.
    const other = await addPortfolioPhoto(server.ctx, shop.workshopId, hash(3), { position: 3 });
    await markFileReady(server.ctx, shop.workshopId, hash(3));
    expect(await shown(shop.workshopId)).toEqual([good, hash(3)].sort());
    await setPublished(shop.workshopId, other, false);
    expect(await shown(shop.workshopId)).toEqual([good]);
  });
});
