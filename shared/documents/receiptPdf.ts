/**
 * The receipt handed to the client (A5): the workshop, the order number, the client, what is
 * made and for how much, the deposit and every payment (reversals shown as such), the balance
 * due and the promised date. Built from the `orderDetail` and `settings` queries.
 */
import type { OrderDetail } from '../engine/queries/orderQueries.js';
import { PAYMENT_METHOD_LABELS, type PaymentMethod } from '../domain/payments.js';
import { ORDER_STATUS_LABELS } from '../domain/orderStatus.js';
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
}

function methodLabel(method: string): string {
  return PAYMENT_METHOD_LABELS[method as PaymentMethod]?.fr ?? method;
}

function pagnes(n: number): string {
  const text = String(n).replace('.', ',');
  return `${text} pagne${n > 1 ? 's' : ''}`;
}

function fabricLine(order: ReceiptOrder): string {
  const count = order.fabricPagnes ? ` (${pagnes(order.fabricPagnes)})` : '';
  return order.fabricSource === 'workshop' ? `Tissu fourni par l'atelier${count}` : `Tissu apporté par le client${count}`;
}

function paymentLabel(payment: ReceiptOrder['payments'][number], all: ReceiptOrder['payments'], timeZone: string): string {
  const date = pdfDate(payment.paidAt, timeZone);
  if (payment.kind === 'reversal') {
    const target = all.find((p) => p.id === payment.reverses);
    const targetDate = target ? pdfDate(target.paidAt, timeZone) : date;
    return `Annulation du paiement du ${targetDate}${targetDate === date ? '' : ` (le ${date})`}`;
  }
  const kind = payment.kind === 'deposit' ? 'Acompte' : 'Versement';
  return `${kind} du ${date} - ${methodLabel(payment.method)}${payment.reversed ? ' (annulé)' : ''}`;
}

export function buildReceiptPdf({ workshop, order, issuedAt = new Date() }: ReceiptInput): Promise<Uint8Array> {
  const tz = workshop.timezone;
  return renderPdf(
    { size: 'A5', margin: 36, info: { Title: `Reçu - commande ${order.number}`, Author: workshop.name, Subject: 'Reçu' }, lang: 'fr-FR' },
    (doc) => {
      drawHeader(doc, workshop, 'REÇU', [`Commande n° ${order.number}`, `Date : ${pdfDate(issuedAt, tz)}`]);

      doc.font('Helvetica').fontSize(9).fillColor(MUTED).text('Client');
      doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text(pdfText(order.clientName));
      if (order.clientPhone) doc.font('Helvetica').fontSize(10).text(pdfPhone(order.clientPhone));
      doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(`Commande du ${pdfDate(order.createdAt, tz)} - ${ORDER_STATUS_LABELS[order.status].fr}`);

      drawSection(doc, 'Désignation');
      const garment = [order.garmentTypeName, order.description].filter(Boolean).join(' - ') || 'Confection';
      drawRow(doc, garment, pdfMoney(order.price));
      doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(pdfText(fabricLine(order)));
      doc.moveDown(0.3);
      drawRow(doc, 'Prix total', pdfMoney(order.price), { bold: true });

      drawSection(doc, 'Paiements');
      if (order.payments.length === 0) {
        doc.font('Helvetica').fontSize(10).fillColor(MUTED).text('Aucun paiement reçu.');
        doc.moveDown(0.3);
      }
      for (const payment of order.payments) {
        drawRow(doc, paymentLabel(payment, order.payments, tz), pdfMoney(payment.amount), { color: payment.kind === 'reversal' || payment.reversed ? MUTED : INK });
      }
      drawRow(doc, 'Total payé', pdfMoney(order.paid), { bold: true });

      doc.moveDown(0.5);
      const cancelled = order.status === 'cancelled';
      const balanceLabel = cancelled ? (order.balance < 0 ? 'À rembourser au client' : 'Reste à payer') : 'Reste à payer';
      const balance = cancelled && order.balance < 0 ? -order.balance : Math.max(order.balance, 0);
      drawRow(doc, balanceLabel, pdfMoney(balance), { bold: true, size: 13, color: balance > 0 ? ACCENT : INK });
      if (!cancelled && order.balance < 0) drawRow(doc, 'Trop-perçu à rendre', pdfMoney(-order.balance), { size: 10 });

      doc.moveDown(0.8);
      doc.font('Helvetica').fontSize(10).fillColor(INK);
      if (cancelled) doc.text('Commande annulée.');
      else if (order.status !== 'delivered') doc.text(`Livraison prévue : ${pdfDay(order.promisedDate)}`);
      else doc.text('Commande livrée.');

      doc.moveDown(1);
      doc.font('Helvetica-Oblique').fontSize(8.5).fillColor(MUTED)
        .text(pdfText('Merci de votre confiance. Présentez ce reçu au retrait de votre commande.'), { align: 'center' });
    },
  );
}
