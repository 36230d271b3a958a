/**
 * What a message to a client is made of, read from the local database: the client's addresses,
 * the order it is about, the workshop's template and settings, and the template values (client
 * name, order number, workshop name, promised date or fitting, balance, tracking link). The
 * message commands, the automatic messages and the preview all read them here.
 */
import type { SqlExecutor } from './sqlPort.js';
import type { EngineContext } from './context.js';
import { EngineError } from '../domain/errors.js';
import { t } from '../i18n/index.js';
import { todayIn } from '../domain/calendar.js';
import { balanceDue } from '../domain/payments.js';
import type { OrderStatus } from '../domain/orderStatus.js';
import { DEFAULT_TEMPLATE_BODIES, DEFAULT_TEMPLATE_CHANNELS, templateRowId, type TemplateValues } from '../messaging/templates.js';
import { templateValues, type ClientAddresses } from '../messaging/recipients.js';
import { trackingUrl } from '../messaging/trackingToken.js';
import type { AutoChannel, AutomaticKind, MessageKind } from '../messaging/messageOptions.js';
import type { Locale } from '../i18n/index.js';

/**
 * The language of the texts a workshop sends its clients. A workshop has no such setting yet, and
 * the hub's scheduled reminders speak French too: the user's screens may speak English, the
 * clients in Cotonou read French.
 */
export const CLIENT_MESSAGE_LOCALE: Locale = 'fr';

export interface MessageClient extends ClientAddresses {
  id: string;
  name: string;
}

export interface MessageOrder {
  id: string;
  number: string;
  clientId: string;
  status: OrderStatus;
  price: number;
  paid: number;
  promisedDate: string;
  trackingToken: string | null;
}

export interface MessageWorkshop {
  id: string;
  name: string;
  timezone: string;
  smsGsm7: boolean;
}

function notFound(ctx: EngineContext, what: 'what.client' | 'what.order', field: string): EngineError {
  return new EngineError('not_found', t(ctx.locale, 'error.notFound', { what: t(ctx.locale, what) }), field);
}

export async function readMessageWorkshop(ctx: EngineContext, db: SqlExecutor): Promise<MessageWorkshop> {
  const row = await db.get<{ id: string; name: string; timezone: string; sms_gsm7: number }>('SELECT id, name, timezone, sms_gsm7 FROM workshop LIMIT 1');
  if (!row) throw new EngineError('not_ready', t(ctx.locale, 'error.notReady'));
  return { id: row.id, name: row.name, timezone: row.timezone, smsGsm7: row.sms_gsm7 !== 0 };
}

/** A live client, or not_found on `field`. */
export async function readMessageClient(ctx: EngineContext, db: SqlExecutor, clientId: string, field = 'clientId'): Promise<MessageClient> {
  const row = await db.get<{ id: string; name: string; phone: string | null; whatsapp: string | null; email: string | null; preferred_channel: string | null; messages_opt_out: number }>(
    'SELECT id, name, phone, whatsapp, email, preferred_channel, messages_opt_out FROM clients WHERE id = ? AND deleted_at IS NULL',
    [clientId],
  );
  if (!row) throw notFound(ctx, 'what.client', field);
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    whatsapp: row.whatsapp,
    email: row.email,
    preferredChannel: row.preferred_channel,
    messagesOptOut: row.messages_opt_out !== 0,
  };
}

/** A live order, or not_found on `field`. */
export async function readMessageOrder(ctx: EngineContext, db: SqlExecutor, orderId: string, field = 'orderId'): Promise<MessageOrder> {
  const row = await db.get<{ id: string; number: string; client_id: string; status: OrderStatus; price: number; paid: number; promised_date: string; tracking_token: string | null }>(
    'SELECT id, number, client_id, status, price, paid, promised_date, tracking_token FROM orders WHERE id = ? AND deleted_at IS NULL',
    [orderId],
  );
  if (!row) throw notFound(ctx, 'what.order', field);
  return {
    id: row.id,
    number: row.number,
    clientId: row.client_id,
    status: row.status,
    price: row.price,
    paid: row.paid,
    promisedDate: row.promised_date,
    trackingToken: row.tracking_token,
  };
}

/** The order of `orderId`, refused when it is another client's (a message is about the client's own order). */
export async function readOrderOfClient(ctx: EngineContext, db: SqlExecutor, orderId: string, clientId: string): Promise<MessageOrder> {
  const order = await readMessageOrder(ctx, db, orderId);
  if (order.clientId !== clientId) throw new EngineError('rule_violation', t(ctx.locale, 'rule.messageOrderOfOtherClient'), 'orderId');
  return order;
}

export interface StoredTemplate {
  kind: AutomaticKind;
  channel: AutoChannel;
  body: string;
  /** No template stored: the default channel and French text. */
  isDefault: boolean;
}

/** The workshop's template for a kind of automatic message (its row id is derived: templates.ts `templateRowId`). */
export async function readTemplate(db: SqlExecutor, workshopId: string, kind: AutomaticKind): Promise<StoredTemplate> {
  const row = await db.get<{ channel: AutoChannel; body: string }>('SELECT channel, body FROM message_templates WHERE id = ?', [templateRowId(workshopId, kind)]);
  if (row) return { kind, channel: row.channel, body: row.body, isDefault: false };
  return { kind, channel: DEFAULT_TEMPLATE_CHANNELS[kind], body: DEFAULT_TEMPLATE_BODIES[CLIENT_MESSAGE_LOCALE][kind], isDefault: true };
}

/** The tracking link of a token, when this device knows the cloud's address. */
export function linkOf(ctx: EngineContext, token: string | null): string | null {
  return token && ctx.publicUrl ? trackingUrl(ctx.publicUrl, token) : null;
}

const TIME = new Map<string, Intl.DateTimeFormat>();

/** 'HH:MM' of an instant in a time zone. */
function localTime(instant: string, timeZone: string): string {
  let format = TIME.get(timeZone);
  if (!format) TIME.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return format.format(new Date(instant));
}

/**
 * The values of a message's variables. About an order: its number, balance (never below 0), link,
 * and `{date}` its promised date — for a fitting reminder, the day of its next planned fitting
 * (none: no value); `{heure}` is that fitting's time in the workshop's time zone.
 */
export async function messageValues(
  ctx: EngineContext,
  db: SqlExecutor,
  facts: { workshop: MessageWorkshop; client: MessageClient; order: MessageOrder | null; kind: MessageKind },
): Promise<TemplateValues> {
  const { workshop, client, order } = facts;
  if (!order) return templateValues({ clientName: client.name, workshopName: workshop.name });
  const fitting = await db.get<{ at: string }>(
    "SELECT at FROM fittings WHERE order_id = ? AND deleted_at IS NULL AND status = 'planned' AND at >= ? ORDER BY at LIMIT 1",
    [order.id, ctx.now().toISOString()],
  );
  const fittingDay = fitting ? todayIn(workshop.timezone, new Date(fitting.at)) : null;
  return templateValues({
    clientName: client.name,
    workshopName: workshop.name,
    orderNumber: order.number,
    day: facts.kind === 'fitting_reminder' ? fittingDay : order.promisedDate,
    time: fitting ? localTime(fitting.at, workshop.timezone) : null,
    balance: Math.max(0, balanceDue(order.price, order.status, [{ amount: order.paid }])),
    link: linkOf(ctx, order.trackingToken),
  });
}
