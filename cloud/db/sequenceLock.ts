/**
 * The workshop's write lock (its `workshop_sync` row, FOR UPDATE) taken by the same statement
 * that enters the workshop (the RLS role and `app.workshop_id`, for this transaction), for the
 * transactions that begin with a server write: one round trip less per write, which is most of
 * what a write costs on a small machine. The sequence read under the lock is kept with the
 * transaction, and `SeqAllocator.lock` takes it from there instead of asking again.
 *
 * The settings are changed by the statement that reads the row: they take effect for the
 * statements after it, and the row itself is read with the caller's own rights, as before.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from './client.js';

const locked = new WeakMap<Tx, { workshopId: string; lastSeq: number }>();

export async function enterAndLockSequence(tx: Tx, role: string, workshopId: string): Promise<void> {
  const [row] = await rows<{ last_seq: string | number }>(
    tx,
    sql`SELECT ws.last_seq FROM workshop_sync ws,
        LATERAL (SELECT set_config('role', ${role}, true), set_config('app.workshop_id', ${workshopId}, true)) entered
      WHERE ws.workshop_id = ${workshopId} FOR UPDATE OF ws`,
  );
  if (!row) throw new Error(`workshop_sync manquant pour ${workshopId}`);
  locked.set(tx, { workshopId, lastSeq: Number(row.last_seq) });
}

/**
 * The sequence locked when the transaction began, once: a second server write in the same
 * transaction reads it again (it may have moved).
 */
export function takeLockedSequence(tx: Tx, workshopId: string): number | undefined {
  const found = locked.get(tx);
  if (!found || found.workshopId !== workshopId) return undefined;
  locked.delete(tx);
  return found.lastSeq;
}
