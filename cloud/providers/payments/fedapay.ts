/**
 * Payments through FedaPay's official SDK. A checkout is `Transaction.create` (amount in whole
 * XOF, description, callback_url, customer, custom_metadata) then `generateToken` (the payment
 * page's URL); `retrieve` reads a transaction back, which is what billing trusts, never the
 * webhook's own copy. Answers come wrapped (`{"v1/transaction": {…}}`) and the SDK unwraps them.
 *
 * The SDK keeps its settings in static fields (API key, environment, API base) shared by the
 * whole process, and reads them synchronously when a request is built, so they are set right
 * before each call. Its errors are not `Error` instances (`ApiConnectionError` with `httpStatus`,
 * `errorMessage`): they are mapped to PaymentProviderError. Its axios client has no timeout; one
 * request interceptor gives every FedaPay request the timeout of the adapter that made it.
 */
import fedapay from 'fedapay';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { FedaPaySettings } from '../settings.js';
import { text } from '../../../shared/i18n/texts.js';
import { providerTexts, type ProviderTextKey } from '../texts.js';
import { verifyFedaPayWebhook } from './fedapayWebhook.js';
import { checkAmount, PaymentProviderError, type Checkout, type CheckoutCustomer, type CheckoutRequest, type PaymentProvider, type PaymentTransaction, type WebhookVerification } from './port.js';

const { FedaPay, Requestor, Transaction } = fedapay;

/** Carries each call's timeout to the interceptor below, which removes it before the request leaves. */
const TIMEOUT_HEADER = 'X-Styliste-Timeout-Ms';
let interceptorInstalled = false;

/** Once per process: the SDK applies its interceptors when it creates its one axios client. */
function installTimeoutInterceptor(): void {
  if (interceptorInstalled) return;
  interceptorInstalled = true;
  const interceptor = (config: { headers?: Record<string, unknown>; timeout?: number }) => {
    const asked = Number(config.headers?.[TIMEOUT_HEADER]);
    if (config.headers) delete config.headers[TIMEOUT_HEADER];
    return { ...config, timeout: Number.isFinite(asked) && asked > 0 ? asked : 20_000 };
  };
  Requestor.addRequestInterceptor({ callback: interceptor as never });
  // Should the client exist already (something used the SDK first), give it the interceptor too.
  const existing = (Requestor as unknown as { httpClient?: { interceptors: { request: { use(fn: unknown): void } } } }).httpClient;
  existing?.interceptors.request.use(interceptor);
}

function paymentError(error: unknown): PaymentProviderError {
  const e = error as { httpStatus?: unknown; errorMessage?: unknown; message?: unknown; errors?: unknown } | null;
  const status = typeof e?.httpStatus === 'number' ? e.httpStatus : null;
  const said = typeof e?.errorMessage === 'string' ? e.errorMessage : typeof e?.message === 'string' ? e.message : String(error);
  const detail = `${status ? `HTTP ${status} ` : ''}${said}${e?.errors ? ` ${JSON.stringify(e.errors)}` : ''}`.slice(0, 300);
  const make = (code: PaymentProviderError['code'], permanent: boolean, key: ProviderTextKey) =>
    new PaymentProviderError(code, permanent, status, text(providerTexts, 'fr', key, { detail: said.slice(0, 120) }), detail);
  if (status === null) return /timeout/i.test(said) ? make('timeout', false, 'failure.timeout') : make('network', false, 'failure.network');
  if (status === 401 || status === 403) return make('provider_credentials', false, 'failure.provider_credentials');
  if (status === 404) return make('not_found', true, 'payment.not_found');
  if (status === 429) return make('rate_limited', false, 'failure.rate_limited');
  if (status >= 500) return new PaymentProviderError('provider_unavailable', false, status, text(providerTexts, 'fr', 'failure.provider_unavailable', { detail: String(status) }), detail);
  return make('invalid_request', true, 'payment.invalid_request');
}

function fedapayCustomer(customer: CheckoutCustomer): Record<string, unknown> {
  const phone = customer.phone ? parsePhoneNumberFromString(customer.phone) : undefined;
  return {
    ...(customer.firstname ? { firstname: customer.firstname } : {}),
    ...(customer.lastname ? { lastname: customer.lastname } : {}),
    ...(customer.email ? { email: customer.email } : {}),
    ...(phone?.country ? { phone_number: { number: phone.nationalNumber, country: phone.country.toLowerCase() } } : {}),
  };
}

/** The SDK's transaction object → ours (the fields billing reads, typed). */
export function toPaymentTransaction(t: Record<string, unknown> & { wasPaid?: () => boolean }): PaymentTransaction {
  const currency = t.currency as { iso?: unknown } | undefined;
  const metadata = t.custom_metadata;
  return {
    id: String(t.id),
    status: String(t.status ?? ''),
    paid: typeof t.wasPaid === 'function' ? t.wasPaid() : false,
    amount: Number(t.amount),
    currency: typeof currency?.iso === 'string' ? currency.iso : null,
    reference: typeof t.reference === 'string' ? t.reference : null,
    mode: typeof t.mode === 'string' ? t.mode : null,
    metadata: metadata && typeof metadata === 'object' ? { ...(metadata as Record<string, unknown>) } : {},
    approvedAt: typeof t.approved_at === 'string' ? t.approved_at : null,
  };
}

export class FedaPayPayments implements PaymentProvider {
  readonly kind = 'fedapay' as const;

  private readonly headers: Record<string, string>;

  constructor(
    private readonly settings: FedaPaySettings,
    options: { timeoutMs?: number } = {},
  ) {
    installTimeoutInterceptor();
    this.headers = { [TIMEOUT_HEADER]: String(options.timeoutMs ?? 20_000) };
  }

  /** The SDK's static settings, for the request built right after this call (synchronously). */
  private apply(): void {
    FedaPay.setApiKey(this.settings.secretKey);
    FedaPay.setEnvironment(this.settings.environment);
    FedaPay.setApiBase(this.settings.baseUrl ?? ''); // '' = the SDK's own address for the environment
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    checkAmount(request.amount);
    try {
      this.apply();
      const transaction = await Transaction.create({
        description: request.description,
        amount: request.amount,
        currency: { iso: 'XOF' },
        callback_url: request.callbackUrl,
        ...(request.customer ? { customer: fedapayCustomer(request.customer) } : {}),
        custom_metadata: request.metadata,
      }, { ...this.headers });
      this.apply();
      const token = await transaction.generateToken({}, { ...this.headers });
      if (typeof token.url !== 'string' || !token.url) throw { httpStatus: 502, errorMessage: 'no payment URL in the token answer' };
      return { kind: 'fedapay', transactionId: String(transaction.id), url: token.url };
    } catch (error) {
      throw error instanceof PaymentProviderError ? error : paymentError(error);
    }
  }

  async retrieve(transactionId: string): Promise<PaymentTransaction> {
    if (!/^\d{1,20}$/.test(transactionId)) throw new PaymentProviderError('not_found', true, null, text(providerTexts, 'fr', 'payment.not_found'), `not a FedaPay id: ${transactionId.slice(0, 40)}`);
    try {
      this.apply();
      return toPaymentTransaction((await Transaction.retrieve(transactionId, {}, { ...this.headers })) as unknown as Record<string, unknown>);
    } catch (error) {
      throw paymentError(error);
    }
  }

  verifyWebhook(rawBody: string | Buffer, signatureHeader: unknown): WebhookVerification {
    return verifyFedaPayWebhook(rawBody, signatureHeader, this.settings.webhookSecret);
  }
}
