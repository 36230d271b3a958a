/**
 * What a device receives: every field changed after its cursor, read from the materialised rows.
 * Each row keeps, per field, the sequence of the change that last wrote it, so one query serves a
 * device one edit behind (only that field) and a new device (cursor 0: the current state, not the
 * history) alike, in pages ordered by the rows' last sequence.
 *
 * Cursors. "N" means: every change up to N is applied. While a pull runs over several pages the
 * hub hands out "N~M": every change up to N is applied, AND every row whose last sequence is at
 * most M has been sent whole (all its fields changed after N). The next page continues with the
 * rows after M, still sending their fields changed after N — so a row whose older fields fall
 * before a page boundary is never cut. The last page gives a plain cursor again. Each page is read
 * on one snapshot (see CloudDb.readWorkshop), so a push committing meanwhile is never half seen.
 *
 * First sync (applied = 0, cursors "0" and "0~M"): the order_events of orders closed or deleted
 * more than HISTORY_ON_DEMAND_AFTER_DAYS before the hub's `now` are left out (shared/domain/
 * history.ts); the device fetches them when the order is opened (routes.ts, history.ts). The page
 * boundary is found with the same filter, so pages stay full and "0~M" keeps its meaning (every
 * row up to M that a first sync sends was sent). Later pulls (applied > 0) send every change.
 *
 * Schema evolution (shared/sync/schemaEvolution.ts): a device says which synced schema it speaks
 * (`schema`; none: the first release). Tables and fields added after it are left out of its pulls
 * (such a device fails on what it does not know); it pulls them once it has upgraded, with a pull
 * restricted to those tables (`tables`, from cursor "0", on a cursor of its own).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';
import type { Change } from '../../shared/sync/protocol.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from '../../shared/domain/tables.js';
import { isFirstSync, parseCursor, type Cursor } from '../../shared/sync/cursor.js';
import { CLOSED_STATUSES, historyCutoff } from '../../shared/domain/history.js';
import { deviceSchemaVersion, unknownTo, SYNC_SCHEMA_VERSION } from '../../shared/sync/schemaEvolution.js';

/**
 * What the device asked for, from its request: the schema it speaks (absent: the first release)
 * and, for a refetch after an upgrade, the only tables to pull. Callers that serve no device
 * (tests, tools) leave it out and get every table and field.
 */
export interface PullScope {
  schema?: number;
  tables?: readonly string[];
}

const EVERYTHING: PullScope = { schema: SYNC_SCHEMA_VERSION };

/** The tables a pull reads, and the fields it leaves out of each (unknown to the device). */
function scopeTables(scope: PullScope): { tables: SyncedTableName[]; omit: ReadonlyMap<string, ReadonlySet<string>> } {
  const unknown = unknownTo(deviceSchemaVersion(scope.schema));
  const wanted = scope.tables === undefined ? null : new Set(scope.tables);
  const tables = SYNCED_TABLE_NAMES.filter((t) => !unknown.tables.has(t) && (wanted === null || wanted.has(t)));
  return { tables, omit: unknown.fields };
}

export interface PullPage {
  changes: Change[];
  cursor: string;
  more: boolean;
  head: number;
}

interface RowWithSeq {
  table: SyncedTableName;
  row: Record<string, unknown>;
  lastSeq: number;
}

/**
 * `SELECT <select>` of the rows of `table` after the cursor (up to `upTo`). On a first sync,
 * order_events leaves out the history of orders closed or deleted before the cutoff. The event's
 * order_id (text) is cast to uuid inside a subquery kept apart by OFFSET 0: under row-level
 * security a qual holding the cast (not leakproof) could not use the orders' primary key, and
 * with stale statistics Postgres would then scan every order for every event.
 */
