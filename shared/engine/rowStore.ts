/**
 * Reads and writes synced rows field by field, with one clock per field. The same function
 * serves local commands (their clock always wins) and changes pulled from the hub
 * (last writer wins per field).
 */
import type { SqlExecutor, SqlValue } from './sqlPort.js';
import { TABLE_META, type TableMeta } from './tableMeta.js';
import type { SyncedTableName } from '../domain/tables.js';
import { normalizeForSearch } from '../domain/text.js';
import { phoneDigits } from '../domain/phone.js';
import { decodeClocks, encodeClocks } from '../sync/clockCodec.js';

export type Fields = Record<string, unknown>;
export type Clocks = Record<string, string>;

export interface StoredRow {
  fields: Fields;
  clocks: Clocks;
}

function encode(meta: TableMeta, key: string, value: unknown): SqlValue {
  const field = meta.fields.get(key)!;
  if (value === undefined || value === null) return null;
  if (field.json) return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as SqlValue;
}

function decode(meta: TableMeta, key: string, value: SqlValue): unknown {
  if (value === null) return null;
  if (meta.fields.get(key)!.boolean) return value === 1;
  return meta.fields.get(key)!.json ? JSON.parse(value as string) : value;
}

export async function readRow(tx: SqlExecutor, table: SyncedTableName, rowId: string): Promise<StoredRow | undefined> {
  const meta = TABLE_META[table];
  const row = await tx.get<Record<string, SqlValue>>(`SELECT * FROM ${meta.sql} WHERE id = ?`, [rowId]);
  if (!row) return undefined;
  const fields: Fields = {};
  for (const [key, field] of meta.fields) fields[key] = decode(meta, key, row[field.column] ?? null);
  return { fields, clocks: decodeClocks(row.clocks as string, meta.fields.keys(), meta.ownClocks) };
}

/**
 * Apply `fields` stamped with `hlc` to a row. A field is written only if `hlc` is newer than the
 * field's current clock. Returns the fields that were applied (empty if all were older).
 */
export async function mergeFields(tx: SqlExecutor, table: SyncedTableName, rowId: string, fields: Fields, hlc: string): Promise<Fields> {
  return mergeStampedFields(tx, table, rowId, fields, Object.fromEntries(Object.keys(fields).map((k) => [k, hlc])));
}

/** Like mergeFields, with a clock per field (several pulled changes of one row applied at once). */
export async function mergeStampedFields(
  tx: SqlExecutor,
  table: SyncedTableName,
  rowId: string,
  fields: Fields,
  stamps: Clocks,
): Promise<Fields> {
  const meta = TABLE_META[table];
  for (const key of Object.keys(fields)) {
    if (!meta.fields.has(key) || key === 'id') throw new Error(`Champ inconnu ${table}.${key}`);
  }
  const existing = await readRow(tx, table, rowId);
  const clocks: Clocks = { ...(existing?.clocks ?? {}) };
  const applied: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    const current = clocks[key];
    const stamp = stamps[key]!;
    if (current !== undefined && current >= stamp) continue;
    clocks[key] = stamp;
    applied[key] = value;
  }
  if (Object.keys(applied).length === 0) return applied;

  const keys = Object.keys(applied);
  if (existing) {
    const sets = keys.map((k) => `"${meta.fields.get(k)!.column}" = ?`).join(', ');
    await tx.run(`UPDATE ${meta.sql} SET ${sets}, clocks = ? WHERE id = ?`, [
      ...keys.map((k) => encode(meta, k, applied[k])),
      encodeClocks(clocks, meta.ownClocks),
      rowId,
    ]);
  } else {
    const columns = ['id', ...keys.map((k) => meta.fields.get(k)!.column), 'clocks'].map((c) => `"${c}"`);
    await tx.run(`INSERT INTO ${meta.sql} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, [
      rowId,
      ...keys.map((k) => encode(meta, k, applied[k])),
      encodeClocks(clocks, meta.ownClocks),
    ]);
  }
  await refreshLocalColumns(tx, table, rowId, applied);
  return applied;
}

/** Local columns derived from synced fields (never synced themselves): search helpers, paid cache. */
async function refreshLocalColumns(tx: SqlExecutor, table: SyncedTableName, rowId: string, applied: Fields): Promise<void> {
  if (table === 'clients' && ('name' in applied || 'phone' in applied || 'whatsapp' in applied)) {
    const row = await tx.get<{ name: string; phone: string | null; whatsapp: string | null }>(
      'SELECT name, phone, whatsapp FROM clients WHERE id = ?',
      [rowId],
    );
    if (!row) return;
    const digits = [phoneDigits(row.phone), phoneDigits(row.whatsapp)].filter(Boolean).join(' ');
    await tx.run('UPDATE clients SET search_name = ?, phone_digits = ? WHERE id = ?', [normalizeForSearch(row.name ?? ''), digits, rowId]);
  } else if (table === 'payments' && ('amount' in applied || 'orderId' in applied)) {
    const payment = await tx.get<{ order_id: string }>('SELECT order_id FROM payments WHERE id = ?', [rowId]);
    if (payment) await refreshPaid(tx, payment.order_id);
  } else if (table === 'orders' && 'price' in applied) {
    await refreshPaid(tx, rowId);
  }
}

/** orders.paid is a cache of the sum of the order's payments, recomputed from them, never edited. */
async function refreshPaid(tx: SqlExecutor, orderId: string): Promise<void> {
  await tx.run('UPDATE orders SET paid = (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE order_id = ?) WHERE id = ?', [orderId, orderId]);
}
