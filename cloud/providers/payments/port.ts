/**
 * The payments port: FedaPay behind it (`fedapay.ts`), or the development outbox, which opens no
 * payment page and never reports anything as paid. Unlike messages (whose failures are results to
 * record), a payment call that fails throws a PaymentProviderError: the billing route answers it.
 */
import { text } from '../../../shared/i18n/texts.js';
import { providerTexts } from '../texts.js';

export interface CheckoutCustomer {
  firstname?: string;
  lastname?: string;
  email?: string;
  /** E.164. */
  phone?: string;
}

export interface CheckoutRequest {
  /** Whole FCFA (XOF has no smaller unit). */
  amount: number;
  description: string;
  /** Where FedaPay sends the payer back (a page of ours that waits for the confirmation). */
  callbackUrl: string;
  customer?: CheckoutCustomer;
  /** Ours, kept by FedaPay with the transaction (workshop, plan, cycle…) and read back by retrieve. */
  metadata: Record<string, string | number>;
}

/** A programming error, not a provider's refusal: amounts are whole FCFA, above zero. */
export function checkAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`a checkout amount is a positive whole number of FCFA, not ${amount}`);
}

export interface Checkout {
  kind: 'fedapay' | 'outbox';
  transactionId: string;
  /** The payment page to open; in the outbox, a local page that says nothing can be paid. */
  url: string;
}

export interface PaymentTransaction {
  id: string;
  /** FedaPay's status (pending, approved, declined, canceled, refunded, transferred…), or `outbox`. */
  status: string;
  /** FedaPay's own reading of its status (approved, transferred, refunded ones count as paid). */
  paid: boolean;
  amount: number;
  /** ISO code when FedaPay includes it, else null (the account's currency, XOF). */
  currency: string | null;
  reference: string | null;
  mode: string | null;
  metadata: Record<string, unknown>;
  approvedAt: string | null;
}

export interface PaymentEvent {
  /** transaction.created, transaction.approved, transaction.declined… */
  name: string;
  /** The transaction the event is about, when it is about one: read it back with retrieve. */
  transactionId: string | null;
  entity: Record<string, unknown>;
}

export type WebhookRefusal = 'not_configured' | 'missing_signature' | 'bad_signature' | 'stale_signature' | 'invalid_payload';

export type WebhookVerification = { ok: true; event: PaymentEvent } | { ok: false; code: WebhookRefusal; reason: string };

export function webhookRefusal(code: WebhookRefusal): WebhookVerification {
  return { ok: false, code, reason: text(providerTexts, 'fr', `webhook.${code}`) };
}

export type PaymentErrorCode = 'invalid_request' | 'not_found' | 'provider_credentials' | 'provider_unavailable' | 'rate_limited' | 'timeout' | 'network';

export class PaymentProviderError extends Error {
  override name = 'PaymentProviderError';

  constructor(
    readonly code: PaymentErrorCode,
    /** False when trying again later can help (timeouts, 5xx, our credentials refused). */
    readonly permanent: boolean,
    /** FedaPay's HTTP status, or null when it never answered. */
    readonly httpStatus: number | null,
    /** Why, in French (FedaPay's own words are in `detail`). */
    readonly reason: string,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface PaymentProvider {
  readonly kind: 'fedapay' | 'outbox';
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  retrieve(transactionId: string): Promise<PaymentTransaction>;
  /** Checks X-FEDAPAY-SIGNATURE against the raw body (300 s tolerance) and reads the event. */
  verifyWebhook(rawBody: string | Buffer, signatureHeader: unknown): WebhookVerification;
}
