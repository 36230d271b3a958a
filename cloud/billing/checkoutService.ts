/**
 * Paying (DESIGN "Subscriptions"): a checkout creates FedaPay's transaction for the exact price
 * of what is bought; its settlement — from the webhook, the return page or the app's poll — reads
 * the transaction back from FedaPay and goes through the one exactly-once path (paymentEffects.ts).
 *
 * A checkout is quoted with the shared rules (`quotePlan`, the pack's price), written `pending`
 * with an unguessable return token BEFORE FedaPay is called (so a transaction FedaPay created can
 * always be found), then given FedaPay's transaction id. A provider that fails marks it `failed`:
 * nothing was charged.
 */
import { randomBytes } from 'node:crypto';
import type { CloudContext } from '../context.js';
import type { Caller } from '../http/guards.js';
import type { ServerWriter } from '../sync/serverWrite.js';
import type { Providers } from '../providers/providers.js';
import { PaymentProviderError, type CheckoutCustomer } from '../providers/payments/port.js';
import { quotePlan } from '../../shared/billing/purchases.js';
import type { Locale } from '../../shared/i18n/texts.js';
import { isUuid, newId } from '../../shared/domain/ids.js';
import type { Catalogue } from './catalogue.js';
import { insertCheckout, locateByReturnToken, locateByTransaction, payerOf, readCheckout, setCheckoutTransaction, settleCheckout, type CheckoutLocation, type CheckoutRecord, type NewCheckout } from './checkoutSql.js';
import { paymentOfCheckout, formatReceiptNumber, type PaymentRecord } from './paymentsSql.js';
import { settleTransaction, type Settlement } from './paymentEffects.js';
import { paymentText } from './paymentTexts.js';
import type { CheckoutCreatedResponse, CheckoutStatusResponse, PurchaseKind } from './paymentSchemas.js';
import type { CheckoutBody } from './schemas.js';
import { readSubscription } from './subscriptionsSql.js';
import { billingError } from './texts.js';
import { DEFAULT_TIMEZONE } from './billingService.js';

/** A return page or a poll asks FedaPay about one checkout at most this often. */
export const POLL_INTERVAL_MS = 3_000;
/** 24 base62 characters (~143 bits) from the CSPRNG. */
const TOKEN_LENGTH = 24;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const RETURN_TOKEN_PATTERN = /^[0-9A-Za-z]{24}$/;

export function newReturnToken(): string {
  let out = '';
  while (out.length < TOKEN_LENGTH) {
    for (const byte of randomBytes(32)) {
      if (byte < 248 && out.length < TOKEN_LENGTH) out += BASE62[byte % 62]; // 248 = 4 × 62: no bias
    }
  }
  return out;
}

export type SettleOutcome = Settlement | 'unknown' | 'ignored';

export interface CheckoutView {
  checkout: CheckoutRecord;
  payment: PaymentRecord | null;
}

export class CheckoutService {
  private readonly lastPoll = new Map<string, number>();

  constructor(
    private readonly ctx: Pick<CloudContext, 'db' | 'now' | 'logger' | 'config'>,
    private readonly catalogue: Catalogue,
    private readonly writer: ServerWriter,
    private readonly providers: Providers,
  ) {}

  private get payments() {
    return this.providers.payments;
  }

  private settleDeps() {
    return { db: this.ctx.db, writer: this.writer, catalogue: this.catalogue, logger: this.ctx.logger, now: () => this.ctx.now() };
  }

  /** What `body` buys now, for how much, described for FedaPay. */
  private async quote(caller: Caller, body: CheckoutBody, locale: Locale): Promise<Pick<NewCheckout, 'kind' | 'planId' | 'cycle' | 'packId' | 'credits' | 'amount'> & { description: string }> {
    const { plans, packs } = await this.catalogue.read();
    if ('packId' in body) {
      const pack = packs.find((p) => p.id === body.packId);
      if (!pack || pack.price <= 0) throw billingError('unknown_pack', locale);
      return { kind: 'pack', planId: null, cycle: null, packId: pack.id, credits: pack.credits, amount: pack.price, description: paymentText('fr', 'describe.pack', { pack: pack.name }) };
    }
    const state = await this.ctx.db.readWorkshop(caller.workshopId, (tx) => readSubscription(tx, caller.workshopId));
    if (!state) throw billingError('no_subscription', locale);
    const quote = quotePlan(state, plans, body.planId, body.cycle, this.ctx.now());
    if (!quote.ok) throw billingError(quote.code, locale);
    const { purchase } = quote;
    const plan = plans.find((p) => p.id === purchase.planId)!;
    const cycle = paymentText('fr', purchase.cycle === 'yearly' ? 'cycle.yearly' : 'cycle.monthly');
    return { kind: purchase.kind, planId: purchase.planId, cycle: purchase.cycle, packId: null, credits: null, amount: purchase.amount, description: paymentText('fr', `describe.${purchase.kind}`, { plan: plan.name, cycle }) };
  }

