import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { openTestDevice } from '../testing/devices.js';
import { tempDir } from '../../desktop/sqlite/testing.js';
import { SyncLoop, type SyncState } from '../../shared/sync/loop.js';
import { SyncClient, backoffDelay } from '../../shared/sync/client.js';

let server: TestServer;
let shop: FixtureWorkshop;
const dir = tempDir('styliste-loop-');

beforeAll(async () => {
  server = await startTestServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Boucle');
});
afterAll(async () => {
  await server.close();
  dir.cleanup();
});

/** A port where nothing answers: the connection is refused at once, as with no network. */
async function deadUrl(): Promise<string> {
  const probe: Server = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('the background sync loop', () => {
  it('backs off while the hub cannot be reached, keeps the outbox, and syncs once it can', async () => {
    const device = await openTestDevice(`${dir.dir}/loop.sqlite`, server.url, () => shop.owner.token);
    await device.join(shop.owner.memberId, 'A');
    await device.engine.execute('createClient', { name: 'Pendant la coupure' });
    const states: SyncState[] = [];
    const offline = new SyncLoop(new SyncClient({ engine: device.engine, baseUrl: await deadUrl(), accessToken: async () => shop.owner.token }), { onState: (s) => states.push(s) });
    await offline.tick();
    await offline.tick();
    offline.stop();
    const failures = states.filter((s): s is Extract<SyncState, { status: 'offline' }> => s.status === 'offline');
    expect(failures.map((s) => s.failures)).toEqual([1, 2]);
    expect(failures[0]!.message).toMatch(/Pas de connexion au serveur/);
    expect((await device.engine.query('syncStatus')).pending).toBeGreaterThan(0);

    const online = new SyncLoop(device.client, { onState: (s) => states.push(s) });
    await online.tick();
    online.stop();
    expect(states.at(-1)).toMatchObject({ status: 'idle' });
    expect((await device.engine.query('syncStatus')).pending).toBe(0);
    await device.engine.close();
  });

  it('stops for good when the member was removed (the app must lock and wipe)', async () => {
    const staff = await shop.addMember('staff', 'Bientôt retiré');
    const device = await openTestDevice(`${dir.dir}/revoked.sqlite`, server.url, () => staff.token);
    await device.join(staff.memberId, 'B');
    await server.ctx.db.withWorkshop(shop.workshopId, (tx) => tx.execute(sql`UPDATE members SET deleted_at = now()::text WHERE id = ${staff.memberId}`));
    const states: SyncState[] = [];
    const loop = new SyncLoop(device.client, { onState: (s) => states.push(s) });
    await loop.tick();
    expect(states.at(-1)).toMatchObject({ status: 'stopped', reason: 'access_revoked' });
    await device.engine.close();
  });

  it('waits longer after each failure, up to five minutes, with jitter', () => {
    expect(backoffDelay(1, () => 1)).toBe(2_000);
    expect(backoffDelay(2, () => 1)).toBe(4_000);
    expect(backoffDelay(5, () => 1)).toBe(32_000);
    expect(backoffDelay(30, () => 1)).toBe(300_000);
    expect(backoffDelay(3, () => 0)).toBe(4_000);
  });
});
