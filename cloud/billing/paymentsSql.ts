/**
 * `billing_payments`: insert-only (the application's role may not update or delete it), one row
 * per FedaPay transaction that took effect. `transaction_id` is unique: it is the exactly-once
 * key. A receipt number comes from the sequence `billing_receipt_number` only when the row is
 * really inserted, so duplicates of a webhook burn no number.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import type { BillingCycle } from '../../shared/billing/plans.js';
import { isoOrNull } from './subscriptionsSql.js';
import type { PurchaseKind } from './paymentSchemas.js';

export interface PaymentRecord {
  id: string;
  workshopId: string;
  checkoutId: string;
  transactionId: string;
  receiptNumber: number;
  kind: PurchaseKind;
  planId: string | null;
  cycle: BillingCycle | null;
  packId: string | null;
  credits: number | null;
  amount: number;
  periodEnd: string | null;
  method: string | null;
  paidAt: string;
}

interface StoredPayment {
  id: string;
  workshop_id: string;
  checkout_id: string;
  transaction_id: string;
  receipt_number: number | string;
  kind: PurchaseKind;
  plan_id: string | null;
  cycle: BillingCycle | null;
  pack_id: string | null;
  credits: number | null;
  amount: number | string;
  period_end: unknown;
  method: string | null;
  paid_at: unknown;
}

const COLUMNS = sql.raw('id, workshop_id, checkout_id, transaction_id, receipt_number, kind, plan_id, cycle, pack_id, credits, amount, period_end, method, paid_at');

function toRecord(row: StoredPayment): PaymentRecord {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    checkoutId: row.checkout_id,
    transactionId: row.transaction_id,
    receiptNumber: Number(row.receipt_number),
    kind: row.kind,
    planId: row.plan_id,
    cycle: row.cycle,
    packId: row.pack_id,
    credits: row.credits === null ? null : Number(row.credits),
    amount: Number(row.amount),
    periodEnd: isoOrNull(row.period_end),
    method: row.method,
    paidAt: isoOrNull(row.paid_at) ?? '',
  };
}

/** Serialises the settlements of one FedaPay transaction until the transaction ends (any workshop). */
export async function lockTransaction(tx: Tx, transactionId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`payment:${transactionId}`}, 0))`);
}

export async function paymentOfTransaction(tx: Tx, transactionId: string): Promise<PaymentRecord | null> {
  const [row] = await rows<StoredPayment>(tx, sql`SELECT ${COLUMNS} FROM billing_payments WHERE transaction_id = ${transactionId}`);
  return row ? toRecord(row) : null;
}

export type NewPayment = Omit<PaymentRecord, 'receiptNumber'>;

/**
 * Records a payment once: null when its transaction already has one (then nothing may be applied).
 * Callers hold `lockTransaction`, so a duplicate normally never reaches the insert; the unique key
 * is the guarantee should one ever do.
 */
export async function insertPayment(tx: Tx, p: NewPayment): Promise<PaymentRecord | null> {
  const [row] = await rows<StoredPayment>(
    tx,
    sql`INSERT INTO billing_payments (id, workshop_id, checkout_id, transaction_id, receipt_number, kind, plan_id, cycle, pack_id, credits, amount, period_end, method, paid_at)
      SELECT ${p.id}, ${p.workshopId}, ${p.checkoutId}, ${p.transactionId}, nextval('billing_receipt_number'), ${p.kind}, ${p.planId}, ${p.cycle}, ${p.packId},
             ${p.credits}, ${p.amount}, ${p.periodEnd}, ${p.method}, ${p.paidAt}
      WHERE NOT EXISTS (SELECT 1 FROM billing_payments WHERE transaction_id = ${p.transactionId})
      ON CONFLICT (transaction_id) DO NOTHING
      RETURNING ${COLUMNS}`,
  );
  return row ? toRecord(row) : null;
}

/** The workshop's payments, newest first. */
export async function listPayments(tx: Tx, workshopId: string, limit = 200): Promise<PaymentRecord[]> {
  const found = await rows<StoredPayment>(tx, sql`SELECT ${COLUMNS} FROM billing_payments WHERE workshop_id = ${workshopId} ORDER BY paid_at DESC, receipt_number DESC LIMIT ${limit}`);
  return found.map(toRecord);
}

export async function readPayment(tx: Tx, workshopId: string, paymentId: string): Promise<PaymentRecord | null> {
  const [row] = await rows<StoredPayment>(tx, sql`SELECT ${COLUMNS} FROM billing_payments WHERE workshop_id = ${workshopId} AND id = ${paymentId}`);
  return row ? toRecord(row) : null;
}

export async function paymentOfCheckout(tx: Tx, checkoutId: string): Promise<PaymentRecord | null> {
  const [row] = await rows<StoredPayment>(tx, sql`SELECT ${COLUMNS} FROM billing_payments WHERE checkout_id = ${checkoutId}`);
  return row ? toRecord(row) : null;
}

/** STY-000042 */
export function formatReceiptNumber(n: number): string {
  return `STY-${String(n).padStart(6, '0')}`;
}
