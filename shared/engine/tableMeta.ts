/**
 * What the engine needs to know of each synced table, read once from the drizzle schema:
 * its SQL name and, for each sync field, the column and whether it holds JSON.
 */
import { getTableColumns, getTableName } from 'drizzle-orm';
import { LOCAL_COLUMNS, SYNCED_TABLES } from './schema.js';
import type { SyncedTableName } from '../domain/tables.js';
import { SCHEMA_ADDITIONS } from '../sync/schemaEvolution.js';

export interface FieldMeta {
  column: string;
  json: boolean;
  /** An integer column (money, counts): Postgres may hand it back as text. */
  number: boolean;
  /** A flag: SQLite stores it as 0/1, Postgres as a boolean; the protocol carries true/false. */
  boolean: boolean;
}

export interface TableMeta {
  name: SyncedTableName;
  sql: string;
  fields: ReadonlyMap<string, FieldMeta>;
  /**
   * Fields added after the first release (sync/schemaEvolution.ts): a row may lack them, so their
   * clocks are stored apart from the row's common one (sync/clockCodec.ts).
   */
  ownClocks: ReadonlySet<string>;
}

function buildMeta(name: SyncedTableName): TableMeta {
  const table = SYNCED_TABLES[name];
  const fields = new Map<string, FieldMeta>();
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    if (LOCAL_COLUMNS.has(key)) continue;
    fields.set(key, { column: column.name, json: column.dataType === 'json', number: column.dataType === 'number', boolean: column.dataType === 'boolean' });
  }
  const ownClocks = new Set(SCHEMA_ADDITIONS.filter((a) => a.table === name).flatMap((a) => a.fields ?? []));
  return { name, sql: getTableName(table), fields, ownClocks };
}

export const TABLE_META: Readonly<Record<SyncedTableName, TableMeta>> = Object.fromEntries(
  (Object.keys(SYNCED_TABLES) as SyncedTableName[]).map((name) => [name, buildMeta(name)]),
) as Record<SyncedTableName, TableMeta>;

/**
 * The table's meta, or undefined for a table this version does not know (a later version's, or
 * nonsense): what comes over the wire is looked up here before it goes anywhere near SQL.
 */
export function knownTableMeta(table: string): TableMeta | undefined {
  return Object.hasOwn(TABLE_META, table) ? TABLE_META[table as SyncedTableName] : undefined;
}
