/**
 * Payments without FedaPay credentials: a checkout writes the transaction it would have created
 * to the outbox and returns a local page (PUBLIC_URL/dev/outbox/payments/<id>) that says no
 * payment provider is configured. Reading it back says `outbox`, never paid; no webhook is
 * accepted. Nothing here can make a subscription look paid.
 */
import type { Logger } from 'pino';
import { text } from '../../../shared/i18n/texts.js';
import { providerTexts } from '../texts.js';
import { checkAmount, PaymentProviderError, webhookRefusal, type Checkout, type CheckoutRequest, type PaymentProvider, type PaymentTransaction, type WebhookVerification } from '../payments/port.js';
import type { DevOutbox } from './devOutbox.js';
import { writeToOutbox } from './outboxSenders.js';

export const OUTBOX_TRANSACTION_PREFIX = 'outbox-';

export function outboxCheckoutPath(entryId: string): string {
  return `/dev/outbox/payments/${entryId}`;
}

export class OutboxPayments implements PaymentProvider {
  readonly kind = 'outbox' as const;

  constructor(
    private readonly outbox: DevOutbox,
    private readonly publicUrl: string,
    private readonly logger?: Logger,
  ) {}

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    checkAmount(request.amount);
    const { entryId } = await writeToOutbox(this.outbox, this.logger, 'payments', {
      to: request.customer?.email ?? request.customer?.phone ?? '',
      payload: {
        description: request.description,
        amount: request.amount,
        currency: { iso: 'XOF' },
        callback_url: request.callbackUrl,
        ...(request.customer ? { customer: request.customer } : {}),
        custom_metadata: request.metadata,
      },
    });
    return { kind: 'outbox', transactionId: `${OUTBOX_TRANSACTION_PREFIX}${entryId}`, url: `${this.publicUrl}${outboxCheckoutPath(entryId)}` };
  }

  async retrieve(transactionId: string): Promise<PaymentTransaction> {
    const entryId = transactionId.startsWith(OUTBOX_TRANSACTION_PREFIX) ? transactionId.slice(OUTBOX_TRANSACTION_PREFIX.length) : '';
    const entry = entryId ? await this.outbox.get('payments', entryId) : null;
    if (!entry) throw new PaymentProviderError('not_found', true, null, text(providerTexts, 'fr', 'payment.not_found'), `not in the outbox: ${transactionId.slice(0, 40)}`);
    const payload = entry.payload as { amount?: unknown; custom_metadata?: Record<string, unknown> };
    return {
      id: transactionId,
      status: 'outbox',
      paid: false,
      amount: Number(payload.amount),
      currency: 'XOF',
      reference: null,
      mode: null,
      metadata: { ...(payload.custom_metadata ?? {}) },
      approvedAt: null,
    };
  }

  verifyWebhook(): WebhookVerification {
    return webhookRefusal('not_configured');
  }
}
