/**
 * The receipt of a Styliste subscription payment (A5): Styliste as the seller, the workshop as
 * the buyer, the receipt's number (STY-000042), the date in the workshop's timezone, what was
 * bought, the amount in FCFA, FedaPay's transaction reference and the payment method.
 */
import { text, type Locale, type TextParams } from '../i18n/texts.js';
import { DOCUMENT_TEXTS } from './texts.js';
import { BILLING_DOCUMENT_TEXTS, type BillingDocumentTextKey } from './billingTexts.js';
import { drawHeader, drawRow, drawSection, pdfDate, pdfDateTime, pdfMoney, pdfPhone, pdfText, renderPdf, INK, MUTED } from './pdfDocument.js';

export type BillingPurchaseKind = 'plan' | 'renewal' | 'upgrade' | 'pack';

export interface BillingPurchase {
  kind: BillingPurchaseKind;
  planName: string | null;
  cycle: 'monthly' | 'yearly' | null;
  packName: string | null;
  credits: number | null;
}

export interface BillingReceiptInput {
  workshop: { name: string; phone: string | null; city: string | null; timezone: string };
  receiptNumber: string;
  paidAt: string;
  purchase: BillingPurchase;
  /** Whole FCFA. */
  amount: number;
  periodEnd: string | null;
  transactionId: string;
  /** FedaPay's mode (mtn, moov…), or null. */
  method: string | null;
  locale?: Locale;
}

/** What was bought, in words (the receipt's line and the payment history's). */
export function describePurchase(p: BillingPurchase, locale: Locale = 'fr'): string {
  const say = (key: BillingDocumentTextKey, params?: TextParams) => text(BILLING_DOCUMENT_TEXTS, locale, key, params);
  const cycle = say(p.cycle === 'yearly' ? 'cycleYearly' : 'cycleMonthly');
  const plan = p.planName ?? '';
  switch (p.kind) {
    case 'pack':
      return say('whatPack', { pack: p.packName ?? '' });
    case 'upgrade':
      return say('whatUpgrade', { plan });
    case 'renewal':
      return say('whatRenewal', { plan, cycle });
    default:
      return say('whatPlan', { plan, cycle });
  }
}

const METHOD_NAMES: Record<string, string> = { mtn: 'MTN Mobile Money', moov: 'Moov Money', mtn_open: 'MTN Mobile Money', moov_tg: 'Moov Money', togocel: 'T-Money', sbin: 'Celtiis Cash' };

export function buildBillingReceiptPdf(input: BillingReceiptInput): Promise<Uint8Array> {
  const locale = input.locale ?? 'fr';
  const tz = input.workshop.timezone;
  const say = (key: BillingDocumentTextKey, params?: TextParams) => text(BILLING_DOCUMENT_TEXTS, locale, key, params);
  const seller = { name: say('seller'), phone: null, city: say('sellerLine'), timezone: tz };
  return renderPdf(
    { size: 'A5', margin: 36, info: { Title: say('receiptDocTitle', { number: input.receiptNumber }), Author: say('seller'), Subject: say('receiptSubject') }, lang: DOCUMENT_TEXTS[locale].intl },
    (doc) => {
      drawHeader(doc, seller, say('receiptTitle'), [say('receiptNumber', { number: input.receiptNumber }), say('date', { date: pdfDate(input.paidAt, tz, locale) })]);

      doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(pdfText(say('billedTo')));
      doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text(pdfText(input.workshop.name));
      const contact = [pdfPhone(input.workshop.phone), input.workshop.city ? pdfText(input.workshop.city) : ''].filter(Boolean).join(' - ');
      if (contact) doc.font('Helvetica').fontSize(10).text(contact);

      drawSection(doc, say('designation'));
      drawRow(doc, describePurchase(input.purchase, locale), pdfMoney(input.amount, locale));
      const notes: string[] = [];
      if (input.periodEnd) notes.push(say('periodEnd', { date: pdfDate(input.periodEnd, tz, locale) }));
      if (input.purchase.kind === 'pack' && input.purchase.credits) notes.push(say('credits', { credits: input.purchase.credits }));
      for (const note of notes) doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(pdfText(note));
      doc.moveDown(0.3);
      drawRow(doc, say('total'), pdfMoney(input.amount, locale), { bold: true, size: 12 });

      drawSection(doc, say('payment'));
      drawRow(doc, say('paidOn'), pdfDateTime(input.paidAt, tz, locale));
      drawRow(doc, say('method'), !input.method ? say('methodUnknown') : input.method === 'card' ? say('methodCard') : (METHOD_NAMES[input.method] ?? input.method));
      drawRow(doc, say('reference'), input.transactionId);

      doc.moveDown(0.8);
      doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(pdfText(say('vatNote')));
      doc.moveDown(0.6);
      doc.font('Helvetica-Oblique').fontSize(8.5).fillColor(MUTED).text(pdfText(say('thanks')), { align: 'center' });
    },
  );
}
