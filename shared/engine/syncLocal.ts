/**
 * The local half of sync: reading the outbox, settling what the hub acknowledged or refused, and
 * applying pulled changes with the same per-field last-writer-wins rule, in one transaction with
 * the cursor. The HTTP round trip lives in the sync client.
 */
import type { SqlExecutor, SqlPort } from './sqlPort.js';
import type { HybridClock } from '../sync/hlc.js';
import type { Change, Mutation, Rejection } from '../sync/protocol.js';
import { mergeStampedFields, type Clocks, type Fields } from './rowStore.js';
import { getMeta, setMeta } from './meta.js';
import { TABLE_META, knownTableMeta } from './tableMeta.js';
import { FIRST_SCHEMA_VERSION, SYNC_SCHEMA_VERSION, tablesToRefetch } from '../sync/schemaEvolution.js';
import { decodeClocks, encodeClocks } from '../sync/clockCodec.js';
import type { SyncedTableName } from '../domain/tables.js';
import { EngineError } from '../domain/errors.js';
import { t, type Locale } from '../i18n/index.js';

export async function pendingMutations(db: SqlExecutor, limit: number): Promise<Mutation[]> {
  const rows = await db.all<{ id: string; tbl: string; row_id: string; hlc: string; fields: string }>(
    "SELECT id, tbl, row_id, hlc, fields FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?",
    [limit],
  );
  return rows.map((r) => ({ id: r.id, table: r.tbl as Mutation['table'], rowId: r.row_id, hlc: r.hlc, fields: JSON.parse(r.fields) as Record<string, unknown> }));
}

/** Acked entries leave the outbox; refused ones stay, marked, for the "needs attention" list. */
export async function settlePush(db: SqlPort, acked: readonly string[], rejected: readonly Rejection[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const id of acked) await tx.run("DELETE FROM outbox WHERE id = ? AND state = 'pending'", [id]);
    for (const r of rejected) {
      await tx.run("UPDATE outbox SET state = 'rejected', error_code = ?, error_message = ? WHERE id = ?", [r.code, r.message, r.id]);
    }
  });
}

/** Applies pulled changes (LWW per field) and moves the cursor, all or nothing. */
export async function applyChanges(db: SqlPort, clock: HybridClock, changes: readonly Change[], cursor: string): Promise<number> {
  return db.transaction(async (tx) => {
    const applied = await mergeChanges(tx, clock, groupByRow(clock, changes));
    await setMeta(tx, 'cursor', cursor);
    return applied;
  });
}

/**
 * Applies an order's history fetched on demand (GET /api/orders/:orderId/history): the same
 * per-field last-writer-wins rule, in one transaction, but the sync cursor stays where it is —
 * these rows are older than the state the cursor stands for. Only order_events rows of that
 * order are accepted; anything else refuses the whole answer.
 */
export async function applyOrderHistory(
  db: SqlPort,
  clock: HybridClock,
  orderId: string,
  changes: readonly Change[],
  locale: Locale = 'fr',
): Promise<number> {
  const refused = () => new EngineError('invalid_input', t(locale, 'error.historyMismatch'));
  if (changes.some((c) => c.table !== 'order_events')) throw refused();
  return db.transaction(async (tx) => {
    const rows = groupByRow(clock, changes);
    for (const row of rows) {
      const stored = await tx.get<{ order_id: string }>('SELECT order_id FROM order_events WHERE id = ?', [row.rowId]);
      const target = 'orderId' in row.fields ? row.fields.orderId : stored?.order_id;
      if (target !== orderId || (stored && stored.order_id !== orderId)) throw refused();
    }
    return mergeChanges(tx, clock, rows);
  });
}

interface RowChanges {
  table: SyncedTableName;
  rowId: string;
  fields: Fields;
  stamps: Clocks;
}

/**
 * The changes of one row are applied together (each field with its own clock), so a row whose
 * fields were last written at different times is inserted whole. Observes every clock.
 *
 * Tables and fields this version does not know (a later version's, DESIGN.md "Schema evolution")
 * are left out and never reach SQL; this device receives them after it upgrades (the tables that
 * gained something are pulled again: `noteSchemaUpgrade`). A row left with no field is skipped.
 */
function groupByRow(clock: HybridClock, changes: readonly Change[]): RowChanges[] {
  const byRow = new Map<string, RowChanges>();
  for (const change of changes) {
    clock.observe(change.hlc);
    const meta = knownTableMeta(change.table);
    if (!meta) continue;
    const key = `${meta.name}/${change.rowId}`;
    const row = byRow.get(key) ?? { table: meta.name, rowId: change.rowId, fields: {}, stamps: {} };
    for (const [field, value] of Object.entries(change.fields)) {
      if (!meta.fields.has(field)) continue;
      const known = row.stamps[field];
      if (known !== undefined && known >= change.hlc) continue;
      row.fields[field] = value;
      row.stamps[field] = change.hlc;
    }
    byRow.set(key, row);
  }
  return [...byRow.values()].filter((row) => Object.keys(row.fields).length > 0);
}

