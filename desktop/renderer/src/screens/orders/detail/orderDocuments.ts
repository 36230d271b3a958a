/**
 * Loaded on demand (dynamic import) with pdfkit: builds the order's receipt and measurement sheet
 * as PDF files from the data the order page already holds.
 */
import { buildReceiptPdf } from '../../../../../../shared/documents/receiptPdf.js';
import { buildMeasurementSheetPdf } from '../../../../../../shared/documents/measurementSheetPdf.js';
import { engine } from '../../../app/data.js';
import type { OrderDetail } from '../../../../../../shared/engine/queries/orderQueries.js';
import type { GarmentType, WorkshopSettings } from '../../../../../../shared/engine/queries/settingsQueries.js';

function pdfFile(bytes: Uint8Array, name: string): File {
  return new File([bytes.slice()], name, { type: 'application/pdf' });
}

export async function receiptFile(order: OrderDetail, settings: WorkshopSettings): Promise<File> {
  return pdfFile(await buildReceiptPdf({ workshop: settings, order }), `recu-${order.number}.pdf`);
}

export async function measurementSheetFile(order: OrderDetail, settings: WorkshopSettings, garment: GarmentType | undefined): Promise<File> {
  const snapshot = order.measurements;
  if (!snapshot) throw new Error('Cette commande n’a pas de mesures.');
  // When the measures were taken, and the sheet's remark, if the sheet is still there.
  const sheets = snapshot.sheetId ? await engine.query('sheetHistory', { clientId: order.clientId, garmentTypeId: null }) : [];
  const sheet = sheets.find((s) => s.id === snapshot.sheetId);
  const bytes = await buildMeasurementSheetPdf({
    workshop: settings,
    client: { name: order.clientName, phone: order.clientPhone },
    sheet: { unit: snapshot.unit, values: snapshot.values, takenAt: sheet?.takenAt ?? null, note: sheet?.note ?? null },
    garment: garment ?? (order.garmentTypeName ? { name: order.garmentTypeName } : null),
    orderNumber: order.number,
  });
  return pdfFile(bytes, `mesures-${order.number}.pdf`);
}
