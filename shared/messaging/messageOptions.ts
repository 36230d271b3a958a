/**
 * Messages to clients (DESIGN "Messages to clients", normative): channels, kinds, statuses and who
 * writes which. No zod here: the app's screens import it (messageRows.ts has the schemas).
 */
import { defineTexts } from '../i18n/texts.js';

export const MESSAGE_CHANNELS = ['sms', 'whatsapp', 'email'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** What a message is about. The automatic ones each have a template (templates.ts). */
export const AUTOMATIC_KINDS = ['order_created', 'order_ready', 'fitting_reminder', 'balance_due', 'order_delivered'] as const;
export type AutomaticKind = (typeof AUTOMATIC_KINDS)[number];
export const MESSAGE_KINDS = [...AUTOMATIC_KINDS, 'custom'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/**
 * `queued` and `cancelled` (while queued) are a device's; `manual` records a message the workshop
 * sent itself (the free "open WhatsApp" button) and the hub never sends it; `sending`, `sent`,
 * `delivered` and `failed` are the hub's alone.
 */
export const MESSAGE_STATUSES = ['queued', 'cancelled', 'manual', 'sending', 'sent', 'delivered', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The statuses a device may create a message with. */
export const DEVICE_CREATED_STATUSES = ['queued', 'manual'] as const satisfies readonly MessageStatus[];

/** The fields only the hub writes (a device's change naming one is refused). */
export const HUB_MESSAGE_FIELDS = ['providerId', 'segments', 'credits', 'sentAt', 'deliveredAt', 'failureReason'] as const;

/**
 * The order a message's life moves in: a report never moves it back (a late "sent" after
 * "delivered" changes nothing). `failed` ends it, except that it never undoes a `delivered`.
 */
const PROGRESS: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, failed: 3, cancelled: 4, manual: 4 };

/** Whether a hub-side status `next` may replace `current`. */
export function statusMayAdvance(current: MessageStatus, next: MessageStatus): boolean {
  if (current === next) return false;
  if (current === 'cancelled' || current === 'manual' || current === 'delivered' || current === 'failed') return false;
  return PROGRESS[next] > PROGRESS[current];
}

/** How a workshop wants an automatic message sent: not at all, by the client's preferred channel, or one channel. */
export const AUTO_CHANNELS = ['off', 'preferred', ...MESSAGE_CHANNELS] as const;
export type AutoChannel = (typeof AUTO_CHANNELS)[number];

export const MESSAGE_STATUS_LABELS = defineTexts<MessageStatus>({
  fr: { queued: 'en attente', cancelled: 'annulé', manual: 'ouvert dans WhatsApp', sending: 'envoi en cours', sent: 'envoyé', delivered: 'reçu', failed: 'échec' },
  en: { queued: 'waiting', cancelled: 'cancelled', manual: 'opened in WhatsApp', sending: 'sending', sent: 'sent', delivered: 'delivered', failed: 'failed' },
});

export const MESSAGE_KIND_LABELS = defineTexts<MessageKind>({
  fr: {
    order_created: 'Commande enregistrée',
    order_ready: 'Commande prête',
    fitting_reminder: 'Rappel d’essayage',
    balance_due: 'Solde à régler',
    order_delivered: 'Remerciement à la livraison',
    custom: 'Message libre',
  },
  en: {
    order_created: 'Order recorded',
    order_ready: 'Order ready',
    fitting_reminder: 'Fitting reminder',
    balance_due: 'Balance due',
    order_delivered: 'Thanks on delivery',
    custom: 'Free message',
  },
});

export const AUTO_CHANNEL_LABELS = defineTexts<AutoChannel>({
  fr: { off: 'Désactivé', preferred: 'Canal préféré du client', sms: 'SMS', whatsapp: 'WhatsApp', email: 'E-mail' },
  en: { off: 'Off', preferred: 'Client’s preferred channel', sms: 'SMS', whatsapp: 'WhatsApp', email: 'Email' },
});

/** Credits a message costs: one per SMS part, one per WhatsApp message, none for an e-mail. */
export function creditsFor(channel: MessageChannel, smsParts: number): number {
  if (channel === 'sms') return Math.max(1, smsParts);
  if (channel === 'whatsapp') return 1;
  return 0;
}

/** The longest body a message may have (Twilio's own limit; 11 SMS parts of 153 GSM-7 characters). */
export const MAX_MESSAGE_BODY = 1600;

/** Credits a new workshop's trial is granted (the cloud's migration 0005 grants the same to older workshops). */
export const TRIAL_CREDITS = 50;
