/**
 * ServerWrites.insertNew and readAll, on a real server over PGlite or (TEST_DATABASE_URL) Postgres:
 * new rows are numbered in the change log and reach a device's pull with their clock; a row found
 * stored, or named twice, is left as it is; a row the row schema refuses is not written while the
 * others are; an id taken by another workshop fails the call and its whole transaction rolls back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rows } from '../db/client.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { clientRow, deviceAtHead, type RawDevice } from '../testing/rawSync.js';
import { newId } from '../../shared/domain/ids.js';
import type { SyncResponse } from '../../shared/sync/protocol.js';
import { ForeignRowError } from './hubWrite.js';
import type { ServerWrites } from './serverWrite.js';

let server: TestServer;
let shop: FixtureWorkshop;
let neighbour: FixtureWorkshop;
let device: RawDevice;

beforeAll(async () => {
  server = await startTestServer();
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Sika');
  neighbour = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
  device = await deviceAtHead(server.url, shop.owner.token);
});

afterAll(async () => {
  await server?.close();
});

type NewRows = Parameters<ServerWrites['insertNew']>[1];

/** One server write of `workshopId`, as the hub's own code runs it. */
function inWorkshop<T>(workshopId: string, work: (writes: ServerWrites) => Promise<T>): Promise<T> {
  const { db, services } = server.ctx;
  return db.withWorkshop(workshopId, (tx) => services.serverWrites.inWorkshop(tx, workshopId, work));
}

const insertClients = (workshopId: string, newRows: NewRows) => inWorkshop(workshopId, (writes) => writes.insertNew('clients', newRows));

interface LogEntry {
  seq: number;
  table: string;
  rowId: string;
  hlc: string;
  fields: Record<string, unknown>;
  mutationId: string | null;
  deviceId: string | null;
}

/** The workshop's change log after sequence `after`, in order. */
async function logAfter(workshopId: string, after: number): Promise<LogEntry[]> {
  const found = await server.ctx.db.withWorkshop(workshopId, (tx) =>
    rows<{ seq: string | number; tbl: string; row_id: string; hlc: string; fields: unknown; mutation_id: string | null; device_id: string | null }>(
      tx,
      sql`SELECT seq, tbl, row_id, hlc, fields, mutation_id, device_id FROM change_log WHERE workshop_id = ${workshopId} AND seq > ${after} ORDER BY seq`,
    ),
  );
  return found.map((r) => ({
    seq: Number(r.seq),
    table: r.tbl,
    rowId: String(r.row_id),
    hlc: r.hlc,
    fields: (typeof r.fields === 'string' ? JSON.parse(r.fields) : r.fields) as Record<string, unknown>,
    mutationId: r.mutation_id,
    deviceId: r.device_id,
  }));
}

async function headOf(workshopId: string): Promise<number> {
  const [row] = await server.ctx.db.system((tx) => rows<{ last_seq: string | number }>(tx, sql`SELECT last_seq FROM workshop_sync WHERE workshop_id = ${workshopId}`));
  return Number(row?.last_seq ?? -1);
}

interface StoredClient {
  workshopId: string;
  name: string;
  clocks: Record<string, string>;
  seqs: Record<string, number>;
  lastSeq: number;
}

/** A clients row as stored, looked up across workshops (system), or undefined. */
async function storedClient(rowId: string): Promise<StoredClient | undefined> {
  const [row] = await server.ctx.db.system((tx) =>
    rows<{ workshop_id: string; name: string; clocks: unknown; seqs: unknown; last_seq: string | number }>(tx, sql`SELECT workshop_id, name, clocks, seqs, last_seq FROM clients WHERE id = ${rowId}`),
  );
  if (!row) return undefined;
  const json = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  return { workshopId: String(row.workshop_id), name: row.name, clocks: json(row.clocks), seqs: json(row.seqs), lastSeq: Number(row.last_seq) };
}

/** The clients changes of a pull, for these rows. */
function pulledClients(pulled: SyncResponse, rowIds: readonly string[]) {
  return pulled.changes.filter((c) => c.table === 'clients' && rowIds.includes(c.rowId));
}

const sorted = (ids: readonly string[]) => [...ids].sort();

