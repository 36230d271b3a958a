/**
 * leanFetch as the desktop uses it, against the real cloud server: two devices syncing through
 * it (and the bytes of a sync with nothing to do, counted by the bench's proxy), photos going up
 * in chunks and coming back.
 */
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WireProxy } from '../../bench/syncWire.js';
import { openTestDevice } from '../../cloud/testing/devices.js';
import { createFixtureWorkshop } from '../../cloud/testing/fixtures.js';
import { startTestServer, type TestServer } from '../../cloud/testing/testServer.js';
import { CloudApi } from '../../shared/host/cloudApi.js';
import { uploadPendingPhotos } from '../../shared/host/photoUploads.js';
import { sha256Hex, type PhotoStore } from '../../shared/host/ports.js';
import { tempDir } from '../sqlite/testing.js';
import { createLeanFetch, type LeanFetch } from './leanFetch.js';

const fetches: LeanFetch[] = [];
function lean(): LeanFetch {
  const f = createLeanFetch();
  fetches.push(f);
  return f;
}

describe('SyncClient through leanFetch against the real cloud server', () => {
  let cloud: TestServer;
  const dir = tempDir('styliste-leanfetch-sync-');
  beforeAll(async () => {
    cloud = await startTestServer({ DATA_DIR: join(dir.dir, 'cloud') });
  });
  afterAll(async () => {
    for (const f of fetches) f.close();
    await cloud.close();
    dir.cleanup();
  });

  it('a change pushed by one device is pulled by another; an idle sync reuses the connection and sends only our headers', async () => {
    const shop = await createFixtureWorkshop(cloud.ctx, 'Atelier Lean');
    const proxy = await WireProxy.start(cloud.url);
    const f = lean();
    try {
      const open = (name: string) => openTestDevice(join(dir.dir, `${name}.sqlite`), proxy.url, () => shop.owner.token, { fetch: f });
      const a = await open('a');
      await a.join(shop.owner.memberId, 'A');
      const { id: clientId } = await a.engine.execute('createClient', { name: 'Aïcha Lean', phone: '0197000111' });
      expect((await a.client.sync()).pushed).toBeGreaterThanOrEqual(1);

      const b = await open('b');
      await b.join(shop.owner.memberId, 'B');
      expect((await b.engine.query('clientCard', { id: clientId })).client.name).toBe('Aïcha Lean');

      // In sync: the next sync is one round trip on the connection already open.
      proxy.reset(true);
      const idle = await b.client.sync();
      const wire = proxy.read();
      const [exchange] = proxy.exchanges();
      console.log(`idle sync through leanFetch: ${wire.up + wire.down} B on the wire (request ${wire.up} B, answer ${wire.down} B)`);
      expect([idle.roundTrips, idle.pulled, wire.connections]).toEqual([1, 0, 0]);
      expect(wire.up + wire.down).toBeLessThanOrEqual(700); // the target of a sync with nothing to do
      const names = exchange!.requestHead
        .split('\r\n')
        .slice(1)
        .filter((line) => line !== '')
        .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
      expect(names.sort()).toEqual(['accept-encoding', 'authorization', 'content-length', 'content-type', 'host']);
      await Promise.all([a.engine.close(), b.engine.close()]);
    } finally {
      await proxy.close();
    }
  });

  it('photos go up in 1 MB chunks (bytes bodies, content-range) and come back', async () => {
    const shop = await createFixtureWorkshop(cloud.ctx, 'Atelier Photos');
    const api = new CloudApi(cloud.url, lean(), { accessToken: shop.owner.token, refreshToken: 'unused' }, async () => undefined);
    const noise = { type: 'gaussian' as const, mean: 128, sigma: 40 };
    const image = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: { r: 0, g: 0, b: 0 }, noise } }).jpeg({ quality: 95 }).toBuffer();
    expect(image.length).toBeGreaterThan(1024 * 1024); // two chunks at least
    const hash = await sha256Hex(image);
    const pending = new Map([[hash, 'fabric' as const]]);
    const photos: PhotoStore = {
      put: async () => undefined,
      get: async (h) => (h === hash ? new Uint8Array(image) : null),
      pending: async () => [...pending].map(([h, kind]) => ({ hash: h, kind })),
      markUploaded: async (h) => void pending.delete(h),
    };
    expect(await uploadPendingPhotos(api, photos)).toBe(1);
    expect(pending.size).toBe(0);
    const thumb = await api.raw('GET', `/api/files/${hash}/thumb`, undefined);
    expect(thumb.status).toBe(200);
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([meta.format, meta.width]).toEqual(['webp', 400]);
  });
});
