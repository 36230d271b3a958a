/**
 * Test support: the synced state of a workshop as plain data, read straight from storage (a
 * device's SQLite file through its own read-only connection, the hub's Postgres rows through
 * `withWorkshop`), normalised so the two compare: per table, per row, every synced field of
 * TABLE_META and its clock.
 */
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { CloudContext } from '../context.js';
import { rows } from '../db/client.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from '../../shared/domain/tables.js';
import { decodeClocks } from '../../shared/sync/clockCodec.js';

export interface RowSnapshot {
  fields: Record<string, unknown>;
  clocks: Record<string, string>;
}
export type TableSnapshot = Map<string, RowSnapshot>;
export type WorkshopSnapshot = Record<SyncedTableName, TableSnapshot>;

/** JSON with sorted object keys (jsonb reorders keys; SQLite keeps the writer's order). */
export function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

function normalise(table: SyncedTableName, key: string, raw: unknown, jsonAsText: boolean): unknown {
  const field = TABLE_META[table].fields.get(key)!;
  if (raw === null || raw === undefined) return null;
  if (field.json) return jsonAsText && typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (field.number) return Number(raw);
  if (field.boolean) return raw === true || raw === 1; // SQLite keeps 0/1, Postgres a boolean
  return raw;
}

function snapshotRow(table: SyncedTableName, row: Record<string, unknown>, jsonAsText: boolean): RowSnapshot {
  const fields: Record<string, unknown> = {};
  for (const [key, field] of TABLE_META[table].fields) fields[key] = normalise(table, key, row[field.column], jsonAsText);
  // Clocks may be stored compactly ("*" for the clock most fields share): expand them per field.
  const rawClocks = row.clocks;
  const clocks = decodeClocks(typeof rawClocks === 'string' ? rawClocks : JSON.stringify(rawClocks ?? {}), TABLE_META[table].fields.keys(), TABLE_META[table].ownClocks);
  return { fields, clocks };
}

function emptySnapshot(): WorkshopSnapshot {
  return Object.fromEntries(SYNCED_TABLE_NAMES.map((t) => [t, new Map()])) as unknown as WorkshopSnapshot;
}

/** A device's synced tables, read through a separate read-only connection on its file. */
export function readDeviceSnapshot(db: Database.Database): WorkshopSnapshot {
  const snapshot = emptySnapshot();
  for (const table of SYNCED_TABLE_NAMES) {
    const found = db.prepare(`SELECT * FROM "${TABLE_META[table].sql}"`).all() as Record<string, unknown>[];
    for (const row of found) snapshot[table].set(String(row.id), snapshotRow(table, row, true));
  }
  return snapshot;
}

export function openReadOnly(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** The hub's rows of one workshop (under RLS, as the application role). */
export async function readServerSnapshot(ctx: CloudContext, workshopId: string): Promise<WorkshopSnapshot> {
  const snapshot = emptySnapshot();
  await ctx.db.withWorkshop(workshopId, async (tx) => {
    for (const table of SYNCED_TABLE_NAMES) {
      const found = await rows<Record<string, unknown>>(
        tx,
        sql`SELECT * FROM ${sql.identifier(TABLE_META[table].sql)} WHERE workshop_id = ${workshopId}`,
      );
      for (const row of found) snapshot[table].set(String(row.id), snapshotRow(table, row, false));
    }
  });
  return snapshot;
}

/** Human-readable differences between two snapshots (at most `limit`), empty when they agree. */
export function diffSnapshots(expected: WorkshopSnapshot, actual: WorkshopSnapshot, label: string, limit = 25): string[] {
  const out: string[] = [];
  const add = (line: string) => {
    if (out.length < limit) out.push(`${label}: ${line}`);
  };
  for (const table of SYNCED_TABLE_NAMES) {
    const want = expected[table];
    const got = actual[table];
    for (const [id, row] of want) {
      const other = got.get(id);
      if (!other) {
        add(`${table}/${id} missing`);
        continue;
      }
      for (const key of TABLE_META[table].fields.keys()) {
        const a = canonical(row.fields[key]);
        const b = canonical(other.fields[key]);
        if (a !== b) add(`${table}/${id}.${key}: expected ${a.slice(0, 120)}, got ${b.slice(0, 120)}`);
        if ((row.clocks[key] ?? null) !== (other.clocks[key] ?? null)) {
          add(`${table}/${id}.${key} clock: expected ${row.clocks[key] ?? 'none'}, got ${other.clocks[key] ?? 'none'}`);
        }
      }
    }
    for (const id of got.keys()) if (!want.has(id)) add(`${table}/${id} unexpected`);
  }
  return out;
}