  async checkout(caller: Caller, body: CheckoutBody, locale: Locale): Promise<CheckoutCreatedResponse> {
    const quoted = await this.quote(caller, body, locale);
    const { description, ...what } = quoted;
    const checkoutId = newId();
    const returnToken = newReturnToken();
    const returnUrl = `${this.ctx.config.publicUrl}/paiement/retour/${returnToken}`;
    const now = this.ctx.now();
    await this.ctx.db.withWorkshop(caller.workshopId, (tx) =>
      insertCheckout(tx, { id: checkoutId, workshopId: caller.workshopId, memberId: caller.memberId, provider: this.payments.kind, returnToken, ...what }, now),
    );
    const payer = await this.ctx.db.system((tx) => payerOf(tx, caller.userId));
    try {
      const created = await this.payments.createCheckout({
        amount: what.amount,
        description,
        callbackUrl: returnUrl,
        ...(payer ? { customer: customer(payer) } : {}),
        metadata: { checkoutId, workshopId: caller.workshopId },
      });
      await this.ctx.db.withWorkshop(caller.workshopId, (tx) => setCheckoutTransaction(tx, checkoutId, created.kind, created.transactionId));
      return { checkoutId, transactionId: created.transactionId, url: created.url, kind: what.kind, amount: what.amount, returnUrl };
    } catch (error) {
      await this.ctx.db.withWorkshop(caller.workshopId, (tx) => settleCheckout(tx, checkoutId, 'failed', this.ctx.now()));
      if (!(error instanceof PaymentProviderError)) throw error;
      this.ctx.logger.warn({ checkoutId, workshopId: caller.workshopId, code: error.code, httpStatus: error.httpStatus }, 'FedaPay checkout not created');
      throw error.permanent ? billingError('payment_refused', locale, { reason: error.reason }) : billingError('payment_unavailable', locale, { reason: error.reason });
    }
  }

  /**
   * Reads `transactionId` back from FedaPay and settles its checkout. `unknown`: no checkout of
   * ours has it. Throws the PaymentProviderError of a FedaPay that did not answer.
   */
  async settleTransactionId(transactionId: string): Promise<SettleOutcome> {
    const location = await this.ctx.db.system((tx) => locateByTransaction(tx, transactionId));
    if (!location) return this.settleUnrecorded(transactionId);
    return this.settleAt(location, transactionId);
  }

  /**
   * A transaction no checkout has recorded: FedaPay created it but our write of its id was lost
   * (the process stopped between FedaPay's answer and that write). FedaPay's own copy of the
   * metadata we sent (read back, never the webhook's) names the checkout; a pending checkout
   * without a transaction id takes it, then settles as usual. Anything else is `unknown`.
   */
  private async settleUnrecorded(transactionId: string): Promise<SettleOutcome> {
    if (this.payments.kind === 'outbox') return 'unknown';
    let transaction;
    try {
      transaction = await this.payments.retrieve(transactionId);
    } catch (error) {
      if (error instanceof PaymentProviderError && error.code === 'not_found') return 'unknown';
      throw error;
    }
    const { checkoutId, workshopId } = transaction.metadata;
    if (!isUuid(checkoutId) || !isUuid(workshopId)) return 'unknown';
    const adopted = await this.ctx.db.withWorkshop(workshopId, async (tx) => {
      const checkout = await readCheckout(tx, checkoutId, { forUpdate: true });
      if (!checkout || checkout.transactionId !== null || checkout.status !== 'pending') return false;
      await setCheckoutTransaction(tx, checkoutId, this.payments.kind, transaction.id);
      return true;
    });
    if (!adopted) return 'unknown';
    this.ctx.logger.info({ checkoutId, workshopId, transactionId }, 'FedaPay transaction adopted by its checkout (its id had not been recorded)');
    return settleTransaction(this.settleDeps(), { checkoutId, workshopId }, transaction);
  }

