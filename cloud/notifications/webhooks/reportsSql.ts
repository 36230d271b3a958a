/**
 * The SQL of delivery reports and WhatsApp's incoming messages, each a function taking a
 * transaction. Finding a message by its provider's id looks across workshops (a report names no
 * workshop): run it in a `system` transaction, then write in that workshop's own.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { rows } from '../../db/client.js';
import type { MessageChannel } from '../../../shared/messaging/messageOptions.js';

export interface ReportedMessage {
  workshopId: string;
  messageId: string;
  /** The number the message went to (E.164), to check against the report's. */
  to: string | null;
}

/**
 * The messages of `channel` a provider knows by `providerId` (index `messages_provider_id`). At
 * most two are read: one is the answer, two mean the id is not one message's and nothing is done.
 */
export async function messagesByProviderId(tx: Tx, channel: MessageChannel, providerId: string): Promise<ReportedMessage[]> {
  const found = await rows<{ workshop_id: string; id: string; to: string | null }>(
    tx,
    sql`SELECT workshop_id, id, "to" FROM messages WHERE provider_id = ${providerId} AND channel = ${channel} LIMIT 2`,
  );
  return found.map((row) => ({ workshopId: String(row.workshop_id), messageId: String(row.id), to: row.to }));
}

/**
 * Notes that `phone` wrote to the platform's WhatsApp number at `at`: inserted, or moved later
 * (never earlier: a delayed webhook does not shorten the 24-hour window).
 */
export async function recordWhatsAppInbound(tx: Tx, phone: string, at: Date): Promise<void> {
  await tx.execute(
    sql`INSERT INTO whatsapp_inbound (phone, last_at) VALUES (${phone}, ${at.toISOString()})
      ON CONFLICT (phone) DO UPDATE SET last_at = GREATEST(whatsapp_inbound.last_at, EXCLUDED.last_at)`,
  );
}

/** When `phone` last wrote on WhatsApp, or null (the dispatcher's question: is the 24-hour window open?). */
export async function lastWhatsAppInbound(tx: Tx, phone: string): Promise<Date | null> {
  const [row] = await rows<{ last_at: string | Date }>(tx, sql`SELECT last_at FROM whatsapp_inbound WHERE phone = ${phone}`);
  return row ? new Date(row.last_at) : null;
}
