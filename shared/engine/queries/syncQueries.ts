/** What the sync indicator shows: pending changes and refused ones ("needs attention"). */
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { getMeta } from '../meta.js';
import { failedMessageCount } from './messageQueries.js';

export interface SyncStatus {
  pending: number;
  cursor: string;
  /** Messages to clients that failed in the last 30 days (listed by the failedMessages query). */
  failedMessages: number;
  needsAttention: { id: string; table: string; rowId: string; fields: Record<string, unknown>; code: string | null; message: string | null; createdAt: string }[];
}

export async function syncStatus(ctx: EngineContext, db: SqlExecutor): Promise<SyncStatus> {
  const pending = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE state = 'pending'");
  const rejected = await db.all<{ id: string; tbl: string; row_id: string; fields: string; error_code: string | null; error_message: string | null; created_at: string }>(
    "SELECT id, tbl, row_id, fields, error_code, error_message, created_at FROM outbox WHERE state = 'rejected' ORDER BY seq",
  );
  return {
    pending: pending?.n ?? 0,
    cursor: (await getMeta(db, 'cursor')) ?? '0',
    failedMessages: await failedMessageCount(ctx, db),
    needsAttention: rejected.map((r) => ({
      id: r.id,
      table: r.tbl,
      rowId: r.row_id,
      fields: JSON.parse(r.fields) as Record<string, unknown>,
      code: r.error_code,
      message: r.error_message,
      createdAt: r.created_at,
    })),
  };
}
