/**
 * History on demand: a first sync leaves out the history of orders closed long ago
 * (domain/history.ts). When such an order is opened, the host fetches its history from the hub
 * and the engine keeps it, without moving the sync cursor.
 */
import type { Engine } from '../engine/engine.js';
import { CloudApi, CloudError } from './cloudApi.js';
import { orderHistoryResponseSchema } from '../sync/protocol.js';
import { text } from '../i18n/texts.js';
import { HOST_TEXTS } from './texts.js';

/** Fetches the order's history and applies it; returns how many rows changed locally. */
export async function loadOrderHistory(api: CloudApi, engine: Pick<Engine, 'applyOrderHistory'>, orderId: string): Promise<number> {
  let answer: unknown;
  try {
    answer = await api.request<unknown>('GET', `/api/orders/${encodeURIComponent(orderId)}/history`);
  } catch (error) {
    if (error instanceof CloudError && error.code === 'offline') throw new CloudError(0, 'offline', text(HOST_TEXTS, api.locale, 'historyOffline'));
    throw error;
  }
  const parsed = orderHistoryResponseSchema.safeParse(answer);
  if (!parsed.success) throw new CloudError(502, 'bad_response', text(HOST_TEXTS, api.locale, 'historyUnreadable'));
  return engine.applyOrderHistory(orderId, parsed.data.changes);
}
