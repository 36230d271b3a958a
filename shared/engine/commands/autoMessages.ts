/**
 * The messages an order's life writes by itself, in the SAME transaction as the change that
 * causes them (an order recorded, ready, delivered): the status and its message commit together
 * or not at all, and a message written in a power cut leaves with the next sync. Each follows the
 * workshop's template (or the default one) and goes where `autoRecipient` says: nowhere when the
 * setting is off, the client does not want messages or has no address for it — never an error.
 */
import { isEngineError } from '../../domain/errors.js';
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { writeChange } from '../write.js';
import { messageValues, readMessageClient, readMessageOrder, readMessageWorkshop, readTemplate, type MessageOrder } from '../messageFacts.js';
import { autoRecipient } from '../../messaging/recipients.js';
import { composeMessage, withEmptyGaps } from '../../messaging/compose.js';
import { derivedRowId, usedVariables } from '../../messaging/templates.js';
import { newTrackingToken } from '../../messaging/trackingToken.js';
import { HUB_MESSAGE_FIELDS, MAX_MESSAGE_BODY, type AutomaticKind, type MessageKind } from '../../messaging/messageOptions.js';
import type { OrderStatus } from '../../domain/orderStatus.js';

/** The automatic messages a device writes; fitting reminders and balance reminders are the hub's (on schedule). */
export type OrderMessageKind = Extract<AutomaticKind, 'order_created' | 'order_ready' | 'order_delivered'>;

/** While an order's status says this, its queued automatic message still tells the truth. */
const STILL_TRUE: Record<OrderMessageKind, (status: OrderStatus) => boolean> = {
  order_created: (status) => status !== 'quote' && status !== 'cancelled',
  order_ready: (status) => status === 'ready',
  order_delivered: (status) => status === 'delivered',
};

/** The message an order moving `from` → `to` writes (a quote confirmed is an order recorded), or null. */
export function messageForMove(from: OrderStatus | null, to: OrderStatus): OrderMessageKind | null {
  if (to === 'ready') return 'order_ready';
  if (to === 'delivered') return 'order_delivered';
  if (to === 'confirmed' && (from === null || from === 'quote')) return 'order_created';
  return null;
}

/** The order with a tracking token, made now (same transaction) when it has none. */
export async function ensureTrackingToken(ctx: EngineContext, tx: SqlExecutor, order: MessageOrder): Promise<MessageOrder> {
  if (order.trackingToken) return order;
  const trackingToken = newTrackingToken();
  await writeChange(ctx, tx, 'orders', order.id, { trackingToken }, 'update');
  return { ...order, trackingToken };
}

/** A text cut to the longest body a message may have (a template filled with very long names). */
function fitBody(text: string): string {
  const chars = [...text];
  return chars.length <= MAX_MESSAGE_BODY ? text : chars.slice(0, MAX_MESSAGE_BODY).join('').trimEnd();
}

/**
 * Writes the automatic message of `kind` about an order, or nothing (returns null). Once per order
 * and kind: an order ready again after a fitting is not announced twice, unless the first message
 * was cancelled. Its id is derived from the order, the kind and how many came before, so two
 * devices that mark the same order ready offline write the same row, and the client one SMS.
 */
