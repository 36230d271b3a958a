/**
 * `withWorkshop(id, work, { lockSequence: true })` (sequenceLock.ts), on PGlite and (with
 * TEST_DATABASE_URL) Postgres: inside, the transaction is the workshop's (the RLS role, its
 * app.workshop_id, only its rows); a server write takes the next sequences and writes the change
 * log, a second one in the same transaction the ones after; on Postgres a second transaction
 * taking the same workshop's lock waits for the first to commit (and then numbers after it),
 * another workshop's does not; an unknown workshop fails clearly before anything runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { APP_ROLE, rows, type Tx } from './client.js';
import { usingPostgres } from '../testing/testDb.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { clientRow } from '../testing/rawSync.js';
import { newId } from '../../shared/domain/ids.js';
import type { ServerWrites } from '../sync/serverWrite.js';

let server: TestServer;
let shop: FixtureWorkshop;
let neighbour: FixtureWorkshop;
let neighbourClient: string;

/** A workshop transaction entered with its lock, as the dispatcher runs it. */
const locked = <T>(workshopId: string, work: (tx: Tx) => Promise<T>) => server.ctx.db.withWorkshop(workshopId, work, { lockSequence: true });

/** One server write inside the caller's transaction. */
const serverWrite = <T>(tx: Tx, workshopId: string, work: (writes: ServerWrites) => Promise<T>) => server.ctx.services.serverWrites.inWorkshop(tx, workshopId, work);

async function headOf(workshopId: string): Promise<number> {
  const [row] = await server.ctx.db.system((tx) => rows<{ last_seq: string | number }>(tx, sql`SELECT last_seq FROM workshop_sync WHERE workshop_id = ${workshopId}`));
  return row ? Number(row.last_seq) : -1;
}

/** The change log of a workshop after `after`, read across workshops (system). */
async function logAfter(workshopId: string, after: number) {
  const found = await server.ctx.db.system((tx) =>
    rows<{ seq: string | number; tbl: string; row_id: string; fields: unknown }>(
      tx,
      sql`SELECT seq, tbl, row_id, fields FROM change_log WHERE workshop_id = ${workshopId} AND seq > ${after} ORDER BY seq`,
    ),
  );
  return found.map((r) => ({ seq: Number(r.seq), table: r.tbl, rowId: String(r.row_id), fields: (typeof r.fields === 'string' ? JSON.parse(r.fields) : r.fields) as Record<string, unknown> }));
}

async function storedClient(rowId: string) {
  const [row] = await server.ctx.db.system((tx) => rows<{ workshop_id: string; name: string; last_seq: string | number }>(tx, sql`SELECT workshop_id, name, last_seq FROM clients WHERE id = ${rowId}`));
  return row ? { workshopId: String(row.workshop_id), name: row.name, lastSeq: Number(row.last_seq) } : undefined;
}

beforeAll(async () => {
  server = await startTestServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Séquence');
  neighbour = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
  neighbourClient = newId();
  await server.ctx.db.withWorkshop(neighbour.workshopId, (tx) => serverWrite(tx, neighbour.workshopId, (writes) => writes.write('clients', neighbourClient, clientRow('Cliente du voisin'))));
});

afterAll(async () => {
  await server?.close();
});

