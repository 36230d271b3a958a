/**
 * The billing channels (DESIGN "Subscriptions"): the plans on sale, the subscription with its
 * usage and credits, a checkout (a plan on a cycle, or a credit pack) and its status, the payment
 * history and a payment's receipt (PDF), plan changes at the period's end and the cancellation.
 * All of them need the cloud; what the app shows offline is the synced `subscription` row (the
 * engine's `subscription` query), and the last plans read (kept in memory).
 *
 * The payment page: the worker of the web host cannot open a tab (the page does, synchronously in
 * the click, see screens/billing/paymentPage.ts); in Electron the page asks `billing.openExternal`,
 * which opens in the system's browser only an address a checkout of this session returned.
 */
import { CloudApi, CloudError } from './cloudApi.js';
import type {
  BillingPayments,
  BillingPlans,
  BillingSubscription,
  CheckoutBody,
  CheckoutResult,
  CheckoutStatus,
  PlanChangeResult,
} from './cloudContracts.js';
import { text } from '../i18n/texts.js';
import { BILLING_HOST_TEXTS } from './billingTexts.js';

/** The plans on sale as the app shows them: `live` false when they are the last ones read (offline). */
export type PlansView = BillingPlans & { live: boolean };

/** A receipt, ready to be saved by the page. */
export interface ReceiptFile {
  bytes: Uint8Array;
  type: string;
  fileName: string;
}

/** The cloud cannot answer now (no connection, its failure, an unreadable answer). */
export function unreachable(error: unknown): boolean {
  return error instanceof CloudError && (error.code === 'offline' || error.code === 'bad_response' || error.status >= 500);
}

/** An address the system's browser may be given: http(s) without credentials in it. */
export function isPaymentPageUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** A receipt's file name from the answer's Content-Disposition, else one made of the payment's id. */
function receiptName(disposition: string | null, paymentId: string): string {
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition ?? '');
  const name = match?.[1] ? decodeURIComponent(match[1]).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') : '';
  return name || `recu-${paymentId.slice(0, 8)}.pdf`;
}

export class BillingChannels {
  private keptPlans: BillingPlans | null = null;
  /** The payment pages the checkouts of this session returned (the only ones `openPage` opens). */
  private readonly pages = new Set<string>();

  constructor(
    private readonly cloud: () => CloudApi,
    private readonly openExternal: ((url: string) => Promise<void>) | undefined,
  ) {}

  async plans(): Promise<PlansView> {
    try {
      const answer = await this.cloud().request<BillingPlans>('GET', '/api/billing/plans', undefined, false);
      this.keptPlans = answer;
      return { ...answer, live: true };
    } catch (error) {
      if (this.keptPlans && unreachable(error)) return { ...this.keptPlans, live: false };
      throw error;
    }
  }

  /** The cloud's view of the subscription (usage, credits); null when it cannot be reached. */
  async subscription(): Promise<BillingSubscription | null> {
    try {
      return await this.cloud().request<BillingSubscription>('GET', '/api/billing/subscription');
    } catch (error) {
      if (unreachable(error)) return null;
      throw error;
    }
  }

  async checkout(body: CheckoutBody): Promise<CheckoutResult> {
    const answer = await this.cloud().request<CheckoutResult>('POST', '/api/billing/checkout', body);
    if (isPaymentPageUrl(answer.url)) this.pages.add(answer.url);
    return answer;
  }

  async checkoutStatus(checkoutId: string): Promise<CheckoutStatus> {
    return this.cloud().request<CheckoutStatus>('GET', `/api/billing/checkouts/${encodeURIComponent(checkoutId)}`);
  }

  async payments(): Promise<BillingPayments> {
    return this.cloud().request<BillingPayments>('GET', '/api/billing/payments');
  }

  async receipt(paymentId: string): Promise<ReceiptFile> {
    const api = this.cloud();
    const response = await api.raw('GET', `/api/billing/payments/${encodeURIComponent(paymentId)}/receipt`, undefined, { accept: 'application/pdf' });
    if (!response.ok) {
      let message = text(BILLING_HOST_TEXTS, api.locale, 'receiptFailed', { status: response.status });
      let code = 'error';
      try {
        const error = ((await response.json()) as { error?: { code?: string; message?: string } }).error;
        message = error?.message ?? message;
        code = error?.code ?? code;
      } catch {
        /* not JSON: the status says it */
      }
      throw new CloudError(response.status, code, message);
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { bytes, type: response.headers.get('content-type') ?? 'application/pdf', fileName: receiptName(response.headers.get('content-disposition'), paymentId) };
  }

  async change(planId: string, cycle: 'monthly' | 'yearly'): Promise<PlanChangeResult> {
    return this.cloud().request<PlanChangeResult>('POST', '/api/billing/change', { planId, cycle });
  }

  async cancel(): Promise<PlanChangeResult> {
    return this.cloud().request<PlanChangeResult>('POST', '/api/billing/cancel', {});
  }

  async undoChange(): Promise<PlanChangeResult> {
    return this.cloud().request<PlanChangeResult>('DELETE', '/api/billing/change');
  }

  /** Electron: the payment page in the system's browser, only one a checkout of this session returned. */
  async openPage(url: string): Promise<null> {
    const locale = this.cloud().locale;
    if (!this.openExternal) throw new CloudError(400, 'not_supported', text(BILLING_HOST_TEXTS, locale, 'externalUnsupported'));
    if (!this.pages.has(url) || !isPaymentPageUrl(url)) throw new CloudError(400, 'unknown_page', text(BILLING_HOST_TEXTS, locale, 'externalRefused'));
    await this.openExternal(url);
    return null;
  }
}
