/**
 * The ONE way the cloud writes into a workshop's synced rows on its own behalf (signup, members,
 * invitations, and next: a message's delivery status, a subscription's state, a reminder made on
 * schedule). It is the hub write function with the steps in their only safe order:
 *
 *   lock the workshop's sequence → read the rows → apply fields (per-field last writer wins,
 *   stamped by the hub's clock) → flush the change log
 *
 * so devices receive every server-side change by sync, exactly like a device's change, and a
 * change committed late can never fall behind a cursor already handed out.
 */
import type { Tx } from '../db/client.js';
import type { HybridClock } from '../../shared/sync/hlc.js';
import type { SyncedTableName } from '../../shared/domain/tables.js';
import { PATCH_SCHEMAS, ROW_SCHEMAS } from '../../shared/domain/rowSchemas.js';
import { applyFields, ForeignRowError, readStoredRow, SeqAllocator, StoredRows, type StoredRow } from './hubWrite.js';
import { NewRowBuffer } from './newRows.js';

export interface ServerWrites {
  /** The row as stored now (under the workshop's lock), or undefined. */
  read(table: SyncedTableName, rowId: string): Promise<StoredRow | undefined>;
  /**
   * Writes fields of a row (a new row when it does not exist yet), checked with the same row
   * schemas as a device's change: a whole row for a new one, the fields given for an existing one.
   */
  write(table: SyncedTableName, rowId: string, fields: Record<string, unknown>): Promise<void>;
  /** Reads rows of one table in ONE statement, kept for the `read`s and `write`s that follow. */
  readAll(table: SyncedTableName, rowIds: readonly string[]): Promise<void>;
  /**
   * New rows of one table in ONE statement (per field set), each checked with the row schema as a
   * device's new row. A row found stored (under the lock) is left alone; a row the schema refuses
   * is not written; an id taken by another workshop fails the write (ForeignRowError), as `write`.
   */
  insertNew(table: SyncedTableName, rows: readonly { rowId: string; fields: Record<string, unknown> }[]): Promise<{ inserted: string[]; existing: string[]; refused: string[] }>;
}

export class ServerWriter {
  constructor(private readonly clock: HybridClock) {}

  /**
   * Runs `work` with the workshop's write lock held (inside the caller's `withWorkshop`
   * transaction), then writes the change log. Two server writes of one workshop never interleave,
   * and checks made inside `work` (the last owner, say) see every committed change.
   */
  async inWorkshop<T>(tx: Tx, workshopId: string, work: (writes: ServerWrites) => Promise<T>): Promise<T> {
    const seqs = await SeqAllocator.lock(tx, workshopId);
    const known = new Map<string, StoredRow | undefined>();
    const key = (table: string, rowId: string) => `${table} ${rowId}`;
    const read = async (table: SyncedTableName, rowId: string) => {
      if (!known.has(key(table, rowId))) known.set(key(table, rowId), await readStoredRow(tx, table, rowId));
      return known.get(key(table, rowId));
    };
    const readAll = async (table: SyncedTableName, rowIds: readonly string[]) => {
      const missing = [...new Set(rowIds)].filter((id) => !known.has(key(table, id)));
      if (missing.length === 0) return;
      const stored = await StoredRows.read(tx, missing.map((rowId) => ({ table, rowId })));
      for (const id of missing) known.set(key(table, id), stored.get(table, id));
    };
    const result = await work({
      read,
      readAll,
      insertNew: async (table, newRows) => {
        await readAll(table, newRows.map((r) => r.rowId));
        const outcome = { inserted: [] as string[], existing: [] as string[], refused: [] as string[] };
        const buffer = new NewRowBuffer<null>();
        for (const { rowId, fields } of newRows) {
          if (known.get(key(table, rowId)) || buffer.holds(table, rowId)) {
            outcome.existing.push(rowId);
            continue;
          }
          const checked = ROW_SCHEMAS[table].safeParse(fields);
          if (!checked.success) {
            outcome.refused.push(rowId);
            continue;
          }
          const hlc = this.clock.now();
          buffer.add({ table, rowId, hlc, seq: seqs.next(), applied: checked.data as Record<string, unknown>, origin: null });
        }
        const written = await buffer.write(tx, seqs.workshopId);
        if (written.foreign.length > 0) throw new ForeignRowError();
        for (const row of written.inserted) {
          seqs.record({ seq: row.seq, table, rowId: row.rowId, hlc: row.hlc, applied: row.applied, mutationId: null, deviceId: null });
          // Read again if asked: the stored row also holds the columns' defaults.
          known.delete(key(table, row.rowId));
          outcome.inserted.push(row.rowId);
        }
        return outcome;
      },
      write: async (table, rowId, fields) => {
        const stored = await read(table, rowId);
        const checked = (stored ? PATCH_SCHEMAS[table] : ROW_SCHEMAS[table]).parse(fields) as Record<string, unknown>;
        // Later than every clock the row holds: a device's clock may run up to 5 minutes ahead
        // of the hub's, and the hub's write (a message's `sending` after its `queued`) must win.
        for (const clock of Object.values(stored?.clocks ?? {})) this.clock.observe(clock);
        const hlc = this.clock.now();
        const { applied } = await applyFields(tx, seqs, table, rowId, hlc, checked, stored);
        // A new row is read again if asked (its stored form holds the columns' defaults).
        if (stored) known.set(key(table, rowId), mergeStored(stored, hlc, applied));
        else known.delete(key(table, rowId));
      },
    });
    await seqs.flush(tx);
    return result;
  }
}

/** The row as it stands after a write, so a second write in the same run sees the first. */
function mergeStored(stored: StoredRow | undefined, hlc: string, applied: Record<string, unknown>): StoredRow {
  const clocks = { ...(stored?.clocks ?? {}) };
  for (const field of Object.keys(applied)) clocks[field] = hlc;
  return { fields: { ...(stored?.fields ?? {}), ...applied }, clocks } as StoredRow;
}
