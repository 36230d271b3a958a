/**
 * The engine speaks the app's language (engine.locale, app.setLocale): English here, end to end on
 * a real SQLite file. Schema messages (catalogue keys put into words by parseInput), the engine's
 * rules, not-found answers, the promised-date explanation and the garment types seeded at set-up
 * all follow it; the same calls in French are the other engine tests'.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupTestWorkshop, tempDir, testClock } from '../../desktop/sqlite/testing.js';
import type { Engine } from './engine.js';
import { DEFAULT_GARMENT_NAMES } from '../domain/measurements.js';

let dir: ReturnType<typeof tempDir>;
let engine: Engine;

beforeEach(async () => {
  dir = tempDir();
  ({ engine } = await setupTestWorkshop(`${dir.dir}/workshop.sqlite`, { now: testClock('2026-11-25T09:00:00.000Z').now, locale: 'en' }, { capacity: 1 }));
});

afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('an English engine', () => {
  it('seeds the default garment types with their English names', async () => {
    const names = (await engine.query('garmentTypes')).map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(['Shirt (men)', 'Trousers', 'Dress', 'Suit']));
    expect(names).not.toContain(DEFAULT_GARMENT_NAMES.fr.pantalon);
  });

  it('says what is wrong with an input in English, naming the field', async () => {
    await expect(engine.execute('createGarmentType', { name: '  ', durationDays: 3, defaultPrice: 1000 })).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'name',
      message: 'Name: The garment name is required',
    });
    await expect(engine.execute('updateSettings', { name: 'x'.repeat(121) })).rejects.toMatchObject({ message: 'Name: 120 characters at most' });
    await expect(engine.execute('updateSettings', { capacity: 0 })).rejects.toMatchObject({ message: 'Capacity: The capacity must be at least 1' });
    const { id: clientId } = await engine.execute('createClient', { name: 'Ama' });
    await expect(engine.execute('recordMeasurements', { clientId, values: { tour_poitrine: 0 } })).rejects.toMatchObject({
      field: 'values',
      message: 'Measurements: Chest / bust: the value must be a positive number',
    });
    await expect(engine.execute('recordPayment', { orderId: UNKNOWN, amount: 1.5 })).rejects.toMatchObject({
      message: 'Amount: The amount must be a whole number of FCFA (no cents)',
    });
  });

  it('refuses by the rules in English', async () => {
    const { id: clientId } = await engine.execute('createClient', { name: 'Kwame' });
    const order = await engine.execute('createOrder', { clientId, price: 5000 });
    await expect(engine.execute('changeOrderStatus', { id: order.id, status: 'delivered' })).rejects.toMatchObject({
      code: 'invalid_transition',
      message: 'An order "Confirmed" cannot move to "Delivered" (allowed: Quote, In progress, Cancelled).',
    });
    await expect(engine.execute('recordPayment', { orderId: order.id, amount: 6000 })).rejects.toMatchObject({
      message: 'Amount: The amount is more than what is left to pay (5000 FCFA).',
    });
    await expect(engine.execute('deleteClient', { id: clientId })).rejects.toMatchObject({
      message: 'This client has 1 order(s) in progress: deliver or cancel them before deleting the client.',
    });
    await expect(engine.execute('createOrder', { clientId, price: 3000, promisedDate: '2026-11-24' })).rejects.toMatchObject({
      message: 'Promised date: it cannot be in the past.',
    });
    await expect(engine.query('clientCard', { id: UNKNOWN })).rejects.toMatchObject({ code: 'not_found', message: 'Client not found.' });
    await expect(engine.query('orderDetail', { id: UNKNOWN })).rejects.toMatchObject({ code: 'not_found', message: 'Order not found.' });
  });

  it('explains a promised date in English, and French again once the language changes', async () => {
    const shirt = (await engine.query('garmentTypes')).find((g) => g.name === 'Shirt (men)')!;
    const { id: clientId } = await engine.execute('createClient', { name: 'Efua' });
    await engine.execute('createOrder', { clientId, garmentTypeId: shirt.id });
    const english = await engine.query('suggestPromisedDate', { garmentTypeId: shirt.id });
    expect(english.explanation).toMatch(/^Making time: \d+ working days\. Workshop overloaded: 1 active order for a capacity of 1/);
    engine.locale = 'fr';
    const french = await engine.query('suggestPromisedDate', { garmentTypeId: shirt.id });
    expect(french.explanation).toMatch(/^Durée de confection : \d+ jours ouvrés\. Atelier surchargé : 1 commande en cours pour une capacité de 1/);
    await expect(engine.query('clientCard', { id: UNKNOWN })).rejects.toMatchObject({ message: 'Client introuvable.' });
  });
});
