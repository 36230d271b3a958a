/**
 * Loaded on demand (dynamic import) with pdfkit: builds the order's receipt and measurement sheet
 * as PDF files from the data the order page already holds.
 */
import { buildReceiptPdf } from '../../../../../../shared/documents/receiptPdf.js';
import { buildMeasurementSheetPdf } from '../../../../../../shared/documents/measurementSheetPdf.js';
import { engine } from '../../../app/data.js';
import type { OrderDetail } from '../../../../../../shared/engine/queries/orderQueries.js';
import type { GarmentType, WorkshopSettings } from '../../../../../../shared/engine/queries/settingsQueries.js';
import { defineTexts, fill, type Locale } from '../../../../../../shared/i18n/texts.js';

const TEXTS = defineTexts({
  fr: { receiptFile: 'recu-{number}.pdf', sheetFile: 'mesures-{number}.pdf', noMeasurements: 'Cette commande n’a pas de mesures.' },
  en: { receiptFile: 'receipt-{number}.pdf', sheetFile: 'measurements-{number}.pdf', noMeasurements: 'This order has no measurements.' },
});

function pdfFile(bytes: Uint8Array, name: string): File {
  return new File([bytes.slice()], name, { type: 'application/pdf' });
}

export async function receiptFile(order: OrderDetail, settings: WorkshopSettings, locale: Locale): Promise<File> {
  return pdfFile(await buildReceiptPdf({ workshop: settings, order, locale }), fill(TEXTS[locale].receiptFile, { number: order.number }));
}

export async function measurementSheetFile(order: OrderDetail, settings: WorkshopSettings, garment: GarmentType | undefined, locale: Locale): Promise<File> {
  const snapshot = order.measurements;
  if (!snapshot) throw new Error(TEXTS[locale].noMeasurements);
  // When the measures were taken, and the sheet's remark, if the sheet is still there.
  const sheets = snapshot.sheetId ? await engine.query('sheetHistory', { clientId: order.clientId, garmentTypeId: null }) : [];
  const sheet = sheets.find((s) => s.id === snapshot.sheetId);
  const bytes = await buildMeasurementSheetPdf({
    workshop: settings,
    client: { name: order.clientName, phone: order.clientPhone },
    sheet: { unit: snapshot.unit, values: snapshot.values, takenAt: sheet?.takenAt ?? null, note: sheet?.note ?? null },
    garment: garment ?? (order.garmentTypeName ? { name: order.garmentTypeName } : null),
    orderNumber: order.number,
    locale,
  });
  return pdfFile(bytes, fill(TEXTS[locale].sheetFile, { number: order.number }));
}
