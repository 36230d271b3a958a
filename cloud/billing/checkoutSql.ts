/**
 * `billing_checkouts`: one row per payment started (what it buys, for how much, FedaPay's
 * transaction id, the return page's token, its status). Read and written inside the workshop's
 * `withWorkshop`; found across workshops (by transaction id or return token) through `system`,
 * which only ever answers ids.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import type { BillingCycle } from '../../shared/billing/plans.js';
import { isoOrNull } from './subscriptionsSql.js';
import type { CheckoutStatus, PurchaseKind } from './paymentSchemas.js';

export interface CheckoutRecord {
  id: string;
  workshopId: string;
  memberId: string;
  kind: PurchaseKind;
  planId: string | null;
  cycle: BillingCycle | null;
  packId: string | null;
  credits: number | null;
  amount: number;
  provider: 'fedapay' | 'outbox';
  transactionId: string | null;
  returnToken: string;
  status: CheckoutStatus;
  createdAt: string;
  settledAt: string | null;
}

interface StoredCheckout {
  id: string;
  workshop_id: string;
  member_id: string;
  kind: PurchaseKind;
  plan_id: string | null;
  cycle: BillingCycle | null;
  pack_id: string | null;
  credits: number | null;
  amount: number | string;
  provider: 'fedapay' | 'outbox';
  transaction_id: string | null;
  return_token: string;
  status: CheckoutStatus;
  created_at: unknown;
  settled_at: unknown;
}

const COLUMNS = sql.raw('id, workshop_id, member_id, kind, plan_id, cycle, pack_id, credits, amount, provider, transaction_id, return_token, status, created_at, settled_at');

function toRecord(row: StoredCheckout): CheckoutRecord {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    memberId: row.member_id,
    kind: row.kind,
    planId: row.plan_id,
    cycle: row.cycle,
    packId: row.pack_id,
    credits: row.credits === null ? null : Number(row.credits),
    amount: Number(row.amount),
    provider: row.provider,
    transactionId: row.transaction_id,
    returnToken: row.return_token,
    status: row.status,
    createdAt: isoOrNull(row.created_at) ?? '',
    settledAt: isoOrNull(row.settled_at),
  };
}

export type NewCheckout = Omit<CheckoutRecord, 'transactionId' | 'status' | 'createdAt' | 'settledAt'>;

export async function insertCheckout(tx: Tx, c: NewCheckout, now: Date): Promise<void> {
  await tx.execute(sql`
    INSERT INTO billing_checkouts (id, workshop_id, member_id, kind, plan_id, cycle, pack_id, credits, amount, provider, return_token, status, created_at)
    VALUES (${c.id}, ${c.workshopId}, ${c.memberId}, ${c.kind}, ${c.planId}, ${c.cycle}, ${c.packId}, ${c.credits}, ${c.amount}, ${c.provider}, ${c.returnToken}, 'pending', ${now.toISOString()})`);
}

/** FedaPay's transaction id, once `createCheckout` answered. */
export async function setCheckoutTransaction(tx: Tx, checkoutId: string, provider: 'fedapay' | 'outbox', transactionId: string): Promise<void> {
  await tx.execute(sql`UPDATE billing_checkouts SET transaction_id = ${transactionId}, provider = ${provider} WHERE id = ${checkoutId}`);
}

/**
 * Settles a checkout: `paid` always wins (the payment row is the truth); the other outcomes only
 * move a checkout still pending (a late "declined" never undoes a payment).
 */
export async function settleCheckout(tx: Tx, checkoutId: string, status: Exclude<CheckoutStatus, 'pending'>, now: Date): Promise<void> {
  if (status === 'paid') {
    await tx.execute(sql`UPDATE billing_checkouts SET status = 'paid', settled_at = COALESCE(settled_at, ${now.toISOString()}) WHERE id = ${checkoutId}`);
    return;
  }
  await tx.execute(sql`UPDATE billing_checkouts SET status = ${status}, settled_at = ${now.toISOString()} WHERE id = ${checkoutId} AND status = 'pending'`);
}

export async function readCheckout(tx: Tx, checkoutId: string, options: { forUpdate?: boolean } = {}): Promise<CheckoutRecord | null> {
  const [row] = await rows<StoredCheckout>(tx, sql`SELECT ${COLUMNS} FROM billing_checkouts WHERE id = ${checkoutId}${options.forUpdate ? sql` FOR UPDATE` : sql``}`);
  return row ? toRecord(row) : null;
}

export interface CheckoutLocation {
  checkoutId: string;
  workshopId: string;
}

/** Across workshops (a `system` transaction): which checkout a FedaPay transaction belongs to. */
export async function locateByTransaction(tx: Tx, transactionId: string): Promise<CheckoutLocation | null> {
  const [row] = await rows<{ id: string; workshop_id: string }>(tx, sql`SELECT id, workshop_id FROM billing_checkouts WHERE transaction_id = ${transactionId}`);
  return row ? { checkoutId: row.id, workshopId: row.workshop_id } : null;
}

/** Across workshops (a `system` transaction): the checkout of a return page's token. */
export async function locateByReturnToken(tx: Tx, token: string): Promise<CheckoutLocation | null> {
  const [row] = await rows<{ id: string; workshop_id: string }>(tx, sql`SELECT id, workshop_id FROM billing_checkouts WHERE return_token = ${token}`);
  return row ? { checkoutId: row.id, workshopId: row.workshop_id } : null;
}

/** The owner's name, phone and e-mail (the FedaPay customer), from the accounts (a `system` transaction). */
export async function payerOf(tx: Tx, userId: string): Promise<{ name: string; phone: string; email: string | null } | null> {
  const [row] = await rows<{ name: string; phone: string; email: string | null }>(tx, sql`SELECT name, phone, email FROM users WHERE id = ${userId}`);
  return row ?? null;
}
