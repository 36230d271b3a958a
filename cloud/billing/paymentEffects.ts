/**
 * What a FedaPay transaction does to its checkout, exactly once. The transaction given here is
 * always FedaPay's own answer to `retrieve` (never a webhook's copy); the webhook and the return
 * page both come through `settleTransaction`.
 *
 * - approved/transferred, same amount (whole FCFA), XOF or no currency said, metadata naming this
 *   checkout when it names one: in ONE `withWorkshop` transaction, under a lock on the
 *   transaction id, the payment row is inserted (its `transaction_id` is unique) and only when it
 *   was inserted does the purchase take effect — a plan through `applyPurchase` and the one
 *   subscription write `saveSubscription` with the period's due monthly credits (keys from
 *   `dueMonthlyGrants`), an upgrade's extra monthly credits once (`upgrade:<txid>`), a pack's
 *   credits once (`payment:<txid>`) — and the checkout is marked paid. Any failure rolls it all back.
 * - another amount, currency or checkout, or an upgrade whose period is over or whose plan is no
 *   longer dearer than the current one: refused (`mismatch`), logged with ids and amounts only.
 * - declined, canceled, expired, refunded before taking effect: the checkout is `declined`.
 * - anything else (pending…): nothing, FedaPay will tell again.
 */
import type { Logger } from 'pino';
import type { CloudDb, Tx } from '../db/client.js';
import type { ServerWriter } from '../sync/serverWrite.js';
import type { PaymentTransaction } from '../providers/payments/port.js';
import { applyPurchase, type PlanPurchase } from '../../shared/billing/purchases.js';
import { dueMonthlyGrants, type SubscriptionState } from '../../shared/billing/lifecycle.js';
import { FREE_PLAN_ID, type Plan } from '../../shared/billing/plans.js';
import { newId } from '../../shared/domain/ids.js';
import { addCredits } from '../notifications/credits.js';
import type { Catalogue } from './catalogue.js';
import { readCheckout, settleCheckout, type CheckoutLocation, type CheckoutRecord } from './checkoutSql.js';
import { insertPayment, lockTransaction, paymentOfTransaction } from './paymentsSql.js';
import { readSubscription, saveSubscription } from './subscriptionsSql.js';

export type Settlement = 'applied' | 'already_applied' | 'pending' | 'declined' | 'mismatch';

const PAID_STATUSES = new Set(['approved', 'transferred']);
const DECLINED_STATUSES = new Set(['declined', 'canceled', 'cancelled', 'expired', 'refunded']);

export interface SettleDeps {
  db: CloudDb;
  writer: ServerWriter;
  catalogue: Catalogue;
  logger: Logger;
  now(): Date;
}

type Verdict = { kind: 'paid' } | { kind: 'declined' } | { kind: 'pending' } | { kind: 'mismatch'; why: 'amount' | 'currency' | 'checkout' };

/** FedaPay's reading of the transaction against what the checkout asked. */
export function judge(checkout: Pick<CheckoutRecord, 'id' | 'amount' | 'transactionId'>, t: PaymentTransaction): Verdict {
  const named = t.metadata.checkoutId;
  if ((named !== undefined && String(named) !== checkout.id) || (checkout.transactionId !== null && checkout.transactionId !== t.id)) return { kind: 'mismatch', why: 'checkout' };
  if (t.paid && PAID_STATUSES.has(t.status)) {
    if (t.currency !== null && t.currency !== 'XOF') return { kind: 'mismatch', why: 'currency' };
    if (t.amount !== checkout.amount) return { kind: 'mismatch', why: 'amount' };
    return { kind: 'paid' };
  }
  return DECLINED_STATUSES.has(t.status) ? { kind: 'declined' } : { kind: 'pending' };
}

/**
 * The purchase a paid plan checkout stands for now. A `plan` checkout paid while another payment
 * already gave the same plan a paid period (two checkouts paid one after the other) extends that
 * period like a renewal instead of starting it again from today.
 */
function purchaseOf(checkout: CheckoutRecord, state: SubscriptionState, plans: readonly Plan[], now: Date): PlanPurchase | 'stale_upgrade' {
  const purchase = { kind: checkout.kind, planId: checkout.planId!, cycle: checkout.cycle!, amount: checkout.amount } as PlanPurchase;
  const paidPeriod = state.status === 'active' && state.planId !== FREE_PLAN_ID && state.currentPeriodEnd !== null && Date.parse(state.currentPeriodEnd) > now.getTime();
  if (purchase.kind === 'plan' && paidPeriod && state.planId === purchase.planId) return { ...purchase, kind: 'renewal' };
  if (purchase.kind === 'upgrade') {
    // An upgrade's price is the difference for the days left of the period it was quoted in. Paid
    // after that period ended, or once the plan is already as dear (another upgrade paid first),
    // it no longer means anything: applyPurchase would give a whole new period for the difference,
    // or move the plan down. Refused like a mismatch (logged, for support to refund).
    const price = (id: string) => plans.find((p) => p.id === id)?.monthlyPrice ?? 0;
    if (!paidPeriod || price(purchase.planId) <= price(state.planId)) return 'stale_upgrade';
  }
  return purchase;
}

