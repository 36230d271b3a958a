/**
 * Schema evolution (DESIGN.md, normative), for real: a device running the previous release's
 * engine (commit c374ffb, which sends no schema version) syncs with today's hub both ways while a
 * current device uses `clients.messagesOptOut`, a field added since; then its SQLite file is
 * opened by today's engine (migrated in place), syncs, and ends with the same rows as the current
 * device. Also: what the protocol now says of unknown tables and fields, and of new rows missing
 * a required field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { openTestDevice, type TestDevice } from '../testing/devices.js';
import { clientRow, deviceAtHead, postSync, RawDevice, syncAnswer } from '../testing/rawSync.js';
import { diffSnapshots, openReadOnly, readDeviceSnapshot, readServerSnapshot, type WorkshopSnapshot } from '../testing/tableSnapshots.js';
import { tempDir } from '../../desktop/sqlite/testing.js';
import { newId } from '../../shared/domain/ids.js';
import { ROW_SCHEMAS } from '../../shared/domain/rowSchemas.js';
import { SYNCED_TABLE_NAMES } from '../../shared/domain/tables.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import { SCHEMA_ADDITIONS, SYNC_SCHEMA_VERSION, tablesToRefetch } from '../../shared/sync/schemaEvolution.js';
import { loadPreviousRelease, type PreviousRelease } from './previousRelease.testing.js';

let server: TestServer;
let shop: FixtureWorkshop;
let other: FixtureWorkshop;
let previous: PreviousRelease;
const dir = tempDir('styliste-evolution-');

beforeAll(async () => {
  previous = await loadPreviousRelease();
  server = await startTestServer({ SYNC_PAGE_ROWS: '10' });
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Évolution');
  other = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
});

afterAll(async () => {
  await server?.close();
  dir.cleanup();
});

function snapshotOf(path: string): WorkshopSnapshot {
  const db = openReadOnly(path);
  try {
    return readDeviceSnapshot(db);
  } finally {
    db.close();
  }
}

const HLC = '2026-11-25T10:00:00.000Z-0000-a1b2c3d4e5f60718';

describe('the previous release', () => {
  it('cannot take a pulled field or table it does not know: that is why the hub leaves them out for it', async () => {
    const engine = await previous.Engine.open(previous.openBetterSqlite(`${dir.dir}/premise.sqlite`));
    try {
      const change = { table: 'clients', rowId: newId(), hlc: HLC, fields: { ...clientRow('Aïcha', new Date('2026-11-25T10:00:00Z')), messagesOptOut: true } };
      await expect(engine.applyChanges([change], '5')).rejects.toThrow(/Champ inconnu clients\.messagesOptOut/);
      expect(await engine.cursor()).toBe('0');
      const answer = { acked: [], rejected: [], changes: [{ ...change, table: 'loyalty_cards' }], cursor: '5', more: false, serverTime: new Date().toISOString() };
      expect(previous.syncResponseSchema.safeParse(answer).success).toBe(false);
      // Nor any new key in the answer: its response schema is strict.
      expect(previous.syncResponseSchema.safeParse({ ...answer, changes: [], refetched: [] }).success).toBe(false);
    } finally {
      await engine.close();
    }
  });

  it("differs from today's schema only by what the registry lists, each field optional in a new row", () => {
    const added: string[] = [];
    for (const table of SYNCED_TABLE_NAMES) {
      const before = previous.TABLE_META[table];
      if (!before) {
        added.push(table);
        continue;
      }
      for (const field of TABLE_META[table].fields.keys()) if (!before.fields.has(field)) added.push(`${table}.${field}`);
    }
    const registered = SCHEMA_ADDITIONS.filter((a) => a.version > 1).flatMap((a) => (a.fields ? a.fields.map((f) => `${a.table}.${f}`) : [a.table]));
    expect(added.sort()).toEqual(registered.sort());
    for (const a of SCHEMA_ADDITIONS) {
      for (const field of a.fields ?? []) {
        const shape = ROW_SCHEMAS[a.table as keyof typeof ROW_SCHEMAS].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
        expect(shape[field]!.safeParse(undefined).success, `${a.table}.${field} optional in a new row`).toBe(true);
      }
    }
    expect(Math.max(...SCHEMA_ADDITIONS.map((a) => a.version))).toBe(SYNC_SCHEMA_VERSION);
  });
});

describe('a device of the previous release beside a current one', () => {
  it('keeps working both ways, is never sent the new field, loses nothing; upgraded in place it ends with the same rows', async () => {
    const oldPath = `${dir.dir}/old-device.sqlite`;
    const oldEngine = await previous.Engine.open(previous.openBetterSqlite(oldPath));
    const oldClient = new previous.SyncClient({ engine: oldEngine, baseUrl: server.url, accessToken: async () => shop.owner.token });
    await oldClient.sync();
    await oldEngine.useMember(shop.owner.memberId);
    await oldEngine.assignDeviceCode('A');

    // Offline on the old device: clients, an order with a deposit, an edit.
    const { id: aicha } = await oldEngine.execute('createClient', { name: 'Aïcha Dossou', phone: '0197000101' });
    const { id: koffi } = await oldEngine.execute('createClient', { name: 'Koffi Mensah' });
    const first = await oldEngine.execute('createOrder', { clientId: aicha, price: 25_000, deposit: { amount: 10_000 } });
    await oldEngine.execute('updateClient', { id: aicha, whatsapp: '0197000102' });
    expect((await oldClient.sync()).rejected).toBe(0);

    // The current device marks Aïcha as not wanting messages, and creates a client who wants none.
    const current: TestDevice = await openTestDevice(`${dir.dir}/current-device.sqlite`, server.url, () => shop.owner.token);
    await current.join(shop.owner.memberId, 'B');
    await current.engine.execute('updateClient', { id: aicha, messagesOptOut: true });
    const { id: sena } = await current.engine.execute('createClient', { name: 'Séna Houngbo', messagesOptOut: true });
    await current.engine.execute('createOrder', { clientId: sena, price: 12_000 });
    expect((await current.client.sync()).rejected).toBe(0);

    // The old device, offline again, edits Aïcha (after the opt-out) and orders for Koffi, then syncs.
    await oldEngine.execute('updateClient', { id: aicha, notes: 'Préfère être appelée' });
    await oldEngine.execute('createOrder', { clientId: koffi, price: 8_000 });
    await oldEngine.execute('recordPayment', { orderId: first.id, amount: 5_000, method: 'mobile_money' });
    const report = await oldClient.sync();
    expect(report.rejected).toBe(0);
    expect((await oldEngine.query('searchClients', { query: 'sena' })).map((c) => c.id)).toEqual([sena]);
    // What it was sent had no messagesOptOut (it would have failed on it): its rows simply lack it.
    const oldDb = openReadOnly(oldPath);
    try {
      const columns = (oldDb.prepare('PRAGMA table_info(clients)').all() as { name: string }[]).map((c) => c.name);
      expect(columns).not.toContain('messages_opt_out');
    } finally {
      oldDb.close();
    }

    // Its edit of Aïcha did not wipe the new field, on the hub nor on the current device.
    await current.client.sync();
    const hub = await readServerSnapshot(server.ctx, shop.workshopId);
    expect(hub.clients.get(aicha)?.fields).toMatchObject({ messagesOptOut: true, notes: 'Préfère être appelée', whatsapp: '+2290197000102' });
    expect(hub.clients.get(koffi)?.fields.messagesOptOut).toBe(false);
    expect(hub.clients.get(koffi)?.clocks.messagesOptOut).toBeUndefined();
    expect(diffSnapshots(hub, snapshotOf(`${dir.dir}/current-device.sqlite`), 'current device')).toEqual([]);
    await oldEngine.close();

    // Upgraded in place: today's engine opens the same file (migrations run), notes the clients
    // to pull again, and after one sync has the very same rows as the current device.
    const upgraded = await openTestDevice(oldPath, server.url, () => shop.owner.token);
    expect(upgraded.engine.deviceId).toBe(oldEngine.deviceId);
    expect(await upgraded.engine.refetchState()).toEqual({ tables: tablesToRefetch(1), cursor: '0' });
    await upgraded.engine.execute('updateClient', { id: koffi, notes: 'Client depuis 2024' });
    const upgradedReport = await upgraded.client.sync();
    expect(upgradedReport.rejected).toBe(0);
    expect(await upgraded.engine.refetchState()).toBeNull();
    await current.client.sync();
    await upgraded.client.sync();

    const finalHub = await readServerSnapshot(server.ctx, shop.workshopId);
    const currentRows = snapshotOf(`${dir.dir}/current-device.sqlite`);
    const upgradedRows = snapshotOf(oldPath);
    expect(diffSnapshots(currentRows, upgradedRows, 'upgraded device')).toEqual([]);
    expect(diffSnapshots(finalHub, upgradedRows, 'upgraded device vs hub')).toEqual([]);
    expect(upgradedRows.clients.get(aicha)?.fields).toMatchObject({ messagesOptOut: true, notes: 'Préfère être appelée' });
    expect(upgradedRows.clients.get(sena)?.fields.messagesOptOut).toBe(true);
    expect(upgradedRows.orders.size).toBe(3);
    expect(upgradedRows.payments.size).toBe(2);
    await upgraded.engine.close();
    await current.engine.close();
  });
});

describe('the protocol for tables and fields the hub or the device does not know', () => {
  it('refuses a mutation for an unknown table or field on its own; a new row without its name is invalid, naming it', async () => {
    const device = await deviceAtHead(server.url, shop.owner.token);
    const otherDevice = await deviceAtHead(server.url, other.owner.token);
    const foreignId = newId();
    expect(syncAnswer(await otherDevice.post([otherDevice.mutation('clients', foreignId, clientRow('Chez le voisin'))])).acked).toHaveLength(1);

    const goodId = newId();
    const good = device.mutation('clients', goodId, clientRow('Bien reçue'));
    const nonsense = { ...device.mutation('clients', newId(), { a: 1 }), table: 'nonsense' };
    const futureField = device.mutation('clients', goodId, { loyaltyPoints: 12 });
    const noName = device.mutation('clients', newId(), { ...clientRow('x'), name: undefined });
    const foreignPatch = device.mutation('clients', foreignId, { notes: 'pas chez nous' });
    const badFlag = device.mutation('clients', goodId, { messagesOptOut: null });
    const alsoGood = device.mutation('clients', goodId, { messagesOptOut: true });
    const answer = syncAnswer(await device.post([good, nonsense, futureField, noName, foreignPatch, badFlag, alsoGood]));

    expect([...answer.acked].sort()).toEqual([good.id, alsoGood.id].sort());
    const byId = Object.fromEntries(answer.rejected.map((r) => [r.id, r]));
    expect(byId[nonsense.id]).toMatchObject({ code: 'unknown_table', message: expect.stringContaining('« nonsense »') });
    expect(byId[futureField.id]).toMatchObject({ code: 'unknown_field', message: expect.stringContaining('« loyaltyPoints »') });
    expect(byId[noName.id]).toMatchObject({ code: 'invalid', message: expect.stringMatching(/nom/i) });
    expect(byId[noName.id]!.message).not.toMatch(/n’existe pas/);
    expect(byId[foreignPatch.id]).toMatchObject({ code: 'forbidden' });
    expect(byId[badFlag.id]).toMatchObject({ code: 'invalid' });

    const hub = await readServerSnapshot(server.ctx, shop.workshopId);
    expect(hub.clients.get(goodId)?.fields).toMatchObject({ name: 'Bien reçue', messagesOptOut: true });
    expect(hub.clients.has(noName.rowId)).toBe(false);
    expect((await readServerSnapshot(server.ctx, other.workshopId)).clients.get(foreignId)?.fields.notes).toBeNull();
  });

  it('leaves new fields out of the pulls of a device that sends no schema, and serves a pull restricted to some tables', async () => {
    const writer = await deviceAtHead(server.url, other.owner.token);
    const clientId = newId();
    syncAnswer(await writer.post([writer.mutation('clients', clientId, { ...clientRow('Drapeau'), messagesOptOut: true })]));
    // Schema 3's table and fields, written by a current device.
    const messageId = newId();
    const written = syncAnswer(
      await writer.post([
        writer.mutation('messages', messageId, {
          clientId, orderId: null, channel: 'sms', to: '+2290197000101', body: 'Bonjour', kind: 'custom', status: 'queued',
          createdAt: new Date().toISOString(), createdBy: null, deletedAt: null,
        }),
        writer.mutation('workshop', other.workshopId, { smsGsm7: false }),
      ]),
    );
    expect(written.rejected, JSON.stringify(written.rejected)).toEqual([]);

    const pull = async (extra: Record<string, unknown>) => {
      const device = new RawDevice(server.url, other.owner.token);
      device.schema = undefined; // a first-release device, unless `extra` says otherwise
      const changes = [];
      let cursor = '0';
      for (let page = 0; page < 50; page++) {
        const answer = syncAnswer(await postSync(server.url, other.owner.token, { ...device.body([], cursor), ...extra }));
        changes.push(...answer.changes);
        cursor = answer.cursor;
        if (!answer.more) break;
      }
      return changes;
    };
    const fieldsOf = (changes: Awaited<ReturnType<typeof pull>>) =>
      Object.assign({}, ...changes.filter((c) => c.table === 'clients' && c.rowId === clientId).map((c) => c.fields)) as Record<string, unknown>;

    const asPrevious = await pull({});
    expect(fieldsOf(asPrevious).name).toBe('Drapeau');
    expect(asPrevious.some((c) => 'messagesOptOut' in c.fields)).toBe(false);

    const asCurrent = await pull({ schema: SYNC_SCHEMA_VERSION });
    expect(fieldsOf(asCurrent).messagesOptOut).toBe(true);
    expect(asCurrent.some((c) => c.table === 'messages' && c.rowId === messageId)).toBe(true);
    expect(asCurrent.some((c) => c.table === 'workshop' && c.fields.smsGsm7 === false)).toBe(true);
    expect(asPrevious.some((c) => c.table === 'messages' || 'smsGsm7' in c.fields)).toBe(false);

    const onlyClients = await pull({ schema: SYNC_SCHEMA_VERSION, tables: ['clients', 'nonsense'] });
    expect(new Set(onlyClients.map((c) => c.table))).toEqual(new Set(['clients']));
    expect(fieldsOf(onlyClients).messagesOptOut).toBe(true);

    const unknownOnly = syncAnswer(await postSync(server.url, other.owner.token, { ...new RawDevice(server.url, other.owner.token).body([]), tables: ['nonsense'] }));
    // A device of schema 2 is sent neither schema 3's tables nor its fields.
    const asSecond = await pull({ schema: 2 });
    expect(fieldsOf(asSecond).messagesOptOut).toBe(true);
    expect(asSecond.some((c) => c.table === 'messages' || c.table === 'message_templates')).toBe(false);
    expect(asSecond.some((c) => 'trackingToken' in c.fields || 'smsGsm7' in c.fields)).toBe(false);
    expect(unknownOnly).toMatchObject({ changes: [], more: false });
  });
});
