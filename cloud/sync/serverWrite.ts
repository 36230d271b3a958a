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
import { applyFields, readStoredRow, SeqAllocator, type StoredRow } from './hubWrite.js';

export interface ServerWrites {
  /** The row as stored now (under the workshop's lock), or undefined. */
  read(table: SyncedTableName, rowId: string): Promise<StoredRow | undefined>;
  /**
   * Writes fields of a row (a new row when it does not exist yet), checked with the same row
   * schemas as a device's change: a whole row for a new one, the fields given for an existing one.
   */
  write(table: SyncedTableName, rowId: string, fields: Record<string, unknown>): Promise<void>;
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
    const result = await work({
      read,
      write: async (table, rowId, fields) => {
        const stored = await read(table, rowId);
        const checked = (stored ? PATCH_SCHEMAS[table] : ROW_SCHEMAS[table]).parse(fields) as Record<string, unknown>;
        // Later than every clock the row holds: a device's clock may run up to 5 minutes ahead
        // of the hub's, and the hub's write (a message's `sending` after its `queued`) must win.
        for (const clock of Object.values(stored?.clocks ?? {})) this.clock.observe(clock);
        const hlc = this.clock.now();
        const { applied } = await applyFields(tx, seqs, table, rowId, hlc, checked, stored);
        known.set(key(table, rowId), mergeStored(stored, hlc, applied));
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
