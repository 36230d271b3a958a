/**
 * The reminder sweep's reads, set-based across workshops (run in a `system` transaction, one page
 * of workshops at a time), and the one check it repeats under a workshop's lock. Lists travel as
 * one text parameter each (`string_to_array`), the same on PGlite and postgres.js, whatever their
 * length.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';

const list = (values: readonly string[]): string => values.join(',');
const uuids = (values: readonly string[]): SQL => sql`string_to_array(${list(values)}, ',')::uuid[]`;
const texts = (values: readonly string[]): SQL => sql`string_to_array(${list(values)}, ',')`;

export interface WorkshopRow {
  workshopId: string;
  name: string;
  timezone: string;
  smsGsm7: boolean;
  balanceReminderDays: number;
}

export interface ClientRow {
  clientId: string;
  clientName: string;
  phone: string | null;
  whatsapp: string | null;
  email: string | null;
  preferredChannel: string | null;
  messagesOptOut: boolean;
}

export interface OrderRow {
  orderId: string;
  number: string;
  price: number;
  promisedDate: string | null;
  trackingToken: string | null;
}

export interface FittingCandidate extends ClientRow, OrderRow {
  workshopId: string;
  fittingId: string;
  at: string;
}

export interface BalanceCandidate extends ClientRow, OrderRow {
  workshopId: string;
  /** The `at` of the order's last event that made it ready, as stored. */
  readyAt: string;
}

/** Tomorrow of one time zone, as UTC instants [from, until). */
export interface ZoneWindow {
  timezone: string;
  from: string;
  until: string;
}

/** Every time zone a workshop is in. */
export async function workshopZones(tx: Tx): Promise<string[]> {
  const found = await rows<{ timezone: string | null }>(tx, sql`SELECT DISTINCT timezone FROM workshop WHERE id = workshop_id`);
  return found.map((r) => r.timezone).filter((tz): tz is string => typeof tz === 'string' && tz.length > 0);
}

/** A page of the workshops in these time zones, by id, after `after`. */
export async function workshopsIn(tx: Tx, zones: readonly string[], after: string | null, limit: number): Promise<WorkshopRow[]> {
  const found = await rows<{ workshop_id: string; name: string | null; timezone: string; sms_gsm7: boolean | null; balance_reminder_days: number | string | null }>(
    tx,
    sql`SELECT workshop_id, name, timezone, sms_gsm7, balance_reminder_days FROM workshop
      WHERE id = workshop_id AND timezone = ANY(${texts(zones)})
        ${after ? sql`AND workshop_id > ${after}::uuid` : sql``}
      ORDER BY workshop_id LIMIT ${limit}`,
  );
  return found.map((r) => ({
    workshopId: r.workshop_id,
    name: r.name ?? '',
    timezone: r.timezone,
    smsGsm7: r.sms_gsm7 !== false,
    balanceReminderDays: Number(r.balance_reminder_days ?? 3),
  }));
}

export interface TemplateFound {
  id: string;
  workshopId: string;
  kind: string;
  channel: string;
  body: string;
}

/** The template rows of these ids (templates.ts `templateRowId`). */
export async function templatesById(tx: Tx, ids: readonly string[]): Promise<TemplateFound[]> {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string; workshop_id: string; kind: string; channel: string; body: string }>(
    tx,
    sql`SELECT id, workshop_id, kind, channel, body FROM message_templates WHERE id = ANY(${uuids(ids)})`,
  );
  return found.map((r) => ({ id: r.id, workshopId: r.workshop_id, kind: r.kind, channel: r.channel, body: r.body }));
}

const CLIENT_COLUMNS = sql`c.id AS client_id, c.name AS client_name, c.phone, c.whatsapp, c.email, c.preferred_channel, c.messages_opt_out`;
const ORDER_COLUMNS = sql`o.id AS order_id, o.number, o.price, o.promised_date, o.tracking_token`;

type ClientAndOrderColumns = {
  client_id: string;
  client_name: string | null;
  phone: string | null;
  whatsapp: string | null;
  email: string | null;
  preferred_channel: string | null;
  messages_opt_out: boolean | null;
  order_id: string;
  number: string | null;
  price: number | string | null;
  promised_date: string | null;
  tracking_token: string | null;
};

function clientAndOrder(r: ClientAndOrderColumns): ClientRow & OrderRow {
  return {
    clientId: r.client_id,
    clientName: r.client_name ?? '',
    phone: r.phone,
    whatsapp: r.whatsapp,
    email: r.email,
    preferredChannel: r.preferred_channel,
    messagesOptOut: r.messages_opt_out === true,
    orderId: r.order_id,
    number: r.number ?? '',
    price: Number(r.price ?? 0),
    promisedDate: r.promised_date,
    trackingToken: r.tracking_token,
  };
}

/**
 * The planned, live fittings of these workshops that fall tomorrow in their time zone, with their
 * live, open order and live client (each of the fitting's own workshop). `at` may carry any
 * offset: the index on it is read a day wider than the widest window, then each fitting's instant
 * is compared with its zone's window.
 */
