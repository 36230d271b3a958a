/**
 * When an order is closed, and when its history (order_events) stops travelling on a first sync.
 *
 * An order is closed when it is delivered or cancelled; `orders.closedAt` records the instant,
 * written in the same change as the status (and cleared when the order is reopened), so both
 * fields always carry the same clock and converge together.
 *
 * A fresh device's first sync receives the current state of every row, but NOT the history of
 * orders closed (or deleted) more than HISTORY_ON_DEMAND_AFTER_DAYS days before the hub's time:
 * that history is fetched when the tailor opens such an order (GET /api/orders/:id/history) and
 * kept locally afterwards. Later syncs are unchanged: a new event of an old order still travels.
 * The hub writes the SQL of this rule (cloud/sync/pull.ts); its meaning and number live here.
 */
import type { OrderStatus } from './orderStatus.js';

/** Statuses that close an order: it left the workshop's work. */
export const CLOSED_STATUSES: readonly OrderStatus[] = ['delivered', 'cancelled'];

/** Days after closing (or deleting) an order from which its history is sent on demand only. */
export const HISTORY_ON_DEMAND_AFTER_DAYS = 30;

export function isClosedStatus(status: OrderStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** The `closedAt` an order takes when it moves to `status` at `now`. */
export function closedAtFor(status: OrderStatus, now: Date): string | null {
  return isClosedStatus(status) ? now.toISOString() : null;
}

/** Orders closed or deleted before this instant (ISO, UTC) keep their history on the hub until asked. */
export function historyCutoff(now: Date): string {
  return new Date(now.getTime() - HISTORY_ON_DEMAND_AFTER_DAYS * 86_400_000).toISOString();
}

export interface HistoryOrderState {
  status: OrderStatus;
  closedAt: string | null;
  deletedAt: string | null;
}

/** True when a first sync at `now` leaves this order's history out (it comes on demand). */
export function isHistoryOnDemand(order: HistoryOrderState, now: Date): boolean {
  const cutoff = historyCutoff(now);
  if (order.deletedAt !== null && order.deletedAt < cutoff) return true;
  return isClosedStatus(order.status) && order.closedAt !== null && order.closedAt < cutoff;
}