describe('ServerWrites.insertNew', () => {
  it('inserts new rows, each with its own sequence and clock in the change log, and a device pulls them', async () => {
    const before = await headOf(shop.workshopId);
    const [a, b, c] = [newId(), newId(), newId()];
    const fields = {
      [a]: clientRow('Aïcha Dossou'),
      [b]: clientRow('Koffi Agbo'),
      // Another field set: a second INSERT statement of the same call.
      [c]: { ...clientRow('Mariam Sanni'), messagesOptOut: true },
    };
    const outcome = await insertClients(shop.workshopId, [a, b, c].map((rowId) => ({ rowId, fields: fields[rowId]! })));
    expect(sorted(outcome.inserted)).toEqual(sorted([a, b, c]));
    expect(outcome).toMatchObject({ existing: [], refused: [] });

    expect(await headOf(shop.workshopId)).toBe(before + 3);
    const log = await logAfter(shop.workshopId, before);
    expect(log.map((e) => e.seq)).toEqual([before + 1, before + 2, before + 3]);
    expect(sorted(log.map((e) => e.rowId))).toEqual(sorted([a, b, c]));
    for (const entry of log) {
      expect(entry).toMatchObject({ table: 'clients', mutationId: null, deviceId: null, fields: fields[entry.rowId] });
      // The row carries the entry's clock and sequence on every field it was written with.
      const stored = await storedClient(entry.rowId);
      expect(stored).toMatchObject({ workshopId: shop.workshopId, lastSeq: entry.seq });
      for (const field of Object.keys(fields[entry.rowId]!)) {
        expect(stored!.clocks[field]).toBe(entry.hlc);
        expect(Number(stored!.seqs[field])).toBe(entry.seq);
      }
    }
    // Clocks grow with the sequences, as they do for a device's changes.
    expect(log.map((e) => e.hlc)).toEqual([...log.map((e) => e.hlc)].sort());
    expect(new Set(log.map((e) => e.hlc)).size).toBe(3);

    // A device at the head before the call receives the three rows, with the log's clocks, and ends at the new head.
    const pulled = await device.sync();
    expect(pulled.cursor).toBe(String(before + 3));
    const changes = pulledClients(pulled, [a, b, c]);
    expect(changes).toHaveLength(3);
    for (const entry of log) {
      expect(changes.find((ch) => ch.rowId === entry.rowId)).toEqual({ table: 'clients', rowId: entry.rowId, hlc: entry.hlc, fields: fields[entry.rowId] });
    }
  });

  it('reports a row already stored as existing and leaves it as it was, while a new row of the call is inserted', async () => {
    const kept = newId();
    await insertClients(shop.workshopId, [{ rowId: kept, fields: clientRow('Fifamè Houénou') }]);
    await device.sync();
    const stored = await storedClient(kept);
    const before = await headOf(shop.workshopId);

    const fresh = newId();
    const outcome = await insertClients(shop.workshopId, [
      { rowId: kept, fields: clientRow('Nom écrasé') },
      { rowId: fresh, fields: clientRow('Nouvelle cliente') },
    ]);
    expect(outcome).toEqual({ inserted: [fresh], existing: [kept], refused: [] });
    expect(await storedClient(kept)).toEqual(stored);
    expect((await logAfter(shop.workshopId, before)).map((e) => e.rowId)).toEqual([fresh]);
    expect(await headOf(shop.workshopId)).toBe(before + 1);
    const pulled = await device.sync();
    expect(pulledClients(pulled, [kept, fresh]).map((ch) => ch.rowId)).toEqual([fresh]);
  });

  it('writes a row named twice in one call once: the first is inserted, the second reported existing', async () => {
    const before = await headOf(shop.workshopId);
    const twice = newId();
    const outcome = await insertClients(shop.workshopId, [
      { rowId: twice, fields: clientRow('Premier') },
      { rowId: twice, fields: clientRow('Second') },
    ]);
    expect(outcome).toEqual({ inserted: [twice], existing: [twice], refused: [] });
    expect(await storedClient(twice)).toMatchObject({ name: 'Premier', lastSeq: before + 1 });
    const log = await logAfter(shop.workshopId, before);
    expect(log.map((e) => [e.rowId, e.fields.name])).toEqual([[twice, 'Premier']]);
    expect(await headOf(shop.workshopId)).toBe(before + 1);
  });

  it('refuses the rows the row schema refuses and writes nothing of them, while the others are written', async () => {
    const before = await headOf(shop.workshopId);
    const [noName, unknownField, badDate, good] = [newId(), newId(), newId(), newId()];
    const outcome = await insertClients(shop.workshopId, [
      { rowId: noName, fields: clientRow('') },
      { rowId: unknownField, fields: { ...clientRow('Champ inconnu'), shoeSize: 42 } },
      { rowId: good, fields: clientRow('Cliente valable') },
      { rowId: badDate, fields: { ...clientRow('Date fausse'), createdAt: 'hier' } },
    ]);
    expect(outcome).toEqual({ inserted: [good], existing: [], refused: [noName, unknownField, badDate] });
    for (const refused of [noName, unknownField, badDate]) expect(await storedClient(refused)).toBeUndefined();
    expect(await storedClient(good)).toMatchObject({ name: 'Cliente valable', lastSeq: before + 1 });
    expect((await logAfter(shop.workshopId, before)).map((e) => e.rowId)).toEqual([good]);
    expect(await headOf(shop.workshopId)).toBe(before + 1);

    // A refused row named again with valid fields in a later place of the same call is written.
    const retried = newId();
    const second = await insertClients(shop.workshopId, [
      { rowId: retried, fields: clientRow('') },
      { rowId: retried, fields: clientRow('Corrigée') },
    ]);
    expect(second).toEqual({ inserted: [retried], existing: [], refused: [retried] });
    expect(await storedClient(retried)).toMatchObject({ name: 'Corrigée' });
  });

  it('fails on an id taken by another workshop (ForeignRowError) and leaves nothing of the call', async () => {
    const theirs = newId();
    expect(await insertClients(neighbour.workshopId, [{ rowId: theirs, fields: clientRow('Cliente du voisin') }])).toMatchObject({ inserted: [theirs] });
    const theirsStored = await storedClient(theirs);
    const theirHead = await headOf(neighbour.workshopId);
    const before = await headOf(shop.workshopId);

    const [written, first, last] = [newId(), newId(), newId()];
    const call = inWorkshop(shop.workshopId, async (writes) => {
      await writes.write('clients', written, clientRow('Écrite avant'));
      return writes.insertNew('clients', [
        { rowId: first, fields: clientRow('Première') },
        { rowId: theirs, fields: clientRow('Volée') },
        { rowId: last, fields: clientRow('Dernière') },
      ]);
    });
    await expect(call).rejects.toBeInstanceOf(ForeignRowError);

    for (const id of [written, first, last]) expect(await storedClient(id)).toBeUndefined();
    expect(await logAfter(shop.workshopId, before)).toEqual([]);
    expect(await headOf(shop.workshopId)).toBe(before);
    expect(await storedClient(theirs)).toEqual(theirsStored);
    expect(await headOf(neighbour.workshopId)).toBe(theirHead);
    expect(pulledClients(await device.sync(), [written, first, last, theirs])).toEqual([]);

    // The lock was let go and no sequence was spent: the next write takes the next number.
    const after = newId();
    expect(await insertClients(shop.workshopId, [{ rowId: after, fields: clientRow('Après') }])).toMatchObject({ inserted: [after] });
    expect(await storedClient(after)).toMatchObject({ lastSeq: before + 1 });
  });
});

