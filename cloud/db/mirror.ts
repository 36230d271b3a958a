/**
 * Postgres tables that mirror the engine's synced SQLite tables, built from the same drizzle
 * schema so the two can never drift: the same fields, plus `workshop_id` (every workshop row
 * carries it), per-field clocks and per-field change sequences, and the row's last sequence.
 * Row-level security keeps each workshop to itself.
 */
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { pgTable, text, jsonb, bigint, boolean, doublePrecision, uuid, index, pgPolicy, pgRole, type PgColumnBuilderBase } from 'drizzle-orm/pg-core';
import { FRACTIONAL_COLUMNS, LOCAL_COLUMNS } from '../../shared/engine/schema.js';
import { SCHEMA_ADDITIONS } from '../../shared/sync/schemaEvolution.js';

/** The role the application's workshop queries run as; RLS applies to it. */
export const appRole = pgRole('styliste_app').existing();

export const currentWorkshop = sql`nullif(current_setting('app.workshop_id', true), '')::uuid`;

/** The RLS policy every workshop table carries. */
export function workshopPolicy(table: string) {
  return pgPolicy(`${table}_workshop_isolation`, {
    as: 'permissive',
    for: 'all',
    to: appRole,
    using: sql`workshop_id = ${currentWorkshop}`,
    withCheck: sql`workshop_id = ${currentWorkshop}`,
  });
}

/** Fields added to a table after its first release (schemaEvolution.ts), by table. */
function addedFields(table: string): ReadonlySet<string> {
  return new Set(SCHEMA_ADDITIONS.filter((a) => a.table === table).flatMap((a) => a.fields ?? []));
}

function mirrorColumns(source: SQLiteTable): Record<string, PgColumnBuilderBase> {
  const columns: Record<string, PgColumnBuilderBase> = {};
  const table = getTableName(source);
  const added = addedFields(table);
  for (const [key, column] of Object.entries(getTableColumns(source))) {
    if (LOCAL_COLUMNS.has(key)) continue;
    if (column.dataType === 'json') columns[key] = jsonb(column.name);
    // A flag added after the first release (clients.messagesOptOut): absent in a new row means its
    // default, on the hub as on the device, so the hub's rows and the devices' agree.
    else if (column.dataType === 'boolean' && column.notNull && column.hasDefault) columns[key] = boolean(column.name).notNull().default(column.default as boolean);
    else if (column.dataType === 'boolean') columns[key] = boolean(column.name);
    else if (column.dataType === 'number' && FRACTIONAL_COLUMNS.has(`${table}.${column.name}`)) columns[key] = doublePrecision(column.name);
    // A number added later with a default (workshop.balanceReminderDays): the same rule as the flags.
    else if (column.dataType === 'number' && added.has(key) && column.notNull && column.hasDefault) columns[key] = bigint(column.name, { mode: 'number' }).notNull().default(column.default as number);
    else if (column.dataType === 'number') columns[key] = bigint(column.name, { mode: 'number' });
    else columns[key] = text(column.name);
  }
  return columns;
}

/**
 * `lookups`: fields the hub reads rows by (besides the last sequence), each indexed after
 * `workshop_id`, e.g. an order's history by `orderId`. `globalLookups`: fields the hub reads
 * across workshops (a delivery report by `providerId`, a tracking link by `trackingToken`, the
 * morning's fittings by `at`), each indexed on its own.
 */
export function mirrorTable<E extends Record<string, PgColumnBuilderBase>>(
  source: SQLiteTable,
  extra: E = {} as E,
  lookups: readonly string[] = [],
  globalLookups: readonly string[] = [],
) {
  const name = getTableName(source);
  return pgTable(
    name,
    {
      workshopId: uuid('workshop_id').notNull(),
      id: uuid('id').primaryKey(),
      ...mirrorColumns(source),
      ...extra,
      clocks: jsonb('clocks').notNull().default({}),
      seqs: jsonb('seqs').notNull().default({}),
      lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    },
    (t) => [
      index(`${name}_workshop_seq`).on(t.workshopId, t.lastSeq),
      ...lookups.map((key) => index(`${name}_workshop_${getTableColumns(source)[key]!.name}`).on(t.workshopId, t[key]!)),
      ...globalLookups.map((key) => index(`${name}_${getTableColumns(source)[key]!.name}`).on(t[key]!)),
      workshopPolicy(name),
    ],
  ).enableRLS();
}