export async function tomorrowsFittings(tx: Tx, workshopIds: readonly string[], windows: readonly ZoneWindow[]): Promise<FittingCandidate[]> {
  if (workshopIds.length === 0 || windows.length === 0) return [];
  const day = 86_400_000;
  const low = new Date(Math.min(...windows.map((w) => Date.parse(w.from))) - day).toISOString();
  const high = new Date(Math.max(...windows.map((w) => Date.parse(w.until))) + day).toISOString();
  // The page's fittings in the window first (a planner misled by `w.id = w.workshop_id` once walked
  // every client and order of the page instead: 11 s for 1,000 workshops), then each row they name by its key.
  const found = await rows<ClientAndOrderColumns & { workshop_id: string; fitting_id: string; at: string }>(
    tx,
    sql`WITH f AS MATERIALIZED (
        SELECT workshop_id, id, order_id, at FROM fittings
        WHERE workshop_id = ANY(${uuids(workshopIds)}) AND at >= ${low} AND at < ${high}
          AND status = 'planned' AND deleted_at IS NULL
      )
      SELECT f.workshop_id, f.id AS fitting_id, f.at, ${ORDER_COLUMNS}, ${CLIENT_COLUMNS}
      FROM f
      JOIN workshop w ON w.id = f.workshop_id AND w.workshop_id = f.workshop_id
      JOIN unnest(${texts(windows.map((w) => w.timezone))}, ${texts(windows.map((w) => w.from))}::timestamptz[], ${texts(windows.map((w) => w.until))}::timestamptz[])
        AS z(timezone, from_at, until_at) ON z.timezone = w.timezone
      JOIN orders o ON o.id = f.order_id::uuid AND o.workshop_id = f.workshop_id
      JOIN clients c ON c.id = o.client_id::uuid AND c.workshop_id = o.workshop_id
      WHERE f.at::timestamptz >= z.from_at AND f.at::timestamptz < z.until_at
        AND o.deleted_at IS NULL AND o.status NOT IN ('delivered', 'cancelled')
        AND c.deleted_at IS NULL
      ORDER BY f.workshop_id, f.at, f.id`,
  );
  return found.map((r) => ({ workshopId: r.workshop_id, fittingId: r.fitting_id, at: r.at, ...clientAndOrder(r) }));
}

/**
 * The live orders of these workshops that are `ready` (and their live client), with the instant of
 * the last event that made them ready (a status change to ready, or a creation as ready), when
 * that is at least `days − 1` days before `now` (the exact local-day rule is reminderRules.ts').
 */
export async function readyOrders(tx: Tx, workshopIds: readonly string[], now: Date): Promise<BalanceCandidate[]> {
  if (workshopIds.length === 0) return [];
  const found = await rows<ClientAndOrderColumns & { workshop_id: string; ready_at: string }>(
    tx,
    sql`WITH o AS MATERIALIZED (
        SELECT workshop_id, id, number, client_id, price, promised_date, tracking_token FROM orders
        WHERE workshop_id = ANY(${uuids(workshopIds)}) AND status = 'ready' AND deleted_at IS NULL
      )
      SELECT o.workshop_id, ${ORDER_COLUMNS}, ${CLIENT_COLUMNS}, r.at AS ready_at
      FROM o
      JOIN workshop w ON w.id = o.workshop_id AND w.workshop_id = o.workshop_id
      JOIN clients c ON c.id = o.client_id::uuid AND c.workshop_id = o.workshop_id
      JOIN LATERAL (
        SELECT e.at FROM order_events e
        WHERE e.workshop_id = o.workshop_id AND e.order_id = o.id::text
          AND ((e.type = 'status' AND e.data->>'to' = 'ready') OR (e.type = 'created' AND e.data->>'status' = 'ready'))
        ORDER BY e.at::timestamptz DESC, e.id DESC LIMIT 1
      ) r ON true
      WHERE c.deleted_at IS NULL
        AND r.at::timestamptz <= ${now.toISOString()}::timestamptz - (greatest(w.balance_reminder_days, 1) - 1) * interval '1 day'
      ORDER BY o.workshop_id, o.id`,
  );
  return found.map((r) => ({ workshopId: r.workshop_id, readyAt: r.ready_at, ...clientAndOrder(r) }));
}

/** What was paid on each of these orders (insert-only payments, reversals negative), by order id. */
export async function paidOnOrders(tx: Tx, workshopIds: readonly string[], orderIds: readonly string[]): Promise<Map<string, number>> {
  if (orderIds.length === 0) return new Map();
  const found = await rows<{ order_id: string; paid: number | string }>(
    tx,
    sql`SELECT p.order_id, sum(p.amount) AS paid FROM payments p
      WHERE p.workshop_id = ANY(${uuids(workshopIds)}) AND p.order_id = ANY(${texts(orderIds)})
      GROUP BY p.order_id`,
  );
  return new Map(found.map((r) => [r.order_id, Number(r.paid)]));
}

export interface MessageFound {
  id: string;
  workshopId: string;
  status: string | null;
}

/** The messages of these ids that exist (under RLS, only the current workshop's). */
export async function messagesById(tx: Tx, ids: readonly string[]): Promise<MessageFound[]> {
  if (ids.length === 0) return [];
  const found = await rows<{ id: string; workshop_id: string; status: string | null }>(
    tx,
    sql`SELECT id, workshop_id, status FROM messages WHERE id = ANY(${uuids(ids)})`,
  );
  return found.map((r) => ({ id: r.id, workshopId: r.workshop_id, status: r.status }));
}

/** Takes the sweep's lock for the rest of the transaction; false when another sweep holds it. */
export async function trySweepLock(tx: Tx): Promise<boolean> {
  const [row] = await rows<{ locked: boolean }>(tx, sql`SELECT pg_try_advisory_xact_lock(hashtext('styliste:message-reminders')) AS locked`);
  return row?.locked === true;
}
