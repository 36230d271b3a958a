/**
 * Schema evolution on the device (DESIGN.md, normative): pulled tables and fields this version
 * does not know are ignored (never in SQL), a database synced by an older version notes the
 * tables to pull again when it opens, and that pull moves a cursor of its own. The real previous
 * release against today's hub is cloud/sync/sync.evolution.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openFileEngine, setupTestWorkshop, tempDir } from '../../desktop/sqlite/testing.js';
import type { Engine } from './engine.js';
import { newId } from '../domain/ids.js';
import { decodeClocks, encodeClocks } from '../sync/clockCodec.js';
import { SYNC_SCHEMA_VERSION, tablesToRefetch, unknownTo } from '../sync/schemaEvolution.js';
import { TABLE_META } from './tableMeta.js';

let dir: ReturnType<typeof tempDir>;
const open: Engine[] = [];

beforeEach(() => {
  dir = tempDir('styliste-evolution-');
});

afterEach(async () => {
  for (const e of open.splice(0)) await e.close().catch(() => undefined);
  dir.cleanup();
});

const HLC = (minute: number) => `2026-11-25T10:${String(minute).padStart(2, '0')}:00.000Z-0000-a1b2c3d4e5f60718`;
const clientFields = (name: string) => ({ name, phone: null, whatsapp: null, email: null, gender: null, notes: null, preferredChannel: null, createdAt: '2026-11-25T10:00:00.000Z', deletedAt: null });

function raw(path: string) {
  return new Database(path, { readonly: true, fileMustExist: true });
}

describe('pulled changes this version does not know', () => {
  it('are ignored: an unknown table is skipped, an unknown field left out, the rest applied, the cursor moved', async () => {
    const path = `${dir.dir}/a.sqlite`;
    const { engine } = await setupTestWorkshop(path);
    open.push(engine);
    const clientId = newId();
    const applied = await engine.applyChanges(
      [
        { table: 'clients', rowId: clientId, hlc: HLC(1), fields: { ...clientFields('Aïcha'), colourOfTheYear: 'indigo' } },
        { table: 'loyalty_cards', rowId: newId(), hlc: HLC(2), fields: { points: 12 } },
        { table: 'clients', rowId: newId(), hlc: HLC(3), fields: { futureOnly: true } },
        { table: 'constructor', rowId: newId(), hlc: HLC(4), fields: { x: 1 } },
      ],
      '7',
    );
    expect(applied).toBe(1);
    expect(await engine.cursor()).toBe('7');
    const db = raw(path);
    try {
      expect(db.prepare('SELECT name FROM clients').all()).toEqual([{ name: 'Aïcha' }]);
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
      expect(tables).not.toContain('loyalty_cards');
    } finally {
      db.close();
    }
    // A field it does know is taken, as a boolean (stored 0/1).
    await engine.applyChanges([{ table: 'clients', rowId: clientId, hlc: HLC(5), fields: { messagesOptOut: true } }], '8');
    const db2 = raw(path);
    try {
      expect(db2.prepare('SELECT messages_opt_out AS o FROM clients WHERE id = ?').get(clientId)).toEqual({ o: 1 });
    } finally {
      db2.close();
    }
  });
});

describe('a database synced by the previous version', () => {
  /** A database as the first release leaves it: synced (a cursor), and no schema version noted. */
  async function previousVersionDatabase(path: string): Promise<{ clientId: string }> {
    const engine = await openFileEngine(path);
    const clientId = newId();
    await engine.applyChanges([{ table: 'clients', rowId: clientId, hlc: HLC(1), fields: clientFields('Ancienne') }], '42');
    await engine.close();
    const db = new Database(path);
    db.prepare("DELETE FROM meta WHERE key IN ('syncSchema', 'refetch')").run();
    db.close();
    return { clientId };
  }

  it('notes at open the tables that gained fields, to pull again from "0" on a cursor of their own', async () => {
    const path = `${dir.dir}/old.sqlite`;
    await previousVersionDatabase(path);
    const engine = await openFileEngine(path);
    open.push(engine);
    expect(await engine.refetchState()).toEqual({ tables: ALL_ADDED, cursor: '0' });
    expect(await engine.cursor()).toBe('42');

    await engine.applyRefetch([], '0~17', true);
    expect(await engine.refetchState()).toEqual({ tables: ALL_ADDED, cursor: '0~17' });
    expect(await engine.cursor()).toBe('42');
    await engine.applyRefetch([], '50', false);
    expect(await engine.refetchState()).toBeNull();
    expect(await engine.cursor()).toBe('42');

    // Opened again: nothing more to pull again.
    await engine.close();
    open.pop();
    const again = await openFileEngine(path);
    open.push(again);
    expect(await again.refetchState()).toBeNull();
  });

  it('gives its rows no clock for the new field, so the value pulled again wins whatever its clock', async () => {
    const path = `${dir.dir}/old.sqlite`;
    const { clientId } = await previousVersionDatabase(path);
    // The first release's row was edited later on most fields: its common clock ("*") is the edit's.
    const db = new Database(path);
    db.prepare('UPDATE clients SET clocks = ? WHERE id = ?').run(JSON.stringify({ '*': HLC(30), createdAt: HLC(1), deletedAt: HLC(1) }), clientId);
    db.close();
    const engine = await openFileEngine(path);
    open.push(engine);
    // Set on another device at minute 20, before that edit but after the row was created.
    await engine.applyRefetch([{ table: 'clients', rowId: clientId, hlc: HLC(20), fields: { messagesOptOut: true } }], '50', false);
    const check = raw(path);
    try {
      const row = check.prepare('SELECT messages_opt_out AS o, clocks FROM clients WHERE id = ?').get(clientId) as { o: number; clocks: string };
      expect(row.o).toBe(1);
      expect(decodeClocks(row.clocks, TABLE_META.clients.fields.keys(), TABLE_META.clients.ownClocks).messagesOptOut).toBe(HLC(20));
    } finally {
      check.close();
    }
  });

  it('a database never synced notes nothing to pull again', async () => {
    const path = `${dir.dir}/new.sqlite`;
    const { engine } = await setupTestWorkshop(path);
    open.push(engine);
    expect(await engine.refetchState()).toBeNull();
  });
});

