/**
 * From a tracking link's token to what its page shows, or null (the page then answers 404):
 * - a token that is not 16 letters and digits (shared/messaging/trackingToken.ts) is never looked
 *   up: the format is public, so answering it without the database tells a guesser nothing, and no
 *   hostile text (NUL, 10,000 characters…) ever reaches a statement;
 * - an unknown, revoked (replaced by a new token), deleted or cancelled order are one and the
 *   same path: a single indexed statement that finds no live order;
 * - a token held by two live orders is ambiguous and answers 404 too. Tokens are made by devices,
 *   and a member of another workshop who saw a client's link could push it onto an order of their
 *   own: the link then stops working (its workshop revokes it and sends a new one) but it never
 *   shows the other workshop's order or phone number.
 */
import type { CloudDb } from '../db/client.js';
import { ORDER_STATUSES, type OrderStatus } from '../../shared/domain/orderStatus.js';
import { TRACKING_TOKEN_PATTERN } from '../../shared/messaging/trackingToken.js';
import { trackedOrders, workshopsOfToken } from './trackingSql.js';

/** What the page shows: the order's number, status, dates and balance, and the workshop's contact. Nothing of the client. */
export interface TrackedOrder {
  number: string;
  status: Exclude<OrderStatus, 'cancelled'>;
  /** 'YYYY-MM-DD'. */
  promisedDate: string;
  /** When a delivered order was handed over (an instant), else null. */
  deliveredAt: string | null;
  /** Price minus the sum of the payments (reversals are negative payments); negative when overpaid. */
  balance: number;
  workshop: { name: string; phone: string | null; city: string | null; timeZone: string };
}

export const DEFAULT_TIME_ZONE = 'Africa/Porto-Novo';

export function isTrackingToken(token: string): boolean {
  return TRACKING_TOKEN_PATTERN.test(token);
}

function isShownStatus(status: string): status is TrackedOrder['status'] {
  return status !== 'cancelled' && (ORDER_STATUSES as readonly string[]).includes(status);
}

export async function lookUpTrackedOrder(db: CloudDb, token: string): Promise<TrackedOrder | null> {
  if (!isTrackingToken(token)) return null;
  const workshops = await db.system((tx) => workshopsOfToken(tx, token));
  if (workshops.length !== 1) return null;
  const workshopId = workshops[0]!;
  const found = await db.readWorkshop(workshopId, (tx) => trackedOrders(tx, workshopId, token));
  if (found.length !== 1) return null;
  const row = found[0]!;
  if (!isShownStatus(row.status) || !Number.isSafeInteger(row.price) || !Number.isSafeInteger(row.paid)) return null;
  return {
    number: row.number,
    status: row.status,
    promisedDate: row.promisedDate,
    deliveredAt: row.status === 'delivered' ? row.closedAt : null,
    balance: row.price - row.paid,
    workshop: { name: row.workshopName ?? '', phone: row.workshopPhone, city: row.workshopCity, timeZone: row.workshopTimezone ?? DEFAULT_TIME_ZONE },
  };
}
