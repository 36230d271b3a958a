/**
 * The payment history and its receipts: `billing_payments` of the caller's workshop (row-level
 * security: another workshop's payment id is simply not found), described with the catalogue's
 * names, and a numbered PDF receipt (shared/documents/billingReceiptPdf.ts) dated in the
 * workshop's timezone.
 */
import { sql } from 'drizzle-orm';
import type { CloudDb } from '../db/client.js';
import { rows } from '../db/client.js';
import type { Caller } from '../http/guards.js';
import type { Locale } from '../../shared/i18n/texts.js';
import { buildBillingReceiptPdf, describePurchase, type BillingPurchase } from '../../shared/documents/billingReceiptPdf.js';
import type { Catalogue, CatalogueSnapshot } from './catalogue.js';
import { formatReceiptNumber, listPayments, readPayment, type PaymentRecord } from './paymentsSql.js';
import type { PaymentItem, PaymentsResponse } from './paymentSchemas.js';
import { billingError } from './texts.js';
import { DEFAULT_TIMEZONE } from './billingService.js';

function purchaseOf(p: PaymentRecord, catalogue: CatalogueSnapshot): BillingPurchase {
  return {
    kind: p.kind,
    planName: p.planId ? (catalogue.plans.find((plan) => plan.id === p.planId)?.name ?? p.planId) : null,
    cycle: p.cycle,
    packName: p.packId ? (catalogue.packs.find((pack) => pack.id === p.packId)?.name ?? p.packId) : null,
    credits: p.credits,
  };
}

export class Receipts {
  constructor(
    private readonly db: CloudDb,
    private readonly catalogue: Catalogue,
  ) {}

  async history(caller: Caller, locale: Locale): Promise<PaymentsResponse> {
    const [catalogue, payments] = [await this.catalogue.read(), await this.db.readWorkshop(caller.workshopId, (tx) => listPayments(tx, caller.workshopId))];
    return {
      payments: payments.map(
        (p): PaymentItem => ({
          id: p.id,
          receiptNumber: formatReceiptNumber(p.receiptNumber),
          paidAt: p.paidAt,
          kind: p.kind,
          description: describePurchase(purchaseOf(p, catalogue), locale),
          planId: p.planId,
          cycle: p.cycle,
          packId: p.packId,
          credits: p.credits,
          amount: p.amount,
          periodEnd: p.periodEnd,
          method: p.method,
          transactionId: p.transactionId,
        }),
      ),
    };
  }

  /** The receipt's PDF and its file name; 404 for a payment that is not the caller's workshop's. */
  async receipt(caller: Caller, paymentId: string, locale: Locale): Promise<{ pdf: Uint8Array; fileName: string }> {
    const catalogue = await this.catalogue.read();
    const found = await this.db.readWorkshop(caller.workshopId, async (tx) => {
      const payment = await readPayment(tx, caller.workshopId, paymentId);
      if (!payment) return null;
      const [shop] = await rows<{ name: string | null; phone: string | null; city: string | null; timezone: string | null }>(
        tx,
        sql`SELECT w.name, w.phone, w.city, COALESCE(s.timezone, w.timezone) AS timezone
          FROM workshop w LEFT JOIN subscriptions s ON s.workshop_id = w.id WHERE w.id = ${caller.workshopId}`,
      );
      return { payment, shop };
    });
    if (!found) throw billingError('receipt_not_found', locale);
    const { payment, shop } = found;
    const number = formatReceiptNumber(payment.receiptNumber);
    const pdf = await buildBillingReceiptPdf({
      workshop: { name: shop?.name ?? '', phone: shop?.phone ?? null, city: shop?.city ?? null, timezone: shop?.timezone ?? DEFAULT_TIMEZONE },
      receiptNumber: number,
      paidAt: payment.paidAt,
      purchase: purchaseOf(payment, catalogue),
      amount: payment.amount,
      periodEnd: payment.periodEnd,
      transactionId: payment.transactionId,
      method: payment.method,
      locale,
    });
    return { pdf, fileName: `${number}.pdf` };
  }
}
