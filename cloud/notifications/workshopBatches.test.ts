/**
 * WorkshopBatches on a real server, PGlite or (TEST_DATABASE_URL) Postgres: the writes of one
 * turn, of several workshops, share one transaction, each in its own workshop's scope and with
 * its own change-log numbers; a write that throws leaves the others written (each runs again
 * alone) and only its own caller sees the error; a write that names another workshop's row sees
 * nothing of it (row-level security holds inside the shared transaction).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { rows } from '../db/client.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { clientRow } from '../testing/rawSync.js';
import { newId } from '../../shared/domain/ids.js';
import { WorkshopBatches } from './workshopBatches.js';

let server: TestServer;
let a: FixtureWorkshop;
let b: FixtureWorkshop;
let batches: WorkshopBatches;

beforeAll(async () => {
  server = await startTestServer();
  a = await createFixtureWorkshop(server.ctx, 'Atelier Akwe');
  b = await createFixtureWorkshop(server.ctx, 'Atelier Bio');
  batches = new WorkshopBatches({ db: server.ctx.db, serverWrites: server.ctx.services.serverWrites, logger: pino({ level: 'silent' }) });
});

afterAll(async () => {
  await server?.close();
});

async function head(workshopId: string): Promise<number> {
  const [row] = await server.ctx.db.system((tx) => rows<{ last_seq: string | number }>(tx, sql`SELECT last_seq FROM workshop_sync WHERE workshop_id = ${workshopId}`));
  return Number(row!.last_seq);
}

async function logOf(workshopId: string, after: number): Promise<{ seq: number; rowId: string }[]> {
  const found = await server.ctx.db.system((tx) =>
    rows<{ seq: string | number; row_id: string }>(tx, sql`SELECT seq, row_id FROM change_log WHERE workshop_id = ${workshopId} AND seq > ${after} ORDER BY seq`),
  );
  return found.map((r) => ({ seq: Number(r.seq), rowId: String(r.row_id) }));
}

describe('WorkshopBatches', () => {
  it('writes several workshops in one transaction, each in its scope, numbered in its own change log', async () => {
    const [headA, headB] = [await head(a.workshopId), await head(b.workshopId)];
    const before = { ...batches.stats };
    const ids = { a1: newId(), a2: newId(), b1: newId() };
    const scope = (workshopId: string, id: string, name: string) =>
      batches.run(workshopId, async (tx, writes) => {
        await writes.write('clients', id, clientRow(name));
        const [row] = await rows<{ scope: string }>(tx, sql`SELECT current_setting('app.workshop_id') AS scope`);
        return row!.scope;
      });
    const scopes = await Promise.all([scope(b.workshopId, ids.b1, 'Bola'), scope(a.workshopId, ids.a1, 'Adjo'), scope(a.workshopId, ids.a2, 'Afi')]);
    expect(scopes).toEqual([b.workshopId, a.workshopId, a.workshopId]);
    expect(batches.stats.batches - before.batches).toBe(1);
    expect(batches.stats.writes - before.writes).toBe(3);
    expect(batches.stats.alone - before.alone).toBe(0);
    expect(await logOf(a.workshopId, headA)).toEqual([
      { seq: headA + 1, rowId: ids.a1 },
      { seq: headA + 2, rowId: ids.a2 },
    ]);
    expect(await logOf(b.workshopId, headB)).toEqual([{ seq: headB + 1, rowId: ids.b1 }]);
    expect([await head(a.workshopId), await head(b.workshopId)]).toEqual([headA + 2, headB + 1]);
  });

  it('a write that throws fails alone: the others of its batch are written, once', async () => {
    const headA = await head(a.workshopId);
    const before = { ...batches.stats };
    const good = [newId(), newId()];
    const results = await Promise.allSettled([
      batches.run(a.workshopId, (_tx, writes) => writes.write('clients', good[0]!, clientRow('Ayaba'))),
      batches.run(b.workshopId, async (_tx, writes) => {
        await writes.write('clients', newId(), clientRow('Boni'));
        throw new Error('une écriture en faute');
      }),
      batches.run(a.workshopId, (_tx, writes) => writes.write('clients', good[1]!, { name: '' })), // refused by the row schema
      batches.run(a.workshopId, (_tx, writes) => writes.write('clients', good[1]!, clientRow('Abla'))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason.message).toBe('une écriture en faute');
    expect(batches.stats.alone - before.alone).toBe(4);
    expect((await logOf(a.workshopId, headA)).map((e) => e.rowId)).toEqual(good);
    const [count] = await server.ctx.db.system((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM clients WHERE name = 'Boni'`));
    expect(count!.n).toBe(0);
  });

  it("another workshop's row is invisible inside the shared transaction", async () => {
    const theirs = newId();
    await batches.run(b.workshopId, (_tx, writes) => writes.write('clients', theirs, clientRow('Bossou')));
    const [seenFromA, seenFromB] = await Promise.all([
      batches.run(a.workshopId, async (_tx, writes) => (await writes.read('clients', theirs)) ?? null),
      batches.run(b.workshopId, async (_tx, writes) => (await writes.read('clients', theirs))?.fields.name ?? null),
    ]);
    expect(seenFromA).toBeNull();
    expect(seenFromB).toBe('Bossou');
  });
});