export async function writeAutomaticMessage(ctx: EngineContext, tx: SqlExecutor, kind: OrderMessageKind, orderId: string): Promise<string | null> {
  const workshop = await readMessageWorkshop(ctx, tx);
  const template = await readTemplate(tx, workshop.id, kind);
  if (template.channel === 'off') return null;
  let order = await readMessageOrder(ctx, tx, orderId, 'id');
  // The client may have been deleted on another device while its order lives on: no message then.
  const client = await readMessageClient(ctx, tx, order.clientId).catch((error: unknown) => {
    if (isEngineError(error) && error.code === 'not_found') return null;
    throw error;
  });
  if (!client) return null;
  const recipient = autoRecipient(template.channel, client);
  if (!recipient) return null;
  const earlier = await tx.all<{ status: string; deleted_at: string | null }>('SELECT status, deleted_at FROM messages WHERE order_id = ? AND kind = ?', [orderId, kind]);
  if (earlier.some((m) => m.deleted_at === null && m.status !== 'cancelled')) return null;
  if (usedVariables(template.body).includes('lien')) order = await ensureTrackingToken(ctx, tx, order);
  const values = await messageValues(ctx, tx, { workshop, client, order, kind });
  const linkByHub = ctx.publicUrl === null;
  const composed = composeMessage({ body: template.body, values: withEmptyGaps(template.body, values, linkByHub), channel: recipient.channel, gsm7: workshop.smsGsm7, linkByHub });
  const body = fitBody(composed.text.trim());
  if (body.length === 0) return null;
  const id = derivedRowId(workshop.id, `${kind}/${orderId}/${earlier.length}`);
  await writeChange(ctx, tx, 'messages', id, messageRow({ clientId: client.id, orderId, channel: recipient.channel, to: recipient.to, body, kind, status: 'queued' }, ctx), 'insert');
  return id;
}

/**
 * A new message row as a device writes it: the hub's fields null (messageRows.ts), written so that
 * the device and the hub hold a clock for every field of the row alike.
 */
const HUB_FIELDS_UNSET = Object.fromEntries(HUB_MESSAGE_FIELDS.map((field) => [field, null]));

export function messageRow(
  fields: { clientId: string; orderId: string | null; channel: string; to: string; body: string; kind: MessageKind; status: 'queued' | 'manual' },
  ctx: EngineContext,
): Record<string, unknown> {
  return { ...fields, createdAt: ctx.now().toISOString(), createdBy: ctx.actor.memberId, deletedAt: null, ...HUB_FIELDS_UNSET };
}

/**
 * Cancels the automatic messages of an order that its new status makes untrue while they are
 * still queued on this device (an order marked ready by mistake and put back in progress: its
 * "ready" SMS does not leave).
 */
export async function cancelUntrueMessages(ctx: EngineContext, tx: SqlExecutor, orderId: string, status: OrderStatus): Promise<number> {
  const kinds = (Object.keys(STILL_TRUE) as OrderMessageKind[]).filter((kind) => !STILL_TRUE[kind](status));
  return cancelQueued(ctx, tx, 'order_id = ?', [orderId], kinds);
}

/** Cancels the queued messages of an order (deleted) or a client (deleted, or who no longer wants automatic ones). */
export async function cancelQueuedOf(ctx: EngineContext, tx: SqlExecutor, of: { orderId: string } | { clientId: string; automaticOnly?: boolean }): Promise<number> {
  if ('orderId' in of) return cancelQueued(ctx, tx, 'order_id = ?', [of.orderId], 'all');
  return cancelQueued(ctx, tx, 'client_id = ?', [of.clientId], of.automaticOnly ? 'automatic' : 'all');
}

/** Which messages: those kinds, every automatic one (not 'custom'), or all. */
type KindFilter = readonly MessageKind[] | 'automatic' | 'all';

async function cancelQueued(ctx: EngineContext, tx: SqlExecutor, where: string, params: string[], kinds: KindFilter): Promise<number> {
  if (Array.isArray(kinds) && kinds.length === 0) return 0;
  const kindSql = kinds === 'all' ? '' : kinds === 'automatic' ? " AND kind <> 'custom'" : ` AND kind IN (${kinds.map(() => '?').join(',')})`;
  const rows = await tx.all<{ id: string }>(
    `SELECT id FROM messages WHERE ${where} AND status = 'queued' AND deleted_at IS NULL${kindSql}`,
    [...params, ...(Array.isArray(kinds) ? kinds : [])],
  );
  for (const row of rows) await writeChange(ctx, tx, 'messages', row.id, { status: 'cancelled' }, 'update');
  return rows.length;
}
