/**
 * What a device receives: every field changed after its cursor, read from the materialised rows.
 * Each row keeps, per field, the sequence of the change that last wrote it, so one query serves a
 * device one edit behind (only that field) and a new device (cursor 0: the current state, not the
 * history) alike, in pages ordered by sequence.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';
import type { Change } from '../../shared/sync/protocol.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from '../../shared/domain/tables.js';

export interface PullPage {
  changes: Change[];
  cursor: string;
  more: boolean;
}

interface RowWithSeq {
  table: SyncedTableName;
  row: Record<string, unknown>;
  lastSeq: number;
}

/** Rows changed after `cursor`, at most `limit` of them across all tables, oldest change first. */
export async function pullPage(tx: Tx, workshopId: string, cursor: number, limit: number, skipSeqs: ReadonlySet<number>): Promise<PullPage> {
  // Only changes whose transaction has committed: every sequence up to the workshop's committed
  // last_seq is visible, later ones wait for the next page (sequences are allocated under lock).
  const [state] = await rows<{ last_seq: string | number }>(tx, sql`SELECT last_seq FROM workshop_sync WHERE workshop_id = ${workshopId}`);
  const upTo = Number(state?.last_seq ?? 0);
  const candidates: RowWithSeq[] = [];
  for (const table of SYNCED_TABLE_NAMES) {
    const meta = TABLE_META[table];
    const found = await rows<Record<string, unknown>>(
      tx,
      sql`SELECT * FROM ${sql.identifier(meta.sql)} WHERE workshop_id = ${workshopId} AND last_seq > ${cursor} AND last_seq <= ${upTo}
        ORDER BY last_seq LIMIT ${limit + 1}`,
    );
    for (const row of found) candidates.push({ table, row, lastSeq: Number(row.last_seq) });
  }
  candidates.sort((a, b) => a.lastSeq - b.lastSeq);
  const page = candidates.slice(0, limit);
  const changes: Change[] = [];
  for (const { table, row } of page) changes.push(...rowChanges(table, row, cursor, skipSeqs));
  const last = page.at(-1);
  return { changes, cursor: String(last ? last.lastSeq : cursor), more: candidates.length > limit };
}

/** The fields of one row written after `cursor`, grouped by their clock (one change per clock). */
function rowChanges(table: SyncedTableName, row: Record<string, unknown>, cursor: number, skipSeqs: ReadonlySet<number>): Change[] {
  const meta = TABLE_META[table];
  const clocks = row.clocks as Record<string, string>;
  const seqs = row.seqs as Record<string, number>;
  const byClock = new Map<string, Record<string, unknown>>();
  for (const [key, field] of meta.fields) {
    const seq = seqs[key];
    const hlc = clocks[key];
    if (seq === undefined || hlc === undefined || seq <= cursor || skipSeqs.has(seq)) continue;
    const fields = byClock.get(hlc) ?? {};
    const value = row[field.column] ?? null;
    fields[key] = value !== null && field.number ? Number(value) : value;
    byClock.set(hlc, fields);
  }
  return [...byClock].map(([hlc, fields]) => ({ table, rowId: row.id as string, hlc, fields }));
}
