/**
 * WhatsApp through Twilio's official SDK: `messages.create` from `whatsapp:+…` to `whatsapp:+…`,
 * with free text (`body`) or an approved template (`contentSid` and `contentVariables`, which
 * Twilio wants as a JSON string). Twilio answers 201 with the message's `sid` and `status`; a
 * refusal comes back as a RestException (`status`, `code`, `message`), a lost connection as an
 * axios error. Webhooks are checked with the SDK's own `validateRequest`.
 */
import twilio from 'twilio';
import type { Logger } from 'pino';
import type { TwilioSettings } from '../settings.js';
import { networkFailure, type Failed, type SendOutcome } from '../outcome.js';
import { RedirectingRequestClient } from './redirectingClient.js';
import { twilioFailure } from './twilioErrors.js';
import type { WhatsAppMessage, WhatsAppSender } from './port.js';

export interface TwilioOptions {
  timeoutMs?: number;
  logger?: Logger;
}

export function whatsappAddress(number: string): string {
  return number.startsWith('whatsapp:') ? number : `whatsapp:${number}`;
}

/** What the SDK threw: a RestException / TwilioServiceException (an answer), or a network error. */
function errorOutcome(error: unknown): Failed {
  const e = error as { status?: unknown; code?: unknown; message?: unknown; isAxiosError?: boolean; response?: unknown } | null;
  if (e && !e.isAxiosError && typeof e.status === 'number') {
    const code = typeof e.code === 'number' ? e.code : Number(e.code) || null;
    return twilioFailure(code, e.status, typeof e.message === 'string' ? e.message : '');
  }
  if (e?.isAxiosError) return networkFailure(error);
  return twilioFailure(null, null, error instanceof Error ? error.message : String(error));
}

export class TwilioWhatsApp implements WhatsAppSender {
  readonly kind = 'twilio' as const;
  private readonly client: twilio.Twilio;

  constructor(
    private readonly settings: TwilioSettings,
    private readonly options: TwilioOptions = {},
  ) {
    const timeout = options.timeoutMs ?? 15_000;
    const httpClient = settings.baseUrl ? new RedirectingRequestClient(settings.baseUrl, { timeout }) : new twilio.RequestClient({ timeout });
    // env: {} keeps the machine's TWILIO_* variables (edge, region, log level) out of it: the config is the one source.
    this.client = twilio(settings.accountSid, settings.authToken, { httpClient, env: {} });
  }

  async send(message: WhatsAppMessage): Promise<SendOutcome> {
    const content = message.template
      ? { contentSid: message.template.contentSid, contentVariables: JSON.stringify(message.template.variables) }
      : { body: message.text };
    try {
      const sent = await this.client.messages.create({
        to: whatsappAddress(message.to),
        from: this.settings.whatsappFrom,
        ...content,
        ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
      });
      if (sent.errorCode) return twilioFailure(sent.errorCode, null, sent.errorMessage ?? sent.status);
      if (sent.status === 'failed' || sent.status === 'undelivered') return twilioFailure(null, null, sent.status);
      return { status: 'accepted', providerId: sent.sid, providerStatus: sent.status, cost: null };
    } catch (error) {
      const outcome = errorOutcome(error);
      this.options.logger?.warn({ provider: 'twilio', reference: message.reference, code: outcome.code, detail: outcome.detail }, 'WhatsApp message not accepted');
      return outcome;
    }
  }

  validateWebhook(url: string, params: Record<string, unknown>, signature: unknown): boolean {
    if (typeof signature !== 'string' || signature.length === 0) return false;
    try {
      // The legacy auth-token signature (HMAC-SHA1), the one Twilio uses unless a shared signing key is set up.
      return twilio.validateRequest(this.settings.authToken, signature, url, params);
    } catch {
      return false; // an address that is not a URL
    }
  }
}
