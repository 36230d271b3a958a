/**
 * Two cloud instances on one Postgres (two servers, each with its own connections, jobs and
 * schedules, one loopback provider): 200 messages pushed through both are each sent exactly once,
 * the work shared between the two. PGlite is one process by nature (its data folder cannot be
 * opened twice), so this runs on Postgres only: with TEST_DATABASE_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCloudDb } from '../db/client.js';
import { usingPostgres } from '../testing/testDb.js';
import { Shop, startDispatchServer, type DispatchServer } from './dispatchTesting.js';

async function sentBy(server: DispatchServer): Promise<number> {
  const metric = await server.ctx.metrics.getSingleMetric('messages_dispatched_total')!.get();
  return metric.values.filter((v) => v.labels.outcome === 'sent').reduce((sum, v) => sum + v.value, 0);
}

describe.skipIf(!usingPostgres)('two instances on one Postgres (TEST_DATABASE_URL)', () => {
  let a: DispatchServer;
  let b: DispatchServer;

  beforeAll(async () => {
    a = await startDispatchServer();
    const url = a.ctx.db.url!;
    b = await startDispatchServer({ db: await openCloudDb({ url, maxConnections: 10 }), loopbacks: a });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('sends each of 200 messages pushed through both exactly once', async () => {
    const shops = await Promise.all([Shop.open(a, 100, 'Atelier Un'), Shop.open(b, 100, 'Atelier Deux'), Shop.open(a, 100, 'Atelier Trois'), Shop.open(b, 100, 'Atelier Quatre')]);
    const clients = await Promise.all(shops.map((shop) => shop.client()));
    const pushed = await Promise.all(
      shops.map(async (shop, s) => {
        const ids: string[] = [];
        for (let batch = 0; batch < 5; batch++) {
          const mutations = Array.from({ length: 10 }, (_, i) =>
            shop.device.mutation('messages', crypto.randomUUID(), shop.messageFields(clients[s]!.clientId, 'sms', clients[s]!.phone, `Atelier ${s} message ${batch * 10 + i}`)),
          );
          const answer = await shop.device.sync(mutations);
          expect(answer.acked).toHaveLength(10);
          ids.push(...mutations.map((m) => m.rowId));
        }
        return ids;
      }),
    );
    const settled = await Promise.all(shops.map((shop, s) => shop.allSettled(pushed[s]!, 60_000)));
    for (const rows of settled) for (const row of rows.values()) expect(row.status).toBe('sent');

    const copies = new Map<string, number>();
    for (const m of a.at.sent) copies.set(m.message, (copies.get(m.message) ?? 0) + 1);
    const expected = shops.flatMap((_, s) => Array.from({ length: 50 }, (_, n) => `Atelier ${s} message ${n}`));
    expect(expected.filter((body) => copies.get(body) !== 1)).toEqual([]);
    expect(a.at.sent).toHaveLength(200);
    const [byA, byB] = [await sentBy(a), await sentBy(b)];
    expect(byA + byB).toBe(200);
    expect(byA).toBeGreaterThan(0);
    expect(byB).toBeGreaterThan(0);
    expect(a.url).not.toBe(b.url);
  }, 90_000);
});
