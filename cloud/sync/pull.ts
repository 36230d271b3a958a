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
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';
import type { Change } from '../../shared/sync/protocol.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from '../../shared/domain/tables.js';
import { parseCursor, type Cursor } from '../../shared/sync/cursor.js';

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

export async function pullPage(tx: Tx, workshopId: string, cursorText: string, limit: number, skipSeqs: ReadonlySet<number>): Promise<PullPage> {
  const [state] = await rows<{ last_seq: string | number }>(tx, sql`SELECT last_seq FROM workshop_sync WHERE workshop_id = ${workshopId}`);
  const head = Number(state?.last_seq ?? 0);
  let cursor: Cursor = parseCursor(cursorText);
  // A cursor beyond anything handed out (the hub was restored from a backup): start over.
  if (cursor.applied > head || cursor.after > head) cursor = { applied: 0, after: 0 };

  // Nothing after the cursor: no table to read (the common case of a device already in sync).
  if (cursor.after >= head) return { changes: [], cursor: String(Math.max(head, cursor.applied)), more: false, head };

  // The page's last sequence: the limit-th smallest last_seq after the cursor, over every table
  // (index-only merge of the (workshop_id, last_seq) indexes); then each table reads up to it.
  const union = sql.join(
    SYNCED_TABLE_NAMES.map((t) => sql`SELECT last_seq FROM ${sql.identifier(TABLE_META[t].sql)} WHERE workshop_id = ${workshopId} AND last_seq > ${cursor.after}`),
    sql` UNION ALL `,
  );
  const [boundary, beyond] = await rows<{ last_seq: string | number }>(tx, sql`SELECT last_seq FROM (${union}) s ORDER BY last_seq OFFSET ${limit - 1} LIMIT 2`);
  const more = beyond !== undefined;
  const upTo = more ? Number(boundary!.last_seq) : head;

  const page: RowWithSeq[] = [];
  for (const table of SYNCED_TABLE_NAMES) {
    const meta = TABLE_META[table];
    const found = await rows<Record<string, unknown>>(
      tx,
      sql`SELECT * FROM ${sql.identifier(meta.sql)} WHERE workshop_id = ${workshopId} AND last_seq > ${cursor.after} AND last_seq <= ${upTo}`,
    );
    for (const row of found) page.push({ table, row, lastSeq: Number(row.last_seq) });
  }
  page.sort((a, b) => a.lastSeq - b.lastSeq);
  const changes: Change[] = [];
  for (const { table, row } of page) changes.push(...rowChanges(table, row, cursor.applied, skipSeqs));
  const next = more ? `${cursor.applied}~${upTo}` : String(Math.max(head, cursor.applied));
  return { changes, cursor: next, more, head };
}

/** The fields of one row written after `applied`, grouped by their clock (one change per clock). */
function rowChanges(table: SyncedTableName, row: Record<string, unknown>, applied: number, skipSeqs: ReadonlySet<number>): Change[] {
  const meta = TABLE_META[table];
  const clocks = row.clocks as Record<string, string>;
  const seqs = row.seqs as Record<string, number>;
  const byClock = new Map<string, Record<string, unknown>>();
  for (const [key, field] of meta.fields) {
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