  private async settleAt(location: CheckoutLocation, transactionId: string): Promise<SettleOutcome> {
    if (this.payments.kind === 'outbox') return 'pending'; // the outbox never pays
    let transaction;
    try {
      transaction = await this.payments.retrieve(transactionId);
    } catch (error) {
      if (error instanceof PaymentProviderError && error.code === 'not_found') return 'ignored';
      throw error;
    }
    return settleTransaction(this.settleDeps(), location, transaction);
  }

  /** A pending checkout asks FedaPay itself (at most every POLL_INTERVAL_MS), so a lost webhook still settles. */
  private async pollIfPending(view: CheckoutView): Promise<CheckoutView> {
    const { checkout } = view;
    if (checkout.status !== 'pending' || !checkout.transactionId) return view;
    const at = Date.now();
    const last = this.lastPoll.get(checkout.id);
    if (last !== undefined && at - last < POLL_INTERVAL_MS) return view;
    this.lastPoll.set(checkout.id, at);
    if (this.lastPoll.size > 10_000) this.lastPoll.delete(this.lastPoll.keys().next().value!);
    try {
      await this.settleAt({ checkoutId: checkout.id, workshopId: checkout.workshopId }, checkout.transactionId);
    } catch (error) {
      this.ctx.logger.warn({ checkoutId: checkout.id, code: (error as { code?: unknown }).code }, 'FedaPay poll failed; the checkout stays pending');
      return view;
    }
    return (await this.view(checkout.workshopId, checkout.id)) ?? view;
  }

  private view(workshopId: string, checkoutId: string): Promise<CheckoutView | null> {
    return this.ctx.db.withWorkshop(workshopId, async (tx) => {
      const checkout = await readCheckout(tx, checkoutId);
      return checkout ? { checkout, payment: checkout.status === 'paid' ? await paymentOfCheckout(tx, checkout.id) : null } : null;
    });
  }

  /** The return page's checkout (by its token), settled with FedaPay first while pending; null when unknown. */
  async byReturnToken(token: string): Promise<CheckoutView | null> {
    if (!RETURN_TOKEN_PATTERN.test(token)) return null;
    const location = await this.ctx.db.system((tx) => locateByReturnToken(tx, token));
    if (!location) return null;
    const view = await this.view(location.workshopId, location.checkoutId);
    return view ? this.pollIfPending(view) : null;
  }

  /** The workshop's timezone (its subscription's), for the dates the return page shows. */
  async timezoneOf(workshopId: string): Promise<string> {
    const state = await this.ctx.db.readWorkshop(workshopId, (tx) => readSubscription(tx, workshopId));
    return state?.timezone ?? DEFAULT_TIMEZONE;
  }

  /** GET /api/billing/checkouts/:id: the caller's workshop's checkout only (another's is not found). */
  async status(caller: Caller, checkoutId: string, locale: Locale): Promise<CheckoutStatusResponse> {
    const found = await this.view(caller.workshopId, checkoutId);
    if (!found) throw billingError('payment_not_found', locale);
    const { checkout, payment } = await this.pollIfPending(found);
    return {
      id: checkout.id,
      status: checkout.status,
      kind: checkout.kind as PurchaseKind,
      amount: checkout.amount,
      transactionId: checkout.transactionId,
      planId: checkout.planId,
      cycle: checkout.cycle,
      packId: checkout.packId,
      createdAt: checkout.createdAt,
      settledAt: checkout.settledAt,
      paymentId: payment?.id ?? null,
      receiptNumber: payment ? formatReceiptNumber(payment.receiptNumber) : null,
    };
  }
}

function customer(payer: { name: string; phone: string; email: string | null }): CheckoutCustomer {
  const [firstname, ...rest] = payer.name.trim().split(/\s+/);
  return {
    ...(firstname ? { firstname } : {}),
    ...(rest.length ? { lastname: rest.join(' ') } : {}),
    ...(payer.email ? { email: payer.email } : {}),
    phone: payer.phone,
  };
}