describe('ServerWrites.readAll', () => {
  it('reads the stored rows in one go; read then sees them, nothing of another workshop, and the rows inserted by the call', async () => {
    const [one, two, missing] = [newId(), newId(), newId()];
    const three = clientRow('Trois');
    await insertClients(shop.workshopId, [
      { rowId: one, fields: clientRow('Une') },
      { rowId: two, fields: { ...clientRow('Deux'), phone: '+2290197000001' } },
    ]);
    const theirs = newId();
    await insertClients(neighbour.workshopId, [{ rowId: theirs, fields: clientRow('Voisine') }]);
    const fresh = await inWorkshop(shop.workshopId, async (writes) => Promise.all([writes.read('clients', one), writes.read('clients', two)]));

    const seen = await inWorkshop(shop.workshopId, async (writes) => {
      await writes.readAll('clients', [one, two, missing, theirs, one]);
      const found = { one: await writes.read('clients', one), two: await writes.read('clients', two), missing: await writes.read('clients', missing), theirs: await writes.read('clients', theirs) };
      await writes.insertNew('clients', [{ rowId: missing, fields: three }]);
      return { ...found, inserted: await writes.read('clients', missing) };
    });
    expect(seen.one).toEqual(fresh[0]);
    expect(seen.two).toEqual(fresh[1]);
    expect(seen.one?.fields).toMatchObject({ name: 'Une', phone: null });
    expect(seen.two?.fields).toMatchObject({ name: 'Deux', phone: '+2290197000001' });
    expect(seen.missing).toBeUndefined();
    expect(seen.theirs).toBeUndefined();

    // Read again after the call: what the call's own read gave for the row it inserted is what is stored.
    const stored = await inWorkshop(shop.workshopId, (writes) => writes.read('clients', missing));
    expect(stored?.fields).toMatchObject(three);
    expect(seen.inserted?.fields).toEqual(stored?.fields);
    expect(seen.inserted?.clocks).toEqual(stored?.clocks);
  });

  // A gap found and fixed: after insertNew (or a `write` of a new row), a `read` in the same call
  // gave only the fields written, not the stored row's defaults (clients.messagesOptOut: false).
  // A new row is now read again from the database when asked.
  it('read after insertNew in the same call gives the row as stored, defaults included', async () => {
    const rowId = newId();
    const inCall = await inWorkshop(shop.workshopId, async (writes) => {
      await writes.insertNew('clients', [{ rowId, fields: clientRow('Sans préférence') }]);
      return writes.read('clients', rowId);
    });
    const stored = await inWorkshop(shop.workshopId, (writes) => writes.read('clients', rowId));
    expect(stored?.fields.messagesOptOut).toBe(false);
    expect(inCall).toEqual(stored);
  });
});
