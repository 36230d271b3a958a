/**
 * The tracking page's reads, in two steps:
 * 1. `workshopsOfToken` (a `system` transaction, the only cross-workshop statement): which
 *    workshops hold a live order with this token, by the global index `orders_tracking_token`.
 *    It returns ids only, nothing that is shown.
 * 2. `trackedOrder` (inside `readWorkshop`, under row-level security for that one workshop): the
 *    order, its balance and the workshop's contact, found by the token again.
 * Everything the page shows is read under RLS, so even a mistake in the second statement (a join
 * that forgot its workshop) could not show another workshop's payments or phone number. The token
 * is filtered again in step 2, so a link revoked between the two steps answers 404 as well.
 * `readWorkshop` rather than `withWorkshop`: read-only on one snapshot, and it leaves the
 * workshop's sync-state answers in memory (a client opening the page costs the workshop's devices
 * nothing at their next sync).
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';

/**
 * The workshops holding a live order with this token (not deleted, not cancelled: both answer 404
 * like an unknown link); at most two are read (two means ambiguous).
 */
export async function workshopsOfToken(tx: Tx, token: string): Promise<string[]> {
  const found = await rows<{ workshop_id: string }>(tx, sql`SELECT workshop_id FROM orders WHERE tracking_token = ${token} AND deleted_at IS NULL AND status <> 'cancelled' LIMIT 2`);
  return found.map((row) => row.workshop_id);
}

export interface TrackedOrderRow {
  number: string;
  status: string;
  promisedDate: string;
  closedAt: string | null;
  price: number;
  paid: number;
  workshopName: string | null;
  workshopPhone: string | null;
  workshopCity: string | null;
  workshopTimezone: string | null;
}

/**
 * The live orders with this token in the current workshop (RLS), each with its payments' sum and
 * the workshop's contact: one normally, none once revoked, two read at most (two means ambiguous).
 */
export async function trackedOrders(tx: Tx, workshopId: string, token: string): Promise<TrackedOrderRow[]> {
  const found = await rows<Record<string, unknown>>(
    tx,
    sql`SELECT o.number, o.status, o.promised_date, o.closed_at, o.price,
          (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.workshop_id = o.workshop_id AND p.order_id = o.id::text)::float8 AS paid,
          w.name AS workshop_name, w.phone AS workshop_phone, w.city AS workshop_city, w.timezone AS workshop_timezone
        FROM orders o LEFT JOIN workshop w ON w.workshop_id = o.workshop_id AND w.id = o.workshop_id
        WHERE o.workshop_id = ${workshopId} AND o.tracking_token = ${token} AND o.deleted_at IS NULL AND o.status <> 'cancelled'
        LIMIT 2`,
  );
  return found.map((row) => ({
    number: String(row.number),
    status: String(row.status),
    promisedDate: String(row.promised_date),
    closedAt: typeof row.closed_at === 'string' ? row.closed_at : null,
    price: Number(row.price),
    paid: Number(row.paid),
    workshopName: typeof row.workshop_name === 'string' ? row.workshop_name : null,
    workshopPhone: typeof row.workshop_phone === 'string' ? row.workshop_phone : null,
    workshopCity: typeof row.workshop_city === 'string' ? row.workshop_city : null,
    workshopTimezone: typeof row.workshop_timezone === 'string' ? row.workshop_timezone : null,
  }));
}
