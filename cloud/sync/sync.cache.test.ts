/**
 * Syncs with nothing to do are answered from memory (db/syncStateCache.ts) — and that memory must
 * never hide a change: a write of any path (even SQL typed by hand), a change made through another
 * cloud instance on the same Postgres, a removed member or device, a lost listening connection.
 * On PGlite and on the real Postgres; the two-instance tests need a shared server, so Postgres only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createScratchDatabase, usingPostgres } from '../testing/testDb.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { clientRow, deviceAtHead } from '../testing/rawSync.js';
import { openCloudDb, type CloudDb } from '../db/client.js';
import { newId } from '../../shared/domain/ids.js';

/** Polls until `check` holds (notices from another connection arrive a moment after the commit). */
async function within<T>(ms: number, attempt: () => Promise<T>, check: (value: T) => boolean): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  for (;;) {
    const value = await attempt();
    const elapsed = performance.now() - start;
    if (check(value) || elapsed > ms) return { value, ms: elapsed };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('one instance', () => {
  let server: TestServer;
  let shop: FixtureWorkshop;

  beforeAll(async () => {
    server = await startTestServer();
    shop = await createFixtureWorkshop(server.ctx, 'Atelier Mémoire');
  });
  afterAll(async () => {
    await server?.close();
  });

  const stats = () => server.ctx.db.syncStateCache();

  it('is listening from the start, and answers an idle device from memory from its second sync on', async () => {
    expect(stats().live).toBe(true);
    const device = await deviceAtHead(server.url, shop.owner.token);
    await device.sync();
    const before = stats();
    for (let i = 0; i < 5; i++) expect((await device.sync()).changes).toEqual([]);
    expect(stats().hits - before.hits).toBe(5);
    expect(stats().misses - before.misses).toBe(0);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`^sync_state_cache_hits ${stats().hits}$`, 'm'));
    expect(metrics).toMatch(/^sync_state_cache_live 1$/m);
  });

  it("drops a workshop's answers when any of the three tables changes, even by hand-written SQL", async () => {
    const device = await deviceAtHead(server.url, shop.owner.token);
    await device.sync();
    const touches = [
      sql`UPDATE workshop_sync SET last_seq = last_seq WHERE workshop_id = ${shop.workshopId}`,
      sql`UPDATE members SET name = name WHERE id = ${shop.owner.memberId}`,
      sql`UPDATE devices SET name = name WHERE id = ${device.deviceId}`,
    ];
    for (const touch of touches) {
      // Outside any workshop transaction of the app: only the trigger's notice can tell the cache.
      await server.ctx.db.system((tx) => tx.execute(touch));
      const before = stats().misses;
      const { value } = await within(2000, async () => (await device.sync(), stats().misses - before), (misses) => misses > 0);
      expect(value).toBe(1);
    }
  });

  it('refuses a member removed by hand-written SQL, and a device removed by the owner, at their next sync', async () => {
    const staff = await shop.addMember('staff', 'Couturière partie');
    const leaving = await deviceAtHead(server.url, staff.token);
    await leaving.sync();
    await server.ctx.db.system((tx) => tx.execute(sql`UPDATE members SET deleted_at = now()::text WHERE id = ${staff.memberId}`));
    const refused = await within(2000, () => leaving.post([]), (a) => a.status === 403);
    expect(refused.value.json).toMatchObject({ error: { code: 'access_revoked' } });

    const lost = await deviceAtHead(server.url, shop.owner.token);
    await lost.sync();
    const removal = await fetch(`${server.url}/api/devices/${lost.deviceId}`, { method: 'DELETE', headers: { authorization: `Bearer ${shop.owner.token}` } });
    expect(removal.status).toBe(204);
    // Through the app on this instance: refused at once, not "soon".
    const answer = await lost.post([]);
    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ error: { code: 'access_revoked' } });
  });

  it('hands a change pushed by one device to an idle device at its next sync', async () => {
    const idle = await deviceAtHead(server.url, shop.owner.token);
    await idle.sync();
    const writer = await deviceAtHead(server.url, shop.owner.token);
    for (let round = 0; round < 5; round++) {
      const clientId = newId();
      await writer.sync([writer.mutation('clients', clientId, clientRow(`Cliente ${round}`))]);
      expect((await idle.sync()).changes.map((c) => c.rowId)).toContain(clientId);
      await idle.sync();
      const hits = stats().hits;
      expect((await idle.sync()).changes).toEqual([]);
      expect(stats().hits).toBe(hits + 1);
    }
  });
});

