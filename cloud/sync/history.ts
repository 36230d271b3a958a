/**
 * An order's whole history (order_events) as sync changes with their clocks. A first sync leaves
 * out the history of orders closed more than HISTORY_ON_DEMAND_AFTER_DAYS ago
 * (shared/domain/history.ts, pull.ts); the app asks for it when the tailor opens such an order,
 * and applies it without moving its sync cursor.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import type { Change } from '../../shared/sync/protocol.js';
import { rowChanges } from './pull.js';

/** The order's events, or null when the workshop has no such order (another workshop's included). */
export async function orderHistory(tx: Tx, workshopId: string, orderId: string): Promise<Change[] | null> {
  // Row-level security keeps the transaction to the token's workshop; the filter says it too.
  const [order] = await rows<{ id: string }>(tx, sql`SELECT id FROM orders WHERE workshop_id = ${workshopId} AND id = ${orderId}`);
  if (!order) return null;
  const events = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT * FROM order_events WHERE workshop_id = ${workshopId} AND order_id = ${orderId} ORDER BY last_seq`,
  );
  return events.flatMap((row) => rowChanges('order_events', row, 0, new Set()));
}
