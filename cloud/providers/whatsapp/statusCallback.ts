/**
 * Twilio's status callbacks: a form post with `MessageSid`, `MessageStatus` (queued, sent,
 * delivered, read, undelivered, failed…), and `ErrorCode` / `ErrorMessage` when it failed. Check
 * the signature first (`WhatsAppSender.validateWebhook`), then parse.
 */
import { z } from 'zod';
import { twilioFailure } from './twilioErrors.js';
import type { DeliveryReport } from '../report.js';

const formSchema = z.object({
  MessageSid: z.string().trim().regex(/^(SM|MM)[0-9a-zA-Z]{8,64}$/),
  MessageStatus: z.string().trim().min(1).max(30),
  ErrorCode: z.string().trim().regex(/^\d{1,6}$/).optional().or(z.literal('')),
  ErrorMessage: z.string().max(500).optional(),
  To: z.string().max(60).optional(),
});

const DELIVERED = new Set(['delivered', 'read']);
const FAILED = new Set(['failed', 'undelivered', 'canceled']);

export function parseTwilioStatusCallback(form: unknown): DeliveryReport | null {
  const parsed = formSchema.safeParse(form);
  if (!parsed.success) return null;
  const f = parsed.data;
  const status = f.MessageStatus.toLowerCase();
  const state = DELIVERED.has(status) ? 'delivered' : FAILED.has(status) ? 'failed' : 'sent';
  const errorCode = f.ErrorCode ? Number(f.ErrorCode) : null;
  return {
    provider: 'twilio',
    providerId: f.MessageSid,
    state,
    providerStatus: status,
    failure: state === 'failed' ? twilioFailure(errorCode, null, f.ErrorMessage ?? status) : null,
    phoneNumber: f.To ? f.To.replace(/^whatsapp:/, '') : null,
    networkCode: null,
    retryCount: null,
  };
}
