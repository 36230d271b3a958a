/**
 * What the message screens read: the automatic messages' templates, a live preview with the real
 * values and its cost, a client's and an order's messages with their status, the failed ones of
 * the last 30 days ("needs attention"), and an order's tracking link.
 */
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { linkOf, messageValues, readMessageClient, readMessageOrder, readMessageWorkshop, readOrderOfClient, readTemplate } from '../messageFacts.js';
import { composeMessage, type MessageCost } from '../../messaging/compose.js';
import { clientAddress } from '../../messaging/recipients.js';
import { TEMPLATE_VARIABLES_OF, type TemplateVariable } from '../../messaging/templates.js';
import { AUTOMATIC_KINDS, MAX_MESSAGE_BODY, type AutoChannel, type AutomaticKind, type MessageChannel, type MessageKind, type MessageStatus } from '../../messaging/messageOptions.js';

export interface MessageTemplateView {
  kind: AutomaticKind;
  channel: AutoChannel;
  body: string;
  /** Nothing stored yet: the default channel and text. */
  isDefault: boolean;
  /** The variables this kind of message has a value for. */
  variables: readonly TemplateVariable[];
}

export async function messageTemplates(ctx: EngineContext, db: SqlExecutor): Promise<MessageTemplateView[]> {
  const workshop = await readMessageWorkshop(ctx, db);
  const templates: MessageTemplateView[] = [];
  for (const kind of AUTOMATIC_KINDS) templates.push({ ...(await readTemplate(db, workshop.id, kind)), variables: TEMPLATE_VARIABLES_OF[kind] });
  return templates;
}

export interface MessagePreview {
  /** The text exactly as sendMessage would store it (GSM-7 rewrite included for SMS). */
  text: string;
  /** Where it would go: the client's address for the channel, or null (`missingAddress`). */
  to: string | null;
  channel: MessageChannel;
  cost: MessageCost;
  /** The cost counts a stand-in for the tracking link, which the hub writes (this device lacks the cloud's address). */
  costEstimated: boolean;
  unknownVariables: string[];
  /** Variables with no value here ({numero} without an order, {heure} without a planned fitting). */
  unfilledVariables: TemplateVariable[];
  missingAddress: boolean;
  /** Longer than a message may be. */
  tooLong: boolean;
  /** The client asked for no messages (only automatic ones are held back; the screen may warn). */
  messagesOptOut: boolean;
}

export async function previewMessage(
  ctx: EngineContext,
  db: SqlExecutor,
  args: { clientId: string; orderId: string | null; channel: MessageChannel; kind: MessageKind; body?: string | undefined },
): Promise<MessagePreview> {
  const workshop = await readMessageWorkshop(ctx, db);
  const client = await readMessageClient(ctx, db, args.clientId);
  const order = args.orderId ? await readOrderOfClient(ctx, db, args.orderId, client.id) : null;
  const body = args.body ?? (args.kind === 'custom' ? '' : (await readTemplate(db, workshop.id, args.kind)).body);
  const values = await messageValues(ctx, db, { workshop, client, order, kind: args.kind });
  // An order made before tracking links has none yet: sendMessage makes it, the hub writes it.
  const linkByHub = order !== null && (ctx.publicUrl === null || order.trackingToken === null);
  const composed = composeMessage({ body, values, channel: args.channel, gsm7: workshop.smsGsm7, linkByHub });
  const to = clientAddress(client, args.channel);
  return {
    text: composed.text,
    to,
    channel: args.channel,
    cost: composed.cost,
    costEstimated: composed.costEstimated,
    unknownVariables: composed.unknownVariables,
    unfilledVariables: composed.unfilledVariables,
    missingAddress: to === null,
    tooLong: [...composed.text].length > MAX_MESSAGE_BODY,
    messagesOptOut: client.messagesOptOut,
  };
}

export interface MessageView {
  id: string;
  clientId: string;
  clientName: string | null;
  orderId: string | null;
  orderNumber: string | null;
  channel: MessageChannel;
  to: string;
  body: string;
  kind: MessageKind;
  status: MessageStatus;
  /** The hub's reason, in French, when the message failed. */
  failureReason: string | null;
  createdAt: string;
  createdBy: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  segments: number | null;
  credits: number | null;
}

const MESSAGE_COLUMNS = `m.id, m.client_id AS clientId, c.name AS clientName, m.order_id AS orderId, o.number AS orderNumber,
  m.channel, m."to" AS "to", m.body, m.kind, m.status, m.failure_reason AS failureReason, m.created_at AS createdAt,
  m.created_by AS createdBy, m.sent_at AS sentAt, m.delivered_at AS deliveredAt, m.segments, m.credits`;
const MESSAGE_FROM = 'FROM messages m LEFT JOIN clients c ON c.id = m.client_id LEFT JOIN orders o ON o.id = m.order_id';

/** A client's messages, newest first (index messages_client). */
export async function clientMessages(db: SqlExecutor, clientId: string, limit: number): Promise<MessageView[]> {
  return db.all<MessageView>(
    `SELECT ${MESSAGE_COLUMNS} ${MESSAGE_FROM} WHERE m.client_id = ? AND m.deleted_at IS NULL ORDER BY m.created_at DESC, m.id DESC LIMIT ?`,
    [clientId, limit],
  );
}

/** An order's messages, newest first (index messages_order): those written from the client card about it too. */
export async function orderMessages(db: SqlExecutor, orderId: string): Promise<MessageView[]> {
  return db.all<MessageView>(
    `SELECT ${MESSAGE_COLUMNS} ${MESSAGE_FROM} WHERE m.order_id = ? AND m.deleted_at IS NULL ORDER BY m.created_at DESC, m.id DESC LIMIT 500`,
    [orderId],
  );
}

export const FAILED_MESSAGE_DAYS = 30;

function failedSince(ctx: EngineContext): string {
  return new Date(ctx.now().getTime() - FAILED_MESSAGE_DAYS * 86_400_000).toISOString();
}

/** The messages that failed in the last 30 days, newest first (index messages_status). */
export async function failedMessages(ctx: EngineContext, db: SqlExecutor): Promise<MessageView[]> {
  return db.all<MessageView>(
    `SELECT ${MESSAGE_COLUMNS} ${MESSAGE_FROM} WHERE m.status = 'failed' AND m.created_at >= ? AND m.deleted_at IS NULL ORDER BY m.created_at DESC, m.id DESC LIMIT 500`,
    [failedSince(ctx)],
  );
}

/** How many messages failed in the last 30 days (the sync indicator's "needs attention" count). */
export async function failedMessageCount(ctx: EngineContext, db: SqlExecutor): Promise<number> {
  const row = await db.get<{ n: number }>("SELECT COUNT(*) AS n FROM messages WHERE status = 'failed' AND created_at >= ? AND deleted_at IS NULL", [failedSince(ctx)]);
  return row?.n ?? 0;
}

export interface TrackingLinkView {
  orderId: string;
  /** Null for an order made before tracking links (its first message makes it). */
  trackingToken: string | null;
  /** The link, when this device knows the cloud's public address. */
  link: string | null;
}

export async function orderTrackingLink(ctx: EngineContext, db: SqlExecutor, orderId: string): Promise<TrackingLinkView> {
  const order = await readMessageOrder(ctx, db, orderId);
  return { orderId, trackingToken: order.trackingToken, link: linkOf(ctx, order.trackingToken) };
}
