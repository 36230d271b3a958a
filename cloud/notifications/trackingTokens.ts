/**
 * An order's tracking token, given at send time when the order has none yet (an order made by a
 * device that was never signed in, or before schema 3): read under the workshop's lock, and when
 * the order has no token, a new one written through the server write, as a device would give it,
 * so devices receive it by sync and the message carries the real link. The one place that does
 * it, for the dispatcher and the morning's reminders.
 */
import type { ServerWrites } from '../sync/serverWrite.js';
import { newTrackingToken } from '../../shared/messaging/trackingToken.js';

/** The order's token (null when this workshop has no such order); `created` when it was made here. */
export async function ensureTrackingToken(writes: ServerWrites, orderId: string): Promise<{ token: string | null; created: boolean }> {
  const stored = await writes.read('orders', orderId);
  if (!stored || stored.fields.deletedAt) return { token: null, created: false };
  const existing = stored.fields.trackingToken;
  if (typeof existing === 'string' && existing.length > 0) return { token: existing, created: false };
  const token = newTrackingToken();
  await writes.write('orders', orderId, { trackingToken: token });
  return { token, created: true };
}
