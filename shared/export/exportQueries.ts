/**
 * The engine's reads for the export (registered in engine/queries/index.ts): a summary (rows per
 * synced table, the workshop's name and time zone, the photos the orders and the portfolio name) and one page of a
 * table's rows, keyset by id, decoded to the app's field names and values. Both are the owner's
 * alone: the query checks the acting role itself, because `engine.query` is open to every screen.
 */
import { z } from 'zod';
import type { SqlExecutor, SqlRow } from '../engine/sqlPort.js';
import type { EngineContext } from '../engine/context.js';
import { TABLE_META } from '../engine/tableMeta.js';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from '../domain/tables.js';
import { EngineError } from '../domain/errors.js';
import { ROLE_LABELS } from '../domain/roleTable.js';
import { text } from '../i18n/texts.js';
import { EXPORT_TEXTS } from './texts.js';
import { mayExportEverything } from './exportRights.js';

/** A field of the export: its name in the app, its SQL column, how its value is stored. */
export interface ExportField {
  field: string;
  column: string;
  stored: 'text' | 'json' | 'number' | 'boolean';
}

/** Local columns the owner's export carries besides the synced fields. */
const EXTRA_FIELDS: Partial<Record<SyncedTableName, ExportField[]>> = {
  orders: [{ field: 'paid', column: 'paid', stored: 'number' }],
};

/** The fields of a table in the export, `id` first, in the schema's order. */
export function exportFields(table: SyncedTableName): ExportField[] {
  const meta = TABLE_META[table];
  const fields: ExportField[] = [{ field: 'id', column: 'id', stored: 'text' }];
  for (const [field, f] of meta.fields) fields.push({ field, column: f.column, stored: f.json ? 'json' : f.boolean ? 'boolean' : f.number ? 'number' : 'text' });
  return [...fields, ...(EXTRA_FIELDS[table] ?? [])];
}

const PHOTO_HASH = /^[0-9a-f]{64}$/;

export interface ExportSummary {
  workshop: { name: string; timezone: string };
  tables: { table: SyncedTableName; rows: number }[];
  /** Every photo hash the orders and the portfolio name, once, sorted. */
  photos: string[];
}

export type ExportRow = Record<string, unknown>;

export interface ExportPage {
  rows: ExportRow[];
  /** The last id of the page (the next page starts after it), null when the page is empty. */
  last: string | null;
}

function ownerOnly(ctx: EngineContext): void {
  if (!mayExportEverything(ctx.actor.role)) {
    throw new EngineError('forbidden', text(EXPORT_TEXTS, ctx.locale, 'ownerOnly', { role: ROLE_LABELS[ctx.locale][ctx.actor.role] }));
  }
}

async function exportSummary(ctx: EngineContext, db: SqlExecutor): Promise<ExportSummary> {
  ownerOnly(ctx);
  const workshop = await db.get<{ name: string; timezone: string }>('SELECT name, timezone FROM workshop LIMIT 1');
  if (!workshop) throw new EngineError('not_ready', text(EXPORT_TEXTS, ctx.locale, 'notReady'));
  const tables: ExportSummary['tables'] = [];
  for (const table of SYNCED_TABLE_NAMES) {
    const row = await db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${TABLE_META[table].sql}`);
    tables.push({ table, rows: Number(row?.n ?? 0) });
  }
  const named = await db.all<{ hash: string }>(
    `SELECT fabric_photo AS hash FROM orders WHERE fabric_photo IS NOT NULL UNION SELECT model_photo FROM orders WHERE model_photo IS NOT NULL
     UNION SELECT file_hash FROM portfolio_items WHERE deleted_at IS NULL ORDER BY 1`,
  );
  return { workshop, tables, photos: named.map((r) => r.hash).filter((h) => PHOTO_HASH.test(h)) };
}

function decode(row: SqlRow, fields: readonly ExportField[]): ExportRow {
  const out: ExportRow = {};
  for (const f of fields) {
    const value = row[f.column] ?? null;
    if (value === null) out[f.field] = null;
    else if (f.stored === 'json') out[f.field] = typeof value === 'string' ? parseJson(value) : value;
    else if (f.stored === 'boolean') out[f.field] = value !== 0 && value !== '0';
    else if (f.stored === 'number') out[f.field] = typeof value === 'number' ? value : Number(value);
    else out[f.field] = value instanceof Uint8Array ? null : String(value);
  }
  return out;
}

function parseJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

async function exportPage(ctx: EngineContext, db: SqlExecutor, args: { table: SyncedTableName; after: string | null; limit: number }): Promise<ExportPage> {
  ownerOnly(ctx);
  const fields = exportFields(args.table);
  const columns = fields.map((f) => `"${f.column}"`).join(', ');
  const sql = `SELECT ${columns} FROM ${TABLE_META[args.table].sql} ${args.after === null ? '' : 'WHERE id > ?'} ORDER BY id LIMIT ?`;
  const params = args.after === null ? [args.limit] : [args.after, args.limit];
  const raw = await db.all<SqlRow>(sql, params);
  const rows = raw.map((r) => decode(r, fields));
  return { rows, last: raw.length > 0 ? String(raw[raw.length - 1]!.id) : null };
}

export const EXPORT_PAGE_LIMIT = 500;

const pageArgs = z.strictObject({
  table: z.enum(SYNCED_TABLE_NAMES),
  after: z.string().max(100).nullable().default(null),
  limit: z.number().int().min(1).max(2000).default(EXPORT_PAGE_LIMIT),
});

/** Spread into the engine's QUERIES (engine/queries/index.ts). */
export const EXPORT_QUERIES = {
  exportSummary: { args: z.strictObject({}).default({}), run: (ctx: EngineContext, db: SqlExecutor) => exportSummary(ctx, db) },
  exportPage: { args: pageArgs, run: (ctx: EngineContext, db: SqlExecutor, a: z.output<typeof pageArgs>) => exportPage(ctx, db, a) },
} as const;
