/**
 * The measurement sheet (A4): the client, the garment, when the measures were taken, and every
 * measure with its label (French by default) and unit, two columns wide. Built from a sheet (or an order's
 * measurement snapshot), the garment type and the `settings` query.
 */
import { fieldLabel } from '../domain/measurementCatalogue.js';
import { text, type Locale, type TextParams } from '../i18n/texts.js';
import { DOCUMENT_TEXTS, type DocumentTextKey } from './texts.js';
import { drawHeader, drawSection, pdfDate, pdfPhone, pdfText, renderPdf, INK, MUTED, type WorkshopHeader } from './pdfDocument.js';

export interface MeasurementSheetInput {
  workshop: WorkshopHeader;
  client: { name: string; phone: string | null };
  sheet: { unit: 'cm' | 'in' | string; values: Record<string, number>; takenAt?: string | null; note?: string | null };
  /** The garment the sheet is for: its name, the order of its fields, its custom fields' labels. */
  garment?: { name: string; measurementFields?: readonly string[]; customFields?: readonly { key: string; label: string }[] } | null;
  /** Set when the sheet is printed for an order (its snapshot). */
  orderNumber?: string | null;
  issuedAt?: Date;
  /** The sheet's language (default: French). */
  locale?: Locale;
}

const UNIT_KEYS: Record<string, DocumentTextKey> = { cm: 'unitCm', in: 'unitIn' };

/** The garment's fields first, in its order, then any other measure of the sheet. */
function orderedKeys(values: Record<string, number>, order: readonly string[] = []): string[] {
  const keys = order.filter((k) => typeof values[k] === 'number');
  for (const key of Object.keys(values)) if (!keys.includes(key)) keys.push(key);
  return keys;
}

export function buildMeasurementSheetPdf(input: MeasurementSheetInput): Promise<Uint8Array> {
  const { workshop, client, sheet, garment, orderNumber, issuedAt = new Date(), locale = 'fr' } = input;
  const tz = workshop.timezone;
  const say = (key: DocumentTextKey, params?: TextParams) => text(DOCUMENT_TEXTS, locale, key, params);
  const number = new Intl.NumberFormat(say('intl'), { maximumFractionDigits: 2 });
  const subtitle = [...(orderNumber ? [say('orderNumber', { number: orderNumber })] : []), say('printedOn', { date: pdfDate(issuedAt, tz, locale) })];
  const unitKey = UNIT_KEYS[sheet.unit];
  return renderPdf(
    { size: 'A4', margin: 48, info: { Title: say('sheetDocTitle', { client: client.name }), Author: workshop.name, Subject: say('sheetSubject') }, lang: say('intl') },
    (doc) => {
      drawHeader(doc, workshop, say('sheetTitle'), subtitle);
      const left = doc.page.margins.left;
      const width = doc.page.width - left - doc.page.margins.right;

      doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(say('client'));
      doc.font('Helvetica-Bold').fontSize(13).fillColor(INK).text(pdfText(client.name));
      if (client.phone) doc.font('Helvetica').fontSize(10).text(pdfPhone(client.phone));
      doc.moveDown(0.4);
      doc.font('Helvetica').fontSize(10).fillColor(INK);
      if (garment) doc.text(pdfText(say('garment', { name: garment.name })));
      if (sheet.takenAt) doc.text(pdfText(say('takenOn', { date: pdfDate(sheet.takenAt, tz, locale) })));
      doc.text(pdfText(say('unit', { unit: unitKey ? say(unitKey) : sheet.unit })));

      drawSection(doc, say('measures'));
      const keys = orderedKeys(sheet.values, garment?.measurementFields);
      if (keys.length === 0) doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(pdfText(say('noMeasure')));
      const columnWidth = (width - 24) / 2;
      const half = Math.ceil(keys.length / 2);
      const startY = doc.y + 6;
      // Every measure on one page: rows shrink when a sheet is very long.
      const room = doc.page.height - doc.page.margins.bottom - startY - 70;
      const rowHeight = Math.max(13, Math.min(22, half ? room / half : 22));
      keys.forEach((key, index) => {
        const column = index < half ? 0 : 1;
        const row = column === 0 ? index : index - half;
        const x = left + column * (columnWidth + 24);
        const y = startY + row * rowHeight;
        if (row % 2 === 0) doc.rect(x - 4, y - 5, columnWidth + 8, rowHeight).fill('#fff7ed');
        doc.font('Helvetica').fontSize(10.5).fillColor(INK)
          .text(pdfText(fieldLabel(key, locale, garment?.customFields)), x, y, { width: columnWidth - 80, lineBreak: false, ellipsis: true });
        doc.font('Helvetica-Bold').text(`${number.format(sheet.values[key]!)} ${sheet.unit}`, x + columnWidth - 80, y, { width: 80, align: 'right', lineBreak: false });
      });
      doc.x = left;
      doc.y = startY + half * rowHeight + 8;

      if (sheet.note) {
        drawSection(doc, say('remarks'));
        doc.font('Helvetica').fontSize(10).fillColor(INK).text(pdfText(sheet.note), { width });
      }
    },
  );
}
