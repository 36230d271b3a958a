/** The dispatcher's SQL that looks across workshops (run in a `system` transaction). */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';
import type { MessageSendJob } from './dispatchQueue.js';

/**
 * Messages still `queued` that were created before `before` (index `messages_status`), oldest
 * first: those whose enqueue was lost (a process killed between the push's commit and its
 * enqueue) or never made (a server whose jobs were not running).
 */
export async function forgottenQueuedMessages(tx: Tx, before: Date, limit: number): Promise<MessageSendJob[]> {
  const found = await rows<{ workshop_id: string; id: string }>(
    tx,
    sql`SELECT workshop_id, id FROM messages
      WHERE status = 'queued' AND deleted_at IS NULL AND created_at < ${before.toISOString()}
      ORDER BY created_at LIMIT ${limit}`,
  );
  return found.map((row) => ({ workshopId: String(row.workshop_id), messageId: String(row.id) }));
}
