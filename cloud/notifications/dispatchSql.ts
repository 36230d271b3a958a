/** The dispatcher's SQL that looks across workshops (run in a `system` transaction). */
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';
import type { MessageSendJob } from './dispatchQueue.js';
import { creditsLock } from './credits.js';
import { isUuid } from '../../shared/domain/ids.js';
import type { StoredClient } from './sendChecks.js';

/**
 * Messages still `queued` that were created before `before` (index `messages_status`), oldest
 * first: those whose enqueue was lost (a process killed between the push's commit and its
 * enqueue) or never made (a server whose jobs were not running).
 */
export function forgottenQueuedMessages(tx: Tx, before: Date, limit: number): Promise<MessageSendJob[]> {
  return oldestMessages(tx, sql`status = 'queued' AND deleted_at IS NULL`, before, limit);
}

/**
 * Messages `sending` with no provider id, created before `before`, oldest first: those a send
 * job may have left behind when it died for good (the caller asks the queue whether it did).
 */
export function sendingMessagesBefore(tx: Tx, before: Date, limit: number): Promise<MessageSendJob[]> {
  return oldestMessages(tx, sql`status = 'sending' AND provider_id IS NULL`, before, limit);
}

/** The messages matching `where`, created before `before`, oldest first, as send jobs. */
async function oldestMessages(tx: Tx, where: SQL, before: Date, limit: number): Promise<MessageSendJob[]> {
  const found = await rows<{ workshop_id: string; id: string }>(
    tx,
    sql`SELECT workshop_id, id FROM messages
      WHERE ${where} AND created_at < ${before.toISOString()}
      ORDER BY created_at LIMIT ${limit}`,
  );
  return found.map((row) => ({ workshopId: String(row.workshop_id), messageId: String(row.id) }));
}

/** What a send needs to know besides the message, as this workshop stores it. */
export interface SendContext {
  /** The message's client; null when this workshop has none by that id. */
  client: (StoredClient & { name: string }) | null;
  /** `subscriptionStatus`: the workshop's subscription status (billing's `subscriptions`), null without one. */
  workshop: { name: string; smsGsm7: boolean; subscriptionStatus: string | null } | null;
  order: { number: string; trackingToken: string | null } | null;
  /** When the recipient last wrote on WhatsApp (the 24-hour window), for a WhatsApp message. */
  lastInbound: Date | null;
}

interface ContextRow {
  client: { name: string; phone: string | null; whatsapp: string | null; email: string | null; preferred_channel: string | null; messages_opt_out: boolean | null; deleted_at: string | null } | string | null;
  workshop: { name: string; sms_gsm7: boolean | null; subscription_status: string | null } | string | null;
  order: { number: string; tracking_token: string | null } | string | null;
  inbound_at: string | Date | null;
}

const json = <T>(value: T | string | null): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

/**
 * The message's client, workshop and order, and the recipient's WhatsApp window, in ONE
 * statement that also takes the workshop's credits lock (so `reserveCredits(…, {locked})` right
 * after reads a balance no other reservation can change). Inside `withWorkshop`: row-level
 * security shows this workshop's rows only, so another workshop's client id finds nothing.
 */
export async function readSendContext(tx: Tx, workshopId: string, ids: { clientId: string; orderId: string | null; whatsappTo: string | null }): Promise<SendContext> {
  // The row schemas make these ids UUIDs; anything else (a row older than them) finds nothing rather than failing the cast.
  const clientId = isUuid(ids.clientId) ? ids.clientId : null;
  const orderId = isUuid(ids.orderId) ? ids.orderId : null;
  const [row] = await rows<ContextRow & { locked: unknown }>(
    tx,
    sql`SELECT
      (SELECT row_to_json(c) FROM (SELECT name, phone, whatsapp, email, preferred_channel, messages_opt_out, deleted_at FROM clients WHERE id = ${clientId}::uuid) c) AS client,
      (SELECT row_to_json(w) FROM (SELECT name, sms_gsm7, (SELECT status FROM subscriptions WHERE workshop_id = ${workshopId}::uuid) AS subscription_status FROM workshop WHERE id = ${workshopId}::uuid) w) AS workshop,
      (SELECT row_to_json(o) FROM (SELECT number, tracking_token FROM orders WHERE id = ${orderId}::uuid) o) AS "order",
      (SELECT last_at FROM whatsapp_inbound WHERE phone = ${ids.whatsappTo}) AS inbound_at,
      ${creditsLock(workshopId)} AS locked`,
  );
  const client = json(row?.client ?? null);
  const workshop = json(row?.workshop ?? null);
  const order = json(row?.order ?? null);
  return {
    client: client
      ? {
          name: client.name,
          phone: client.phone,
          whatsapp: client.whatsapp,
          email: client.email,
          preferredChannel: client.preferred_channel,
          messagesOptOut: client.messages_opt_out === true,
          deletedAt: client.deleted_at,
        }
      : null,
    workshop: workshop ? { name: workshop.name, smsGsm7: workshop.sms_gsm7 !== false, subscriptionStatus: workshop.subscription_status ?? null } : null,
    order: order ? { number: order.number, trackingToken: order.tracking_token } : null,
    lastInbound: row?.inbound_at ? new Date(row.inbound_at) : null,
  };
}
