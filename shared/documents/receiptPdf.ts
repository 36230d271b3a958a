/**
 * The receipt handed to the client (A5): the workshop, the order number, the client, what is
 * made and for how much, the deposit and every payment (reversals shown as such), the balance
 * due and the promised date. Built from the `orderDetail` and `settings` queries.
 */
import type { OrderDetail } from '../engine/queries/orderQueries.js';
import { PAYMENT_METHOD_LABELS, PAYMENT_METHODS } from '../domain/payments.js';
import { ORDER_STATUS_LABELS } from '../domain/orderStatus.js';
import { text, type Locale, type TextParams } from '../i18n/texts.js';
import { DOCUMENT_TEXTS, type DocumentTextKey } from './texts.js';
import { drawHeader, drawRow, drawSection, pdfDate, pdfDay, pdfMoney, pdfPhone, pdfText, renderPdf, MUTED, INK, ACCENT, type WorkshopHeader } from './pdfDocument.js';

export type ReceiptOrder = Pick<
  OrderDetail,
  'number' | 'clientName' | 'clientPhone' | 'garmentTypeName' | 'description' | 'fabricSource' | 'fabricPagnes' | 'price' | 'paid' | 'balance' | 'status' | 'promisedDate' | 'createdAt' | 'payments'
>;

export interface ReceiptInput {
  workshop: WorkshopHeader;
  order: ReceiptOrder;
  /** When the receipt is printed (default: now). */
  issuedAt?: Date;
  /** The receipt's language (default: French). */
  locale?: Locale;
}

type Say = (key: DocumentTextKey, params?: TextParams) => string;

function methodLabel(method: string, locale: Locale): string {
  const known = PAYMENT_METHODS.find((m) => m === method);
  return known ? PAYMENT_METHOD_LABELS[locale][known] : method;
}

function fabricLine(order: ReceiptOrder, say: Say, locale: Locale): string {
  const n = order.fabricPagnes;
  const count = n ? say(n > 1 ? 'pagnesCountMany' : 'pagnesCount', { n: String(n).replace('.', DOCUMENT_TEXTS[locale].decimal) }) : '';
  return say(order.fabricSource === 'workshop' ? 'fabricWorkshop' : 'fabricClient', { count });
}

function paymentLabel(payment: ReceiptOrder['payments'][number], all: ReceiptOrder['payments'], timeZone: string, say: Say, locale: Locale): string {
  const date = pdfDate(payment.paidAt, timeZone, locale);
  if (payment.kind === 'reversal') {
    const target = all.find((p) => p.id === payment.reverses);
    const targetDate = target ? pdfDate(target.paidAt, timeZone, locale) : date;
    return targetDate === date ? say('reversalOf', { date: targetDate }) : say('reversalOn', { date: targetDate, on: date });
  }
  const line = say(payment.kind === 'deposit' ? 'deposit' : 'instalment', { date, method: methodLabel(payment.method, locale) });
  return payment.reversed ? line + say('reversed') : line;
}

export function buildReceiptPdf({ workshop, order, issuedAt = new Date(), locale = 'fr' }: ReceiptInput): Promise<Uint8Array> {
  const tz = workshop.timezone;
  const say: Say = (key, params) => text(DOCUMENT_TEXTS, locale, key, params);
  const money = (amount: number) => pdfMoney(amount, locale);
  return renderPdf(
    { size: 'A5', margin: 36, info: { Title: say('receiptDocTitle', { number: order.number }), Author: workshop.name, Subject: say('receiptSubject') }, lang: say('intl') },
    (doc) => {
      drawHeader(doc, workshop, say('receiptTitle'), [say('orderNumber', { number: order.number }), say('date', { date: pdfDate(issuedAt, tz, locale) })]);

      doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(say('client'));
      doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text(pdfText(order.clientName));
      if (order.clientPhone) doc.font('Helvetica').fontSize(10).text(pdfPhone(order.clientPhone));
      doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(say('orderOf', { date: pdfDate(order.createdAt, tz, locale), status: ORDER_STATUS_LABELS[locale][order.status] }));

      drawSection(doc, say('designation'));
      const garment = [order.garmentTypeName, order.description].filter(Boolean).join(' - ') || say('tailoring');
      drawRow(doc, garment, money(order.price));
      doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(pdfText(fabricLine(order, say, locale)));
      doc.moveDown(0.3);
      drawRow(doc, say('totalPrice'), money(order.price), { bold: true });

      drawSection(doc, say('payments'));
      if (order.payments.length === 0) {
        doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(pdfText(say('noPayment')));
        doc.moveDown(0.3);
      }
      for (const payment of order.payments) {
        drawRow(doc, paymentLabel(payment, order.payments, tz, say, locale), money(payment.amount), { color: payment.kind === 'reversal' || payment.reversed ? MUTED : INK });
      }
      drawRow(doc, say('totalPaid'), money(order.paid), { bold: true });

      doc.moveDown(0.5);
      const cancelled = order.status === 'cancelled';
      const balanceLabel = cancelled && order.balance < 0 ? say('refundToClient') : say('balanceDue');
      const balance = cancelled && order.balance < 0 ? -order.balance : Math.max(order.balance, 0);
      drawRow(doc, balanceLabel, money(balance), { bold: true, size: 13, color: balance > 0 ? ACCENT : INK });
      if (!cancelled && order.balance < 0) drawRow(doc, say('overpaid'), money(-order.balance), { size: 10 });

      doc.moveDown(0.8);
      doc.font('Helvetica').fontSize(10).fillColor(INK);
      if (cancelled) doc.text(pdfText(say('cancelled')));
      else if (order.status !== 'delivered') doc.text(pdfText(say('deliveryPlanned', { date: pdfDay(order.promisedDate, locale) })));
      else doc.text(pdfText(say('delivered')));

      doc.moveDown(1);
      doc.font('Helvetica-Oblique').fontSize(8.5).fillColor(MUTED)
        .text(pdfText(say('thanks')), { align: 'center' });
    },
  );
}
