/**
 * The local half of sync: reading the outbox, settling what the hub acknowledged or refused, and
 * applying pulled changes with the same per-field last-writer-wins rule, in one transaction with
 * the cursor. The HTTP round trip lives in the sync client.
 */
import type { SqlExecutor, SqlPort } from './sqlPort.js';
import type { HybridClock } from '../sync/hlc.js';
import type { Change, Mutation, Rejection } from '../sync/protocol.js';
import { mergeFields } from './rowStore.js';
import { getMeta, setMeta } from './meta.js';

export async function pendingMutations(db: SqlExecutor, limit: number): Promise<Mutation[]> {
  const rows = await db.all<{ id: string; tbl: string; row_id: string; hlc: string; fields: string }>(
    "SELECT id, tbl, row_id, hlc, fields FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?",
    [limit],
  );
  return rows.map((r) => ({ id: r.id, table: r.tbl as Mutation['table'], rowId: r.row_id, hlc: r.hlc, fields: JSON.parse(r.fields) as Record<string, unknown> }));
}

/** Acked entries leave the outbox; refused ones stay, marked, for the "needs attention" list. */
export async function settlePush(db: SqlPort, acked: readonly string[], rejected: readonly Rejection[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const id of acked) await tx.run("DELETE FROM outbox WHERE id = ? AND state = 'pending'", [id]);
    for (const r of rejected) {
      await tx.run("UPDATE outbox SET state = 'rejected', error_code = ?, error_message = ? WHERE id = ?", [r.code, r.message, r.id]);
    }
  });
}

/** Applies pulled changes (LWW per field) and moves the cursor, all or nothing. */
export async function applyChanges(db: SqlPort, clock: HybridClock, changes: readonly Change[], cursor: string): Promise<number> {
  return db.transaction(async (tx) => {
    let applied = 0;
    for (const change of changes) {
      clock.observe(change.hlc);
      const fields = await mergeFields(tx, change.table, change.rowId, change.fields, change.hlc);
      if (Object.keys(fields).length > 0) applied += 1;
    }
    const last = clock.last();
    if (last) await setMeta(tx, 'lastHlc', last);
    await setMeta(tx, 'cursor', cursor);
    return applied;
  });
}

export async function currentCursor(db: SqlExecutor): Promise<string> {
  return (await getMeta(db, 'cursor')) ?? '0';
}
