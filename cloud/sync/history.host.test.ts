/**
 * The host's `orders.loadHistory` channel end to end: a real HostService (the same in Electron's
 * main process and in the browser worker) over an engine on a SQLite file, talking to a real cloud.
 * A device that joined after an order was closed long ago lacks its history; offline the command
 * fails with a soft French message, online it fetches and keeps the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { openTestDevice } from '../testing/devices.js';
import { openFileEngine, tempDir, testClock } from '../../desktop/sqlite/testing.js';
import { HostService } from '../../shared/host/hostService.js';
import type { HostEvent } from '../../shared/host/channels.js';
import type { HostPorts, StoredSession } from '../../shared/host/ports.js';
import type { Engine } from '../../shared/engine/engine.js';

const DAY = 86_400_000;
const NOW = Math.floor(Date.now() / 1000) * 1000;
const clock = testClock(new Date(NOW - 40 * DAY).toISOString());
const dir = tempDir('styliste-history-host-');
let server: TestServer;
let shop: FixtureWorkshop;
let orderId = '';

beforeAll(async () => {
  server = await startTestServer({}, { now: clock.now });
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Mémoire');
  const author = await openTestDevice(`${dir.dir}/author.sqlite`, server.url, () => shop.tokenFor(shop.owner), { now: clock.now });
  await author.join(shop.owner.memberId, 'A');
  const { id: clientId } = await author.engine.execute('createClient', { name: 'Sèna Hounkpè' });
  orderId = (await author.engine.execute('createOrder', { clientId, price: 15_000, deposit: { amount: 15_000 } })).id;
  for (const status of ['in_progress', 'ready', 'delivered'] as const) await author.engine.execute('changeOrderStatus', { id: orderId, status });
  await author.client.sync();
  await author.engine.close();
  clock.set(new Date(NOW).toISOString());
}, 60_000);

afterAll(async () => {
  await server.close();
  dir.cleanup();
});

describe('orders.loadHistory through the host', () => {
  it('offline: a soft French error; online: the history is fetched, kept, and the app is told', async () => {
    let online = true;
    const events: HostEvent[] = [];
    let engine: Engine | null = null;
    const session: StoredSession = {
      serverUrl: server.url,
      accessToken: shop.tokenFor(shop.owner),
      refreshToken: 'not-used-in-this-test',
      user: { id: shop.owner.userId, name: 'Propriétaire', phone: '+2290197000000', email: null },
      workshop: { id: shop.workshopId, name: 'Atelier Mémoire' },
      member: { id: shop.owner.memberId, role: 'owner' },
      deviceCode: 'B',
    };
    const ports: HostPorts = {
      async openWorkshop() {
        engine = await openFileEngine(`${dir.dir}/host.sqlite`, { now: clock.now });
        return { engine, wipe: async () => undefined };
      },
      loadSession: async () => session,
      saveSession: async () => undefined,
      photos: { put: async () => undefined, get: async () => null, pending: async () => [], markUploaded: async () => undefined },
      fetch: (input, init) => (online ? fetch(input, init) : Promise.reject(new TypeError('fetch failed'))),
      serverUrl: server.url,
      deviceName: 'Poste de test',
      emit: (event) => events.push(event),
    };
    const host = new HostService(ports);
    await host.init();
    try {
      await host.handle('sync.now', {});
      expect(await host.handle('engine.query', { name: 'orderDetail', args: { id: orderId } })).toMatchObject({ status: 'delivered', historyComplete: false });

      online = false;
      await expect(host.handle('orders.loadHistory', { orderId })).rejects.toMatchObject({
        code: 'offline',
        message: 'Pas de connexion Internet : l’historique complet de cette commande sera chargé à la prochaine connexion.',
      });
      await expect(host.handle('orders.loadHistory', { orderId: 'pas-un-id' })).rejects.toMatchObject({ code: 'invalid_input' });

      online = true;
      const cursor = await engine!.cursor();
      events.length = 0;
      expect(await host.handle('orders.loadHistory', { orderId })).toEqual({ applied: 5 });
      expect(events).toContainEqual({ type: 'changed' });
      const detail = await host.handle('engine.query', { name: 'orderDetail', args: { id: orderId } });
      expect(detail).toMatchObject({ historyComplete: true });
      expect((detail as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(['created', 'payment', 'status', 'status', 'status']);
      expect(await engine!.cursor()).toBe(cursor);
    } finally {
      await host.handle('session.logout', {});
    }
  });
});
