/** The synced rows of messages and their templates, as the engine writes them and the hub checks them. */
import { z } from 'zod';
import { deletedAtSchema, idSchema, isoDateTimeSchema, optionalText, safeString } from '../domain/fields.js';
import { hasControl, refusedProblem } from '../domain/safeText.js';
import { AUTO_CHANNELS, MAX_MESSAGE_BODY, MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_STATUSES, AUTOMATIC_KINDS } from './messageOptions.js';

export const messageChannelSchema = z.enum(MESSAGE_CHANNELS, { error: () => 'invalid.messageChannel' });
export const messageKindSchema = z.enum(MESSAGE_KINDS, { error: () => 'invalid.messageKind' });
export const automaticKindSchema = z.enum(AUTOMATIC_KINDS, { error: () => 'invalid.messageKind' });
export const messageStatusSchema = z.enum(MESSAGE_STATUSES, { error: () => 'invalid.messageStatus' });
export const autoChannelSchema = z.enum(AUTO_CHANNELS, { error: () => 'invalid.autoChannel' });

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A recipient: a phone number in E.164 (SMS, WhatsApp) or an e-mail address, never "cleaned". */
export const recipientSchema = z
  .string({ error: () => 'invalid.recipient' })
  .max(254, 'invalid.recipient')
  .refine((s) => (E164.test(s) || EMAIL.test(s)) && !hasControl(s) && refusedProblem(s) === null, 'invalid.recipient');

export const messageBodySchema = safeString('lines', { error: () => 'invalid.messageBodyMissing' })
  .trim()
  .min(1, 'invalid.messageBodyMissing')
  .max(MAX_MESSAGE_BODY, 'invalid.messageBodyTooLong');

const count = z.number().int().min(0).max(1000).nullable().optional();

export const messageRowSchema = z.strictObject({
  clientId: idSchema,
  orderId: idSchema.nullable(),
  channel: messageChannelSchema,
  to: recipientSchema,
  body: messageBodySchema,
  kind: messageKindSchema,
  status: messageStatusSchema,
  createdAt: isoDateTimeSchema,
  createdBy: idSchema.nullable(),
  deletedAt: deletedAtSchema,
  // The hub's (messageOptions.ts HUB_MESSAGE_FIELDS): null or absent in a device's new row.
  providerId: optionalText(120),
  segments: count,
  credits: count,
  sentAt: isoDateTimeSchema.nullable().optional(),
  deliveredAt: isoDateTimeSchema.nullable().optional(),
  failureReason: optionalText(300),
});

/** One row per automatic kind and workshop, its id derived from both (templates.ts `templateRowId`). */
export const messageTemplateRowSchema = z.strictObject({
  kind: automaticKindSchema,
  channel: autoChannelSchema,
  body: messageBodySchema,
});
