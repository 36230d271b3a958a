/**
 * What a message provider answers, the same for SMS, WhatsApp and e-mail: accepted (with the
 * provider's id), failed (why, in French, and whether trying again can help), or written to the
 * development outbox (nothing left: never taken for a delivery).
 *
 * `permanent` is the one decision the sender needs: a permanent failure (invalid number,
 * blacklisted, outside WhatsApp's window…) fails the message at once with its reason; a transient
 * one (timeouts, 5xx, rate limits, the provider's account out of credit) is worth another try
 * later with backoff. A timeout is ambiguous (the provider may have accepted before we stopped
 * waiting): the caller that retries it accepts that rare double send.
 */
import { text, type Locale } from '../../shared/i18n/texts.js';
import { providerTexts } from './texts.js';

export type FailureCode =
  | 'invalid_number'
  | 'unsupported_number'
  | 'blacklisted'
  | 'not_on_whatsapp'
  | 'outside_whatsapp_window'
  | 'invalid_address'
  | 'rejected'
  | 'invalid_sender'
  | 'provider_balance'
  | 'provider_credentials'
  | 'rate_limited'
  | 'provider_unavailable'
  | 'timeout'
  | 'network'
  | 'undelivered'
  | 'unreachable'
  | 'unknown';

/** The provider's price for a message, as it states it (Africa's Talking: "XOF 20.0000"). */
export interface ProviderCost {
  currency: string;
  amount: number;
}

export interface Accepted {
  status: 'accepted';
  /** The provider's id of the message: delivery reports name it. */
  providerId: string;
  /** The provider's own status word at acceptance ("Success", "queued", "250 OK"…). */
  providerStatus: string;
  cost: ProviderCost | null;
}

export interface Failed {
  status: 'failed';
  code: FailureCode;
  /** Why, in French: what the message's `failureReason` shows the tailor. */
  reason: string;
  permanent: boolean;
  /** The provider's own words or code, for logs (never shown as is). */
  detail: string;
}

export interface InOutbox {
  status: 'outbox';
  /** The outbox entry's id and its file: nothing was sent. */
  entryId: string;
  file: string;
}

export type SendOutcome = Accepted | Failed | InOutbox;

/** A failure with its French reason; `detail` fills the reason's `{detail}` and goes to the logs. */
export function failed(code: FailureCode, permanent: boolean, detail: string, locale: Locale = 'fr'): Failed {
  return { status: 'failed', code, permanent, detail, reason: text(providerTexts, locale, `failure.${code}`, { detail }) };
}

/** Network errors are transient; a timeout has its own code (the send may have happened). */
export function networkFailure(error: unknown): Failed {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String((error as { message?: unknown } | null)?.message ?? error);
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) return failed('timeout', false, message);
  return failed('network', false, typeof code === 'string' ? code : message);
}

/** "XOF 20.0000" → {currency: 'XOF', amount: 20}; anything else → null. */
export function parseCost(value: unknown): ProviderCost | null {
  if (typeof value !== 'string') return null;
  const match = /^([A-Z]{3})\s+(-?\d+(?:\.\d+)?)$/.exec(value.trim());
  if (!match) return null;
  return { currency: match[1]!, amount: Number(match[2]) };
}
