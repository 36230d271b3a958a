/**
 * The hub's checks before it sends a message (DESIGN "Messages to clients": never to a number
 * that is not the client's, never past the credits, never for a suspended workshop), as pure
 * functions over rows already read, built from the shared rules (`isClientAddress`, the kinds).
 * Run again on every attempt: a client deleted or opted out between two retries stops the send.
 */
import { AUTOMATIC_KINDS, type MessageChannel, type MessageKind } from '../../shared/messaging/messageOptions.js';
import { isClientAddress, type ClientAddresses } from '../../shared/messaging/recipients.js';

export type SendRefusal = 'clientMissing' | 'notClientAddress' | 'optedOut' | 'suspended' | 'noProvider';

export interface MessageFields {
  clientId: string;
  channel: MessageChannel;
  to: string;
  kind: MessageKind;
}

export interface StoredClient extends ClientAddresses {
  deletedAt: string | null;
}

export interface SendFacts {
  message: MessageFields;
  /** The message's client as this workshop stores it; null when the workshop has none by that id. */
  client: StoredClient | null;
  suspended: boolean;
  /** The channel's provider can really send (an adapter over its SDK, or the outbox outside production). */
  providerAvailable: boolean;
}

const AUTOMATIC = new Set<string>(AUTOMATIC_KINDS);

/** Why the message must not leave, or null. The order is the order a tailor fixes things in. */
export function sendRefusal(facts: SendFacts): SendRefusal | null {
  const { message, client } = facts;
  if (facts.suspended) return 'suspended';
  if (!client || client.deletedAt) return 'clientMissing';
  if (!isClientAddress(client, message.channel, message.to)) return 'notClientAddress';
  if (client.messagesOptOut && AUTOMATIC.has(message.kind)) return 'optedOut';
  if (!facts.providerAvailable) return 'noProvider';
  return null;
}

/** WhatsApp lets a free text reach someone for 24 hours after they last wrote. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Whether the client wrote to the platform's WhatsApp number in the last 24 hours. */
export function insideWhatsAppWindow(lastInbound: Date | null, now: Date): boolean {
  if (!lastInbound) return false;
  const age = now.getTime() - lastInbound.getTime();
  return age < WHATSAPP_WINDOW_MS;
}

/** What a device writes where it does not know the cloud's address (shared/messaging/compose.ts `linkByHub`). */
export const LINK_PLACEHOLDER = '{lien}';

/** The body with `{lien}` replaced by the order's tracking link, when the order has a token. */
export function withTrackingLink(body: string, link: string | null): string {
  if (!link || !body.includes(LINK_PLACEHOLDER)) return body;
  return body.split(LINK_PLACEHOLDER).join(link);
}
