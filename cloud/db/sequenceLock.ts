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
import { isUuid } from '../../shared/domain/ids.js';

const locked = new WeakMap<Tx, Map<string, number>>();

function keep(tx: Tx, workshopId: string, lastSeq: number): void {
  const held = locked.get(tx) ?? new Map<string, number>();
  held.set(workshopId, lastSeq);
  locked.set(tx, held);
}

export async function enterAndLockSequence(tx: Tx, role: string, workshopId: string): Promise<void> {
  const [row] = await rows<{ last_seq: string | number }>(
    tx,
    sql`SELECT ws.last_seq FROM workshop_sync ws,
        LATERAL (SELECT set_config('role', ${role}, true), set_config('app.workshop_id', ${workshopId}, true)) entered
      WHERE ws.workshop_id = ${workshopId} FOR UPDATE OF ws`,
  );
  if (!row) throw new Error(`workshop_sync manquant pour ${workshopId}`);
  keep(tx, workshopId, Number(row.last_seq));
}

/**
 * The write locks of several workshops in ONE statement, taken in the order of their ids (two
 * transactions locking some of the same workshops this way never wait for each other in a
 * circle), before the transaction enters any of them (run as the database owner: under the RLS
 * role one workshop's scope would hide the others' rows). Each is then entered on its own.
 */
export async function lockSequences(tx: Tx, workshopIds: readonly string[]): Promise<void> {
  const ids = [...new Set(workshopIds)].sort();
  if (!ids.every(isUuid)) throw new Error('lockSequences: workshop ids must be uuids');
  // One array parameter (not one per id): the same prepared statement for any number of workshops.
  const idArray = `{${ids.join(',')}}`;
  const found = await rows<{ workshop_id: string; last_seq: string | number }>(
    tx,
    sql`SELECT workshop_id, last_seq FROM workshop_sync WHERE workshop_id = ANY(${idArray}::uuid[]) ORDER BY workshop_id FOR UPDATE`,
  );
  const missing = ids.filter((id) => !found.some((row) => String(row.workshop_id) === id));
  if (missing.length > 0) throw new Error(`workshop_sync manquant pour ${missing.join(', ')}`);
  for (const row of found) keep(tx, String(row.workshop_id), Number(row.last_seq));
}

/**
 * Kept per transaction object: a server write inside a savepoint (a nested `tx.transaction`) gets
 * another object and reads the sequence itself, so the first server write of a locked
 * transaction must run in the transaction itself (all of them do).
 *
 * The sequence locked earlier in the transaction, once: a second server write of the same
 * workshop in the same transaction reads it again (it may have moved).
 */
export function takeLockedSequence(tx: Tx, workshopId: string): number | undefined {
  const held = locked.get(tx);
  const lastSeq = held?.get(workshopId);
  if (lastSeq === undefined) return undefined;
  held!.delete(workshopId);
  return lastSeq;
}