/** Everything added after the first release: what a first-release database pulls again. */
const ALL_ADDED = ['clients', 'directory_profile', 'message_templates', 'messages', 'orders', 'portfolio_items', 'subscription', 'workshop'];

describe('the registry and the clock codec', () => {
  it('says what each version does not know, and what to pull again', () => {
    expect(SYNC_SCHEMA_VERSION).toBe(5);
    expect([...(unknownTo(1).fields.get('clients') ?? [])]).toEqual(['messagesOptOut']);
    expect([...unknownTo(2).tables].sort()).toEqual(['directory_profile', 'message_templates', 'messages', 'portfolio_items', 'subscription']);
    expect([...(unknownTo(2).fields.get('orders') ?? [])]).toEqual(['trackingToken']);
    expect([...(unknownTo(2).fields.get('workshop') ?? [])].sort()).toEqual(['balanceReminderDays', 'smsGsm7']);
    expect(unknownTo(2).fields.has('clients')).toBe(false);
    expect([...unknownTo(3).tables].sort()).toEqual(['directory_profile', 'portfolio_items', 'subscription']);
    expect(unknownTo(3).fields.size).toBe(0);
    expect([...unknownTo(4).tables].sort()).toEqual(['directory_profile', 'portfolio_items']);
    expect(unknownTo(5).fields.size + unknownTo(5).tables.size).toBe(0);
    expect(tablesToRefetch(1)).toEqual(ALL_ADDED);
    expect(tablesToRefetch(2)).toEqual(['directory_profile', 'message_templates', 'messages', 'orders', 'portfolio_items', 'subscription', 'workshop']);
    expect(tablesToRefetch(3)).toEqual(['directory_profile', 'portfolio_items', 'subscription']);
    expect(tablesToRefetch(4)).toEqual(['directory_profile', 'portfolio_items']);
    expect(tablesToRefetch(5)).toEqual([]);
  });

  it('never folds a field added later into the common clock', () => {
    const own = TABLE_META.clients.ownClocks;
    const encoded = encodeClocks({ name: HLC(1), phone: HLC(1), messagesOptOut: HLC(1) }, own);
    expect(JSON.parse(encoded)).toEqual({ '*': HLC(1), messagesOptOut: HLC(1) });
    expect(decodeClocks(JSON.stringify({ '*': HLC(1) }), ['name', 'messagesOptOut'], own)).toEqual({ name: HLC(1) });
  });
});