describe.runIf(usingPostgres)('two instances on one Postgres', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: TestServer;
  let b: TestServer;
  let dbB: CloudDb;
  let shop: FixtureWorkshop;

  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'styliste_test');
    a = await startTestServer({}, { db: await openCloudDb({ url: scratch.url, maxConnections: 4 }) });
    dbB = await openCloudDb({ url: scratch.url, maxConnections: 4 });
    b = await startTestServer({}, { db: dbB });
    shop = await createFixtureWorkshop(a.ctx, 'Atelier Deux Serveurs');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await scratch?.drop();
  });

  it("a change pushed through A reaches a device idle on B at its first sync after A's commit is heard", async () => {
    const idle = await deviceAtHead(b.url, shop.owner.token);
    await idle.sync();
    const writer = await deviceAtHead(a.url, shop.owner.token);
    const seen: number[] = [];
    for (let round = 0; round < 5; round++) {
      // B answers the idle device from memory (once the notice of the last round, which may come
      // after B already read the new head, has dropped that answer too)…
      const fromMemory = await within(1000, async () => {
        const hits = dbB.syncStateCache().hits;
        expect((await idle.sync()).changes).toEqual([]);
        return dbB.syncStateCache().hits - hits;
      }, (hit) => hit === 1);
      expect(fromMemory.value).toBe(1);
      // …until A's commit is heard.
      const clientId = newId();
      await writer.sync([writer.mutation('clients', clientId, clientRow(`Cliente ${round}`))]);
      const { value, ms } = await within(1000, () => idle.sync(), (answer) => answer.changes.some((c) => c.rowId === clientId));
      expect(value.changes.map((c) => c.rowId)).toContain(clientId);
      seen.push(ms);
    }
    expect(Math.max(...seen)).toBeLessThan(1000);
  });

  it('a member removed through A is refused on B', async () => {
    const staff = await shop.addMember('staff', 'Apprenti parti');
    const device = await deviceAtHead(b.url, staff.token);
    await device.sync();
    const removal = await fetch(`${a.url}/api/members/${staff.memberId}`, { method: 'DELETE', headers: { authorization: `Bearer ${shop.owner.token}` } });
    expect(removal.status).toBeLessThan(300);
    const { value, ms } = await within(1000, () => device.post([]), (answer) => answer.status === 403);
    expect(value.json).toMatchObject({ error: { code: 'access_revoked' } });
    expect(ms).toBeLessThan(1000);
  });

  it('with its listening connection killed, B reads the database, misses nothing, then listens again', async () => {
    const idle = await deviceAtHead(b.url, shop.owner.token);
    await idle.sync();
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => undefined });
    try {
      const killed = await admin`SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = 'styliste-notices' AND datname = ${scratch.name}`;
      expect(killed.length).toBe(2);
    } finally {
      await admin.end();
    }
    await within(2000, async () => dbB.syncStateCache().live, (live) => !live);
    const writer = await deviceAtHead(a.url, shop.owner.token);
    const clientId = newId();
    await writer.sync([writer.mutation('clients', clientId, clientRow('Cliente pendant la coupure'))]);
    const answer = await idle.sync();
    expect(answer.changes.map((c) => c.rowId)).toContain(clientId);
    // Listening again (postgres.js reconnects), and serving from memory again.
    const back = await within(10_000, async () => dbB.syncStateCache().live, (live) => live);
    expect(back.value).toBe(true);
    await idle.sync();
    const hits = dbB.syncStateCache().hits;
    await idle.sync();
    expect(dbB.syncStateCache().hits).toBe(hits + 1);
  });
});
