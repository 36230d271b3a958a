/**
 * What the engine needs to know of each synced table, read once from the drizzle schema:
 * its SQL name and, for each sync field, the column and whether it holds JSON.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import { LOCAL_COLUMNS, SYNCED_TABLES } from './schema.js';
import type { SyncedTableName } from '../domain/tables.js';

export interface FieldMeta {
  column: string;
  json: boolean;
  /** An integer column (money, counts): Postgres may hand it back as text. */
  number: boolean;
}

export interface TableMeta {
  name: SyncedTableName;
  sql: string;
  fields: ReadonlyMap<string, FieldMeta>;
}

function buildMeta(name: SyncedTableName): TableMeta {
  const table = SYNCED_TABLES[name];
  const fields = new Map<string, FieldMeta>();
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (LOCAL_COLUMNS.has(key)) continue;
    fields.set(key, { column: column.name, json: column.dataType === 'json', number: column.dataType === 'number' });
  }
  return { name, sql: getTableName(table), fields };
}

export const TABLE_META: Readonly<Record<SyncedTableName, TableMeta>> = Object.fromEntries(
  (Object.keys(SYNCED_TABLES) as SyncedTableName[]).map((name) => [name, buildMeta(name)]),
) as Record<SyncedTableName, TableMeta>;