describe(`withWorkshop with lockSequence on ${usingPostgres ? 'Postgres' : 'PGlite'}`, () => {
  it("is the workshop's transaction inside: its id, the RLS role, only its rows", async () => {
    const mine = newId();
    await server.ctx.db.withWorkshop(shop.workshopId, (tx) => serverWrite(tx, shop.workshopId, (writes) => writes.write('clients', mine, clientRow('Cliente de la maison'))));
    const inside = await locked(shop.workshopId, async (tx) => {
      const [who] = await rows<{ workshop: string; role: string }>(tx, sql`SELECT current_setting('app.workshop_id') AS workshop, current_user AS role`);
      const clients = await rows<{ id: string; workshop_id: string }>(tx, sql`SELECT id, workshop_id FROM clients`);
      const syncRows = await rows<{ workshop_id: string }>(tx, sql`SELECT workshop_id FROM workshop_sync`);
      return { who, clients, syncRows };
    });
    expect(inside.who).toEqual({ workshop: shop.workshopId, role: APP_ROLE });
    expect(inside.clients.map((c) => String(c.id))).toContain(mine);
    expect(inside.clients.map((c) => String(c.id))).not.toContain(neighbourClient);
    expect(new Set(inside.clients.map((c) => String(c.workshop_id)))).toEqual(new Set([shop.workshopId]));
    expect(inside.syncRows.map((r) => String(r.workshop_id))).toEqual([shop.workshopId]);

    // Nothing of it stays on the connection afterwards.
    const [after] = await server.ctx.db.system((tx) => rows<{ workshop: string | null; role: string }>(tx, sql`SELECT current_setting('app.workshop_id', true) AS workshop, current_user AS role`));
    expect(after!.workshop ?? '').toBe('');
    expect(after!.role).not.toBe(APP_ROLE);
  });

  it('gives a server write inside it the next sequences and writes the change log; a second server write numbers after it', async () => {
    const before = await headOf(shop.workshopId);
    const [a, b, c] = [newId(), newId(), newId()];
    await locked(shop.workshopId, async (tx) => {
      await serverWrite(tx, shop.workshopId, async (writes) => {
        await writes.write('clients', a, clientRow('Adjoa'));
        await writes.write('clients', b, clientRow('Bénédicte'));
      });
      // The sequence locked on entry is used once: this one reads the head the first one left.
      await serverWrite(tx, shop.workshopId, (writes) => writes.write('clients', c, clientRow('Chantal')));
    });
    expect(await headOf(shop.workshopId)).toBe(before + 3);
    const log = await logAfter(shop.workshopId, before);
    expect(log.map((e) => [e.seq, e.table, e.rowId, e.fields.name])).toEqual([
      [before + 1, 'clients', a, 'Adjoa'],
      [before + 2, 'clients', b, 'Bénédicte'],
      [before + 3, 'clients', c, 'Chantal'],
    ]);
    expect(await storedClient(a)).toEqual({ workshopId: shop.workshopId, name: 'Adjoa', lastSeq: before + 1 });
    expect(await storedClient(c)).toEqual({ workshopId: shop.workshopId, name: 'Chantal', lastSeq: before + 3 });

    // And the next transaction, locked or not, numbers after all of it.
    const d = newId();
    await server.ctx.db.withWorkshop(shop.workshopId, (tx) => serverWrite(tx, shop.workshopId, (writes) => writes.write('clients', d, clientRow('Dédé'))));
    expect(await storedClient(d)).toMatchObject({ lastSeq: before + 4 });
    const e = newId();
    await locked(shop.workshopId, (tx) => serverWrite(tx, shop.workshopId, (writes) => writes.write('clients', e, clientRow('Edwige'))));
    expect(await storedClient(e)).toMatchObject({ lastSeq: before + 5 });
    expect(await headOf(shop.workshopId)).toBe(before + 5);
  });

  it('fails an unknown workshop with a clear error before its work runs, and writes nothing', async () => {
    const unknown = newId();
    let ran = false;
    const attempt = locked(unknown, async (tx) => {
      ran = true;
      await serverWrite(tx, unknown, (writes) => writes.write('clients', newId(), clientRow('Fantôme')));
    });
    await expect(attempt).rejects.toThrow(`workshop_sync manquant pour ${unknown}`);
    expect(ran).toBe(false);
    expect(await headOf(unknown)).toBe(-1);
    expect(await logAfter(unknown, -1)).toEqual([]);
    const [count] = await server.ctx.db.system((tx) => rows<{ n: string | number }>(tx, sql`SELECT count(*) AS n FROM clients WHERE workshop_id = ${unknown}`));
    expect(Number(count!.n)).toBe(0);
    // The connection is usable and not left in the workshop's role.
    const [after] = await server.ctx.db.system((tx) => rows<{ role: string }>(tx, sql`SELECT current_user AS role`));
    expect(after!.role).not.toBe(APP_ROLE);
  });
});

describe.skipIf(!usingPostgres)('the lock between transactions on Postgres (TEST_DATABASE_URL)', () => {
  it("makes a second transaction of the same workshop wait for the first to commit, then number after it; another workshop's does not wait", async () => {
    const HOLD_MS = 600;
    const before = await headOf(shop.workshopId);
    const [first, second, elsewhere] = [newId(), newId(), newId()];
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const firstEntered = new Promise<void>((resolve) => (entered = resolve));
    let releasedAt = 0;
    let secondEnteredAt = 0;
    let elsewhereDoneAt = 0;

    const held = locked(shop.workshopId, async (tx) => {
      await serverWrite(tx, shop.workshopId, (writes) => writes.write('clients', first, clientRow('Première')));
      entered();
      await released;
    });
    await firstEntered;
    const startedAt = Date.now();
    const waiting = locked(shop.workshopId, async (tx) => {
      secondEnteredAt = Date.now();
      await serverWrite(tx, shop.workshopId, (writes) => writes.write('clients', second, clientRow('Seconde')));
    });
    const other = locked(neighbour.workshopId, async (tx) => {
      await serverWrite(tx, neighbour.workshopId, (writes) => writes.write('clients', elsewhere, clientRow('Ailleurs')));
      elsewhereDoneAt = Date.now();
    });
    await other;
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    expect(secondEnteredAt).toBe(0); // still waiting for the lock
    releasedAt = Date.now();
    release();
    await Promise.all([held, waiting]);

    expect(elsewhereDoneAt).toBeGreaterThan(0);
    expect(elsewhereDoneAt).toBeLessThan(releasedAt);
    expect(secondEnteredAt).toBeGreaterThanOrEqual(releasedAt);
    expect(secondEnteredAt - startedAt).toBeGreaterThanOrEqual(HOLD_MS);
    // Having waited, it read the head the first one committed.
    expect(await storedClient(first)).toMatchObject({ lastSeq: before + 1 });
    expect(await storedClient(second)).toMatchObject({ lastSeq: before + 2 });
    expect((await logAfter(shop.workshopId, before)).map((e) => [e.seq, e.rowId])).toEqual([
      [before + 1, first],
      [before + 2, second],
    ]);
    expect(await headOf(shop.workshopId)).toBe(before + 2);
  });

  it('lets a plain read of the workshop run while its lock is held', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered: () => void = () => undefined;
    const firstEntered = new Promise<void>((resolve) => (entered = resolve));
    const held = locked(shop.workshopId, async () => {
      entered();
      await released;
    });
    await firstEntered;
    const read = await server.ctx.db.withWorkshop(shop.workshopId, (tx) => rows<{ n: string | number }>(tx, sql`SELECT count(*) AS n FROM clients`));
    expect(Number(read[0]!.n)).toBeGreaterThan(0);
    release();
    await held;
  });
});