function rowsAfter(table: SyncedTableName, workshopId: string, cursor: Cursor, now: Date, select: SQL, upTo?: number): SQL {
  const range = sql`workshop_id = ${workshopId} AND last_seq > ${cursor.after}${upTo === undefined ? sql`` : sql` AND last_seq <= ${upTo}`}`;
  if (table !== 'order_events' || !isFirstSync(cursor)) return sql`SELECT ${select} FROM ${sql.identifier(TABLE_META[table].sql)} WHERE ${range}`;
  const cutoff = historyCutoff(now);
  const closed = sql.join(CLOSED_STATUSES.map((s) => sql`${s}`), sql`, `);
  return sql`SELECT ${select} FROM (SELECT *, order_id::uuid AS order_ref FROM order_events WHERE ${range} OFFSET 0) e
    WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.workshop_id = ${workshopId} AND o.id = e.order_ref
      AND ((o.status IN (${closed}) AND o.closed_at < ${cutoff}) OR o.deleted_at < ${cutoff}))`;
}

/** `now` is the hub's time (ctx.now()): it places the first sync's history cutoff. */
export async function pullPage(
  tx: Tx,
  workshopId: string,
  cursorText: string,
  limit: number,
  skipSeqs: ReadonlySet<number>,
  now: Date = new Date(),
  scope: PullScope = EVERYTHING,
): Promise<PullPage> {
  const { tables, omit } = scopeTables(scope);
  const [state] = await rows<{ last_seq: string | number }>(tx, sql`SELECT last_seq FROM workshop_sync WHERE workshop_id = ${workshopId}`);
  const head = Number(state?.last_seq ?? 0);
  let cursor: Cursor = parseCursor(cursorText);
  // A cursor beyond anything handed out (the hub was restored from a backup): start over.
  if (cursor.applied > head || cursor.after > head) cursor = { applied: 0, after: 0 };

  // Nothing after the cursor: no table to read (the common case of a device already in sync);
  // or none of the tables asked for is known here.
  if (cursor.after >= head || tables.length === 0) return { changes: [], cursor: String(Math.max(head, cursor.applied)), more: false, head };

  // The page's last sequence: the limit-th smallest last_seq after the cursor, over every table
  // (index-only merge of the (workshop_id, last_seq) indexes; on a first sync, order_events also
  // looks up each event's order by its key); then each table reads up to it.
  const union = sql.join(
    tables.map((t) => rowsAfter(t, workshopId, cursor, now, sql`last_seq`)),
    sql` UNION ALL `,
  );
  const [boundary, beyond] = await rows<{ last_seq: string | number }>(tx, sql`SELECT last_seq FROM (${union}) s ORDER BY last_seq OFFSET ${limit - 1} LIMIT 2`);
  const more = beyond !== undefined;
  const upTo = more ? Number(boundary!.last_seq) : head;

  const page: RowWithSeq[] = [];
  for (const table of tables) {
    const found = await rows<Record<string, unknown>>(tx, rowsAfter(table, workshopId, cursor, now, sql`*`, upTo));
    for (const row of found) page.push({ table, row, lastSeq: Number(row.last_seq) });
  }
  page.sort((a, b) => a.lastSeq - b.lastSeq);
  const changes: Change[] = [];
  for (const { table, row } of page) changes.push(...rowChanges(table, row, cursor.applied, skipSeqs, omit.get(table)));
  const next = more ? `${cursor.applied}~${upTo}` : String(Math.max(head, cursor.applied));
  return { changes, cursor: next, more, head };
}

/**
 * The fields of one row written after `applied`, grouped by their clock (one change per clock),
 * without the `omit`ted ones (fields the device does not know); a row left with none sends nothing.
 */
export function rowChanges(
  table: SyncedTableName,
  row: Record<string, unknown>,
  applied: number,
  skipSeqs: ReadonlySet<number>,
  omit?: ReadonlySet<string>,
): Change[] {
  const meta = TABLE_META[table];
  const clocks = row.clocks as Record<string, string>;
  const seqs = row.seqs as Record<string, number>;
  const byClock = new Map<string, Record<string, unknown>>();
  for (const [key, field] of meta.fields) {
    if (omit?.has(key)) continue;
    const seq = seqs[key];
    const hlc = clocks[key];
    if (seq === undefined || hlc === undefined || seq <= applied || skipSeqs.has(seq)) continue;
    const fields = byClock.get(hlc) ?? {};
    const value = row[field.column] ?? null;
    fields[key] = value !== null && field.number ? Number(value) : value;
    byClock.set(hlc, fields);
  }
  return [...byClock].map(([hlc, fields]) => ({ table, rowId: row.id as string, hlc, fields }));
}