/** Merges grouped changes (LWW per field) and remembers the clock; returns how many rows changed. */
async function mergeChanges(tx: SqlExecutor, clock: HybridClock, rows: readonly RowChanges[]): Promise<number> {
  let applied = 0;
  for (const row of rows) {
    const fields = await mergeStampedFields(tx, row.table, row.rowId, row.fields, row.stamps);
    if (Object.keys(fields).length > 0) applied += 1;
  }
  const last = clock.last();
  if (last) await setMeta(tx, 'lastHlc', last);
  return applied;
}

export async function currentCursor(db: SqlExecutor): Promise<string> {
  return (await getMeta(db, 'cursor')) ?? '0';
}

/**
 * Tables to pull again after an upgrade (their rows came without the fields this version added),
 * and how far that pull has come: its own cursor, apart from the sync cursor.
 */
export interface Refetch {
  tables: string[];
  cursor: string;
}

export async function pendingRefetch(db: SqlExecutor): Promise<Refetch | null> {
  const stored = await getMeta(db, 'refetch');
  return stored ? (JSON.parse(stored) as Refetch) : null;
}

/**
 * Called when the database opens, after the migrations: a database synced by an older version
 * (no `syncSchema` noted: the first release) must pull again the tables that gained fields or
 * were added since (shared/sync/schemaEvolution.ts). A database never synced needs nothing.
 * Returns the tables now waiting to be pulled again.
 */
export async function noteSchemaUpgrade(db: SqlPort): Promise<string[]> {
  return db.transaction(async (tx) => {
    const noted = await getMeta(tx, 'syncSchema');
    const cursor = (await getMeta(tx, 'cursor')) ?? '0';
    const from = noted !== undefined ? Number(noted) : cursor !== '0' ? FIRST_SCHEMA_VERSION : SYNC_SCHEMA_VERSION;
    if (from >= SYNC_SCHEMA_VERSION) {
      if (noted === undefined) await setMeta(tx, 'syncSchema', String(SYNC_SCHEMA_VERSION));
      return (await pendingRefetch(tx))?.tables ?? [];
    }
    const pending = await pendingRefetch(tx);
    const tables = [...new Set([...(pending?.tables ?? []), ...tablesToRefetch(from)])].sort();
    // A refetch already under way starts again from "0": the new tables have everything to pull.
    if (tables.length > 0) await setMeta(tx, 'refetch', JSON.stringify({ tables, cursor: '0' } satisfies Refetch));
    await setMeta(tx, 'syncSchema', String(SYNC_SCHEMA_VERSION));
    return tables;
  });
}

/**
 * Applies a page of a refetch like any pulled page (last writer wins per field, one transaction)
 * and moves the refetch's cursor; the sync cursor stays where it is. The last page (`more`
 * false) ends the refetch.
 */
export async function applyRefetch(db: SqlPort, clock: HybridClock, changes: readonly Change[], cursor: string, more: boolean): Promise<number> {
  return db.transaction(async (tx) => {
    const pending = await pendingRefetch(tx);
    if (!pending) return 0;
    const applied = await mergeChanges(tx, clock, groupByRow(clock, changes));
    if (more) await setMeta(tx, 'refetch', JSON.stringify({ tables: pending.tables, cursor } satisfies Refetch));
    else await tx.run("DELETE FROM meta WHERE key = 'refetch'");
    return applied;
  });
}

/**
 * After a clock_skew refusal: every pending mutation stamped too far ahead of the hub's time gets
 * a new clock, and so do the fields it wrote in the local rows (where that clock still stands).
 */
export async function restampAhead(db: SqlPort, clock: HybridClock, limitHlc: string): Promise<number> {
  return db.transaction(async (tx) => {
    const ahead = await tx.all<{ id: string; tbl: string; row_id: string; hlc: string; fields: string }>(
      "SELECT id, tbl, row_id, hlc, fields FROM outbox WHERE state = 'pending' AND hlc > ? ORDER BY seq",
      [limitHlc],
    );
    for (const m of ahead) {
      const fresh = clock.now();
      await tx.run('UPDATE outbox SET hlc = ? WHERE id = ?', [fresh, m.id]);
      const table = TABLE_META[m.tbl as SyncedTableName];
      const row = await tx.get<{ clocks: string }>(`SELECT clocks FROM ${table.sql} WHERE id = ?`, [m.row_id]);
      if (!row) continue;
      const clocks = decodeClocks(row.clocks, table.fields.keys(), table.ownClocks);
      for (const key of Object.keys(JSON.parse(m.fields) as object)) if (clocks[key] === m.hlc) clocks[key] = fresh;
      await tx.run(`UPDATE ${table.sql} SET clocks = ? WHERE id = ?`, [encodeClocks(clocks, table.ownClocks), m.row_id]);
    }
    const last = clock.last();
    if (last) await setMeta(tx, 'lastHlc', last);
    return ahead.length;
  });
}