async function grantMonthlyCredits(tx: Tx, workshopId: string, state: SubscriptionState, plans: readonly Plan[], now: Date): Promise<void> {
  const credits = plans.find((p) => p.id === state.planId)?.limits.monthlyCredits ?? 0;
  if (credits <= 0) return;
  for (const grant of dueMonthlyGrants(state, now)) await addCredits(tx, workshopId, 'grant', credits, `monthly:${state.planId}`, grant.key);
}

/** Inside the workshop's transaction: the payment once, then its effect. */
async function applyOnce(deps: SettleDeps, tx: Tx, checkout: CheckoutRecord, t: PaymentTransaction, now: Date): Promise<Settlement> {
  const workshopId = checkout.workshopId;
  await lockTransaction(tx, t.id);
  if (await paymentOfTransaction(tx, t.id)) {
    await settleCheckout(tx, checkout.id, 'paid', now);
    return 'already_applied';
  }
  const { plans } = await deps.catalogue.read(tx);
  const base = {
    id: newId(),
    workshopId,
    checkoutId: checkout.id,
    transactionId: t.id,
    kind: checkout.kind,
    planId: checkout.planId,
    cycle: checkout.cycle,
    packId: checkout.packId,
    credits: checkout.credits,
    amount: t.amount,
    method: t.mode,
    paidAt: t.approvedAt && !Number.isNaN(Date.parse(t.approvedAt)) ? new Date(t.approvedAt).toISOString() : now.toISOString(),
  };
  if (checkout.kind === 'pack') {
    if (!(await insertPayment(tx, { ...base, periodEnd: null }))) return 'already_applied';
    if (checkout.credits && checkout.credits > 0) await addCredits(tx, workshopId, 'purchase', checkout.credits, checkout.packId ?? 'pack', `payment:${t.id}`);
    await settleCheckout(tx, checkout.id, 'paid', now);
    return 'applied';
  }
  const state = await readSubscription(tx, workshopId, { forUpdate: true });
  if (!state) throw new Error(`settle ${checkout.id}: the workshop has no subscription row`);
  const purchase = purchaseOf(checkout, state, plans, now);
  if (purchase === 'stale_upgrade') {
    deps.logger.warn({ checkoutId: checkout.id, workshopId, transactionId: t.id, why: 'stale_upgrade', amount: t.amount, planId: checkout.planId, currentPlanId: state.planId, status: state.status }, 'FedaPay payment refused: it does not match its checkout');
    await settleCheckout(tx, checkout.id, 'mismatch', now);
    return 'mismatch';
  }
  const next = applyPurchase(state, purchase, now);
  if (!(await insertPayment(tx, { ...base, kind: purchase.kind, periodEnd: next.currentPeriodEnd }))) return 'already_applied';
  await saveSubscription(deps.writer, tx, workshopId, next, plans, now);
  await grantMonthlyCredits(tx, workshopId, next, plans, now);
  if (purchase.kind === 'upgrade') {
    const before = plans.find((p) => p.id === state.planId)?.limits.monthlyCredits ?? 0;
    const after = plans.find((p) => p.id === next.planId)?.limits.monthlyCredits ?? 0;
    if (after > before) await addCredits(tx, workshopId, 'grant', after - before, `upgrade:${next.planId}`, `upgrade:${t.id}`);
  }
  await settleCheckout(tx, checkout.id, 'paid', now);
  return 'applied';
}

/** Settles the checkout at `location` with FedaPay's own reading of its transaction. */
export async function settleTransaction(deps: SettleDeps, location: CheckoutLocation, t: PaymentTransaction): Promise<Settlement> {
  const now = deps.now();
  return deps.db.withWorkshop(location.workshopId, async (tx) => {
    const checkout = await readCheckout(tx, location.checkoutId);
    if (!checkout) throw new Error(`settle: checkout ${location.checkoutId} vanished`);
    const verdict = judge(checkout, t);
    if (verdict.kind === 'paid') return applyOnce(deps, tx, checkout, t, now);
    if (verdict.kind === 'mismatch') {
      // Ids and amounts only: never the payer's name, phone or e-mail (the transaction carries them).
      deps.logger.warn(
        { checkoutId: checkout.id, workshopId: checkout.workshopId, transactionId: t.id, why: verdict.why, expected: checkout.amount, received: t.amount, currency: t.currency, status: t.status },
        'FedaPay payment refused: it does not match its checkout',
      );
      // A payment already recorded for this transaction stays (paid wins); a pending checkout is flagged.
      await settleCheckout(tx, checkout.id, 'mismatch', now);
      return 'mismatch';
    }
    if (verdict.kind === 'declined') {
      await settleCheckout(tx, checkout.id, 'declined', now);
      return 'declined';
    }
    return 'pending';
  });
}
