import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupTestWorkshop, tempDir, testClock, type TestClock } from '../../desktop/sqlite/testing.js';
import type { Engine } from '../engine/engine.js';
import { buildReceiptPdf } from './receiptPdf.js';
import { buildMeasurementSheetPdf } from './measurementSheetPdf.js';
import { pdfTextContent } from './pdfTextContent.testing.js';

let dir: ReturnType<typeof tempDir>;
let clock: TestClock;
let engine: Engine;

beforeEach(async () => {
  dir = tempDir();
  clock = testClock('2026-11-25T09:00:00.000Z');
  ({ engine } = await setupTestWorkshop(`${dir.dir}/atelier.sqlite`, { now: clock.now }));
});

afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

async function orderWithPayments() {
  const garment = (await engine.query('garmentTypes')).find((g) => g.name.startsWith('Boubou'))!;
  const { id: clientId } = await engine.execute('createClient', { name: 'Adéọlá Houénou', phone: '01 96 12 34 56' });
  await engine.execute('recordMeasurements', { clientId, garmentTypeId: garment.id, values: { tour_cou: 41, epaule: 46.5, tour_poitrine: 104 }, note: 'Aime les manches amples' });
  const order = await engine.execute('createOrder', {
    clientId,
    garmentTypeId: garment.id,
    description: 'Bazin brodé',
    fabricSource: 'client',
    fabricPagnes: 3,
    price: 25000,
    deposit: { amount: 10000, method: 'cash' },
  });
  clock.advance(86_400_000);
  const { id: mistaken } = await engine.execute('recordPayment', { orderId: order.id, amount: 4000, method: 'mobile_money' });
  await engine.execute('reversePayment', { paymentId: mistaken, note: 'Erreur de saisie' });
  await engine.execute('recordPayment', { orderId: order.id, amount: 3000, method: 'mobile_money' });
  return { order, garment, clientId };
}

describe('receipt PDF', () => {
  it('builds a receipt under Node from real engine data', async () => {
    const { order } = await orderWithPayments();
    const detail = await engine.query('orderDetail', { id: order.id });
    const settings = (await engine.query('settings'))!;
    expect(detail.balance).toBe(12000);

    const pdf = await buildReceiptPdf({ workshop: settings, order: detail, issuedAt: clock.now() });
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');

    for (const how of ['auto', 'inflate'] as const) {
      const text = pdfTextContent(pdf, how);
      expect(text).toContain(order.number);
      expect(text).toContain('Houénou');
      expect(text).toContain('Atelier Chez Aïcha');
      expect(text).toContain('Reste à payer');
      expect(text).toContain('12 000 FCFA');
      expect(text).toContain('25 000 FCFA');
      expect(text).toContain('Acompte');
      expect(text).toContain('Annulation du paiement');
    }
    // A Yoruba name keeps its letters, without the marks the standard fonts lack.
    expect(pdfTextContent(pdf, 'inflate')).toContain('Adéolá Houénou');
  });

  it('says what is to give back on a cancelled order', async () => {
    const { order } = await orderWithPayments();
    await engine.execute('changeOrderStatus', { id: order.id, status: 'cancelled' });
    const detail = await engine.query('orderDetail', { id: order.id });
    const pdf = await buildReceiptPdf({ workshop: (await engine.query('settings'))!, order: detail });
    const text = pdfTextContent(pdf, 'inflate');
    expect(text).toContain('À rembourser au client');
    expect(text).toContain('13 000 FCFA');
  });
});

describe('measurement sheet PDF', () => {
  it('lists the measures with their French labels and unit', async () => {
    const { order, garment, clientId } = await orderWithPayments();
    const detail = await engine.query('orderDetail', { id: order.id });
    const [sheet] = await engine.query('sheetHistory', { clientId, garmentTypeId: garment.id });
    const pdf = await buildMeasurementSheetPdf({
      workshop: (await engine.query('settings'))!,
      client: { name: detail.clientName, phone: detail.clientPhone },
      sheet: { ...detail.measurements!, takenAt: sheet!.takenAt, note: sheet!.note },
      garment,
      orderNumber: detail.number,
    });
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    for (const how of ['auto', 'inflate'] as const) {
      const text = pdfTextContent(pdf, how);
      expect(text).toContain('FICHE DE MESURES');
      expect(text).toContain(detail.number);
      expect(text).toContain('Tour de cou');
      expect(text).toContain('41 cm');
      expect(text).toContain('46,5 cm');
      expect(text).toContain("Largeur d'épaule");
      expect(text).toContain('Aime les manches amples');
    }
  });
});
