/**
 * What the engine's message commands and queries take (they may come over IPC from an untrusted
 * renderer): the shapes and bounds only; whether an address is the client's, an order is theirs,
 * a template's variables exist, is for the commands to say (shared/engine/commands/messageCommands.ts).
 */
import { z } from 'zod';
import { idSchema, safeString } from '../domain/fields.js';
import { normalizePhone } from '../domain/phone.js';
import { autoChannelSchema, automaticKindSchema, messageBodySchema, messageChannelSchema, messageKindSchema, recipientSchema } from './messageRows.js';
import { MAX_MESSAGE_BODY } from './messageOptions.js';

const orderRef = idSchema.nullish().transform((v) => v ?? null);

/**
 * A recipient as typed or picked: a phone number in national or international form becomes
 * E.164 ('01 97 00 00 01' → '+2290197000001'), an e-mail address is lower-cased; then it must be a
 * valid recipient (messageRows.ts), never "cleaned".
 */
export const recipientInput = z
  .string({ error: () => 'invalid.recipient' })
  .max(254, 'invalid.recipient')
  .transform((s) => {
    const trimmed = s.trim();
    if (trimmed.includes('@')) return trimmed.toLowerCase();
    return normalizePhone(trimmed) ?? trimmed;
  })
  .pipe(recipientSchema);

export const sendMessageInput = z.strictObject({
  clientId: idSchema,
  orderId: orderRef,
  channel: messageChannelSchema,
  /** Free text or a template's text; its `{variables}` are filled with the real values. */
  body: messageBodySchema,
  /** One of the client's addresses for the channel; by default the client's (recipients.ts `clientAddress`). */
  to: recipientInput.optional(),
});

export const cancelMessageInput = z.strictObject({ id: idSchema });

/** The free "open WhatsApp" button, recorded in the client's history (status `manual`, never sent by the hub). */
export const recordWhatsAppOpenedInput = z.strictObject({
  clientId: idSchema,
  orderId: orderRef,
  body: messageBodySchema,
});

export const saveMessageTemplateInput = z.strictObject({
  kind: automaticKindSchema,
  channel: autoChannelSchema,
  /** Absent: the stored text is kept (or the default one). */
  body: messageBodySchema.optional(),
});

export const revokeTrackingLinkInput = z.strictObject({ orderId: idSchema });

/**
 * A preview is asked while typing: an empty body is a preview of nothing, and a body longer than
 * a message may be is still shown (with `tooLong`), up to twice the limit.
 */
export const previewMessageInput = z.strictObject({
  clientId: idSchema,
  orderId: orderRef,
  channel: messageChannelSchema,
  /** The template to show when `body` is absent (its stored text, or the default). */
  kind: messageKindSchema.default('custom'),
  body: safeString('lines', { error: () => 'invalid.textExpected' }).max(MAX_MESSAGE_BODY * 2, 'invalid.messageBodyTooLong').optional(),
});

export const clientMessagesInput = z.strictObject({
  clientId: idSchema,
  limit: z.number().int().min(1).max(500).default(100),
});

export const orderMessagesInput = z.strictObject({ orderId: idSchema });

export const orderTrackingLinkInput = z.strictObject({ orderId: idSchema });

export type SendMessageInput = z.input<typeof sendMessageInput>;
export type PreviewMessageInput = z.input<typeof previewMessageInput>;
