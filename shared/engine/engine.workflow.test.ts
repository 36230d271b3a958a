import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setupTestWorkshop, tempDir, testClock, type TestClock } from '../../desktop/sqlite/testing.js';
import type { Engine } from './engine.js';
import { isHlc } from '../sync/hlc.js';
import { isUuid } from '../domain/ids.js';

let dir: ReturnType<typeof tempDir>;
let clock: TestClock;
let engine: Engine;

beforeEach(async () => {
  dir = tempDir();
  // Wednesday 25 November 2026, 10:00 in Cotonou.
  clock = testClock('2026-11-25T09:00:00.000Z');
  ({ engine } = await setupTestWorkshop(`${dir.dir}/atelier.sqlite`, { now: clock.now }, { capacity: 3 }));
});

afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

async function chemise(e: Engine) {
  const types = await e.query('garmentTypes');
  return types.find((g) => g.name.startsWith('Chemise'))!;
}

describe('workshop set-up', () => {
  it('stores the settings with Bénin defaults and seeds garment types', async () => {
    const settings = await engine.query('settings');
    expect(settings).toMatchObject({
      name: 'Atelier Chez Aïcha',
      phone: '+2290197000000',
      country: 'BJ',
      timezone: 'Africa/Porto-Novo',
      currency: 'XOF',
      workingDays: [1, 2, 3, 4, 5, 6],
      closingDays: [],
      capacity: 3,
      unit: 'cm',
    });
    const types = await engine.query('garmentTypes');
    expect(types.length).toBeGreaterThanOrEqual(10);
    expect(types.every((g) => g.durationDays > 0 && g.defaultPrice > 0 && g.measurementFields.length > 0)).toBe(true);
    expect(engine.actor.role).toBe('owner');
    await expect(engine.execute('setupWorkshop', { name: 'Autre', ownerName: 'X' })).rejects.toMatchObject({ code: 'rule_violation' });
  });

  it('updates settings and garment types', async () => {
    await engine.execute('updateSettings', { closingDays: ['2026-12-25', '2026-12-25', '2026-08-01'], unit: 'in' });
    expect(await engine.query('settings')).toMatchObject({ closingDays: ['2026-08-01', '2026-12-25'], unit: 'in' });
    const { id } = await engine.execute('createGarmentType', { name: 'Bomba', durationDays: 6, defaultPrice: 12000, customFields: [{ key: 'tour_bras', label: 'Tour de bras' }] });
    await engine.execute('updateGarmentType', { id, defaultPrice: 13000 });
    expect((await engine.query('garmentTypes')).find((g) => g.id === id)).toMatchObject({ name: 'Bomba', defaultPrice: 13000 });
    await engine.execute('deleteGarmentType', { id });
    expect((await engine.query('garmentTypes')).some((g) => g.id === id)).toBe(false);
  });
});

describe('clients and measurements', () => {
  it('finds clients by name without accents or case, and by any part of the phone', async () => {
    await engine.execute('createClient', { name: 'Aïcha Houngbédji', phone: '01 97 12 34 56' });
    await engine.execute('createClient', { name: 'Koffi Mensah', phone: '+229 01 61 00 00 01', whatsapp: '+33 6 12 34 56 78' });
    await engine.execute('createClient', { name: 'AICHA Dossou' });
    const names = async (query: string) => (await engine.query('searchClients', { query })).map((c) => c.name);
    expect((await names('aicha')).sort()).toEqual(['AICHA Dossou', 'Aïcha Houngbédji']);
    expect(await names('HOUNGBEDJI')).toEqual(['Aïcha Houngbédji']);
    expect(await names('9712')).toEqual(['Aïcha Houngbédji']);
    expect(await names('01 97 12')).toEqual(['Aïcha Houngbédji']);
    expect(await names('+229 0161')).toEqual(['Koffi Mensah']);
    expect(await names('0612')).toEqual(['Koffi Mensah']);
    // LIKE wildcards typed by the user are plain characters.
    expect(await names('a%a')).toEqual([]);
    expect(await names('_')).toEqual([]);
    expect((await engine.query('searchClients', {})).length).toBe(3);
  });

  it('keeps every measurement sheet and pre-fills a new one with the last', async () => {
    const { id: clientId } = await engine.execute('createClient', { name: 'Sènan Adjovi' });
    const garment = await chemise(engine);
    await engine.execute('recordMeasurements', { clientId, garmentTypeId: garment.id, values: { tour_cou: 40, tour_poitrine: 100 } });
    clock.advance(86_400_000);
    await engine.execute('recordMeasurements', { clientId, garmentTypeId: garment.id, values: { tour_cou: 41, tour_poitrine: 102, longueur_chemise: 78 } });
    const history = await engine.query('sheetHistory', { clientId, garmentTypeId: garment.id });
    expect(history.map((s) => s.values.tour_cou)).toEqual([41, 40]);
    const draft = await engine.query('sheetDraft', { clientId, garmentTypeId: garment.id });
    expect(draft.values).toMatchObject({ tour_cou: 41, tour_poitrine: 102, longueur_chemise: 78, epaule: null });
    expect(draft.lastSheetId).toBe(history[0]!.id);
  });

  it('refuses to delete a client with open orders, then deletes once delivered', async () => {
    const { id: clientId } = await engine.execute('createClient', { name: 'Client à supprimer' });
    const order = await engine.execute('createOrder', { clientId, price: 5000 });
    await expect(engine.execute('deleteClient', { id: clientId })).rejects.toMatchObject({ code: 'rule_violation' });
    await engine.execute('changeOrderStatus', { id: order.id, status: 'cancelled' });
    await engine.execute('deleteClient', { id: clientId });
    expect(await engine.query('searchClients', { query: 'supprimer' })).toEqual([]);
    await expect(engine.query('clientCard', { id: clientId })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('orders, payments and fittings', () => {
  it('creates an order with a number, a suggested date, a measurement snapshot and a deposit', async () => {
    const { id: clientId } = await engine.execute('createClient', { name: 'Adjoa' });
    const garment = await chemise(engine);
    const sheet = await engine.execute('recordMeasurements', { clientId, garmentTypeId: garment.id, values: { tour_cou: 38 } });
    const order = await engine.execute('createOrder', { clientId, garmentTypeId: garment.id, deposit: { amount: 2000, method: 'mobile_money' } });
    expect(order.number).toBe('A-1');
    // Chemise: durationDays working days after Wednesday 25 Nov, Monday–Saturday.
    expect(order.suggestion.baseDays).toBe(garment.durationDays);
    expect(order.promisedDate).toBe(order.suggestion.date);
    expect(order.suggestion.explanation).toMatch(/jours ouvrés/);
    // The sheet changes later; the order keeps what it was cut with.
    await engine.execute('recordMeasurements', { clientId, garmentTypeId: garment.id, values: { tour_cou: 45 } });
    const detail = await engine.query('orderDetail', { id: order.id });
    expect(detail.measurements).toEqual({ sheetId: sheet.id, unit: 'cm', values: { tour_cou: 38 } });
    expect(detail).toMatchObject({ price: garment.defaultPrice, paid: 2000, balance: garment.defaultPrice - 2000, status: 'confirmed' });
    expect(detail.payments).toMatchObject([{ amount: 2000, method: 'mobile_money', kind: 'deposit' }]);
    expect(detail.events.map((e) => e.type)).toEqual(['created', 'payment']);
    const second = await engine.execute('createOrder', { clientId, price: 1000 });
    expect(second.number).toBe('A-2');
  });

  it('suggests a later date when the workshop is over capacity, and says why', async () => {
    const { id: clientId } = await engine.execute('createClient', { name: 'Charge' });
    const garment = await chemise(engine);
    const first = await engine.execute('createOrder', { clientId, garmentTypeId: garment.id });
    expect(first.suggestion.overloaded).toBe(false);
    for (let i = 0; i < 4; i++) await engine.execute('createOrder', { clientId, garmentTypeId: garment.id });
    const late = await engine.query('suggestPromisedDate', { garmentTypeId: garment.id });
    expect(late.overloaded).toBe(true);
    expect(late.date > first.promisedDate).toBe(true);
    expect(late.explanation).toMatch(/capacité de 3/);
    const urgent = await engine.query('suggestPromisedDate', { garmentTypeId: garment.id, urgency: 'urgent' });
    expect(urgent.baseDays).toBe(Math.ceil(garment.durationDays / 2));
    // The user may override the suggestion, but not with a past date.
    const overridden = await engine.execute('createOrder', { clientId, price: 3000, promisedDate: '2026-12-24' });
    expect(overridden.promisedDate).toBe('2026-12-24');
    await expect(engine.execute('createOrder', { clientId, price: 3000, promisedDate: '2026-11-24' })).rejects.toMatchObject({ field: 'promisedDate' });
  });

  it('moves an order along the pipeline and refuses a forbidden move', async () => {
    const { id: clientId } = await engine.execute('createClient', { name: 'Pipeline' });
    const { id } = await engine.execute('createOrder', { clientId, price: 20000, status: 'quote' });
    for (const status of ['confirmed', 'in_progress', 'fitting', 'ready', 'delivered'] as const) {
      await engine.execute('changeOrderStatus', { id, status });
    }
    await expect(engine.execute('changeOrderStatus', { id, status: 'in_progress' })).rejects.toMatchObject({
      code: 'invalid_transition',
      message: expect.stringContaining('Livrée'),
    });
    const detail = await engine.query('orderDetail', { id });
    expect(detail.events.filter((e) => e.type === 'status').map((e) => e.data.to)).toEqual(['confirmed', 'in_progress', 'fitting', 'ready', 'delivered']);
  });

  it('computes the balance from payments and corrects a mistake by a reversing entry', async () => {
    const { id: clientId } = await engine.execute('createClient', { name: 'Balance' });
    const { id: orderId } = await engine.execute('createOrder', { clientId, price: 25000, deposit: { amount: 10000 } });
    const wrong = await engine.execute('recordPayment', { orderId, amount: 15000, method: 'cash' });
    expect(wrong.balance).toBe(0);
    await expect(engine.execute('recordPayment', { orderId, amount: 1 })).rejects.toMatchObject({ code: 'rule_violation', field: 'amount' });
    await engine.execute('reversePayment', { paymentId: wrong.id, note: 'Erreur de saisie' });
    await expect(engine.execute('reversePayment', { paymentId: wrong.id })).rejects.toMatchObject({ code: 'rule_violation' });
    await engine.execute('recordPayment', { orderId, amount: 5000, method: 'mobile_money' });
    const card = await engine.query('clientCard', { id: clientId });
    expect(card.balance).toBe(10000);
    expect(card.totalPaid).toBe(15000);
    const detail = await engine.query('orderDetail', { id: orderId });
    expect(detail.payments.map((p) => [p.amount, p.kind, p.reversed])).toEqual([
      [10000, 'deposit', false],
      [15000, 'instalment', true],
      [-15000, 'reversal', false],
      [5000, 'instalment', false],
    ]);
    await expect(engine.execute('deleteOrder', { id: orderId })).rejects.toMatchObject({ code: 'rule_violation' });
  });

  it('plans fittings and lists those of the week in the workshop timezone', async () => {
    const { id: clientId } = await engine.execute('createClient', { name: 'Essayage', phone: '0197000011' });
    const { id: orderId } = await engine.execute('createOrder', { clientId, price: 9000 });
    // Sunday 29 Nov 23:30 in Cotonou is 22:30 UTC: still this week. Monday 30 Nov 00:30 local is next week.
    await engine.execute('scheduleFitting', { orderId, at: '2026-11-29T22:30:00Z' });
    await engine.execute('scheduleFitting', { orderId, at: '2026-11-29T23:30:00Z' });
    const { id: fittingId } = await engine.execute('scheduleFitting', { orderId, at: '2026-11-26T15:00:00+01:00' });
    await engine.execute('updateFitting', { id: fittingId, status: 'done', note: 'Reprendre la taille' });
    const week = await engine.query('fittingsOfWeek');
    expect(week.weekStart).toBe('2026-11-23');
    expect(week.fittings.map((f) => f.at)).toEqual(['2026-11-26T14:00:00.000Z', '2026-11-29T22:30:00.000Z']);
    expect(week.fittings[0]).toMatchObject({ status: 'done', clientName: 'Essayage', orderNumber: 'A-1' });
    expect((await engine.query('fittingsOfWeek', { date: '2026-11-30' })).fittings).toHaveLength(1);
  });
});

describe('the Today screen', () => {
  it('lists late, due today, due within 48 hours, ready, unpaid, and the month figures', async () => {
    const { id: clientId } = await engine.execute('createClient', { name: 'Tableau' });
    const make = async (promisedDate: string, price: number, deposit?: number) =>
      (await engine.execute('createOrder', { clientId, price, promisedDate, ...(deposit ? { deposit: { amount: deposit } } : {}) })).id;
    const due27 = await make('2026-11-27', 10000, 4000);
    const due25 = await make('2026-11-25', 8000);
    const dueLater = await make('2026-12-10', 5000, 5000);
    const ready = await make('2026-11-26', 7000, 7000);
    for (const status of ['in_progress', 'ready'] as const) await engine.execute('changeOrderStatus', { id: ready, status });
    // Two days later: the 25th is late, the 27th is due today.
    clock.set('2026-11-27T08:00:00.000Z');
    const due = await engine.query('dueOrders');
    expect(due.today).toBe('2026-11-27');
    expect(due.late.map((o) => o.id)).toEqual([due25]);
    expect(due.dueToday.map((o) => o.id)).toEqual([due27]);
    expect(due.dueWithin48h).toEqual([]);
    expect((await engine.query('readyNotCollected')).map((o) => o.id)).toEqual([ready]);
    const unpaid = await engine.query('unpaidBalances');
    expect(unpaid.orders.map((o) => [o.id, o.balance])).toEqual([
      [due25, 8000],
      [due27, 6000],
    ]);
    expect(unpaid.total).toBe(14000);
    const figures = await engine.query('monthFigures');
    expect(figures).toMatchObject({ month: '2026-11', ordersCreated: 4, revenueReceived: 16000, outstanding: 14000 });
    expect(figures.revenueByDay[24]).toBe(16000);
    expect(figures.revenueByDay).toHaveLength(30);
    const board = await engine.query('orderBoard');
    expect(board.find((c) => c.status === 'confirmed')!.orders.map((o) => o.id)).toEqual([due25, due27, dueLater]);
    expect(board.find((c) => c.status === 'ready')!.orders.map((o) => o.id)).toEqual([ready]);
  });

  it('gives every order summary the client’s WhatsApp number beside the phone, null when there is none', async () => {
    const { id: koffi } = await engine.execute('createClient', { name: 'Koffi', phone: '01 61 00 00 01', whatsapp: '01 97 55 66 77' });
    const { id: adjoa } = await engine.execute('createClient', { name: 'Adjoa', phone: '01 61 00 00 02' });
    const readyFor = async (clientId: string) => {
      const { id } = await engine.execute('createOrder', { clientId, price: 6000, promisedDate: '2026-11-26' });
      for (const status of ['in_progress', 'ready'] as const) await engine.execute('changeOrderStatus', { id, status });
      return id;
    };
    const koffiOrder = await readyFor(koffi);
    const adjoaOrder = await readyFor(adjoa);
    const numbers = (o: { clientPhone: string | null; clientWhatsapp: string | null }) => [o.clientPhone, o.clientWhatsapp];
    const koffiNumbers = ['+2290161000001', '+2290197556677'];
    const adjoaNumbers = ['+2290161000002', null];

    const readyList = await engine.query('readyNotCollected');
    expect(readyList.map((o) => [o.id, ...numbers(o)])).toEqual([[koffiOrder, ...koffiNumbers], [adjoaOrder, ...adjoaNumbers]]);
    const readyColumn = (await engine.query('orderBoard')).find((c) => c.status === 'ready')!.orders;
    expect(readyColumn.map(numbers)).toEqual([koffiNumbers, adjoaNumbers]);
    expect((await engine.query('unpaidBalances')).orders.map(numbers)).toEqual([koffiNumbers, adjoaNumbers]);
    expect((await engine.query('clientCard', { id: koffi })).orders.map(numbers)).toEqual([koffiNumbers]);
    expect((await engine.query('clientCard', { id: adjoa })).orders.map(numbers)).toEqual([adjoaNumbers]);
    expect(numbers(await engine.query('orderDetail', { id: koffiOrder }))).toEqual(koffiNumbers);
    await engine.execute('createOrder', { clientId: koffi, price: 4000, promisedDate: '2026-11-26' });
    clock.set('2026-11-27T08:00:00.000Z');
    expect((await engine.query('dueOrders')).late.map(numbers)).toEqual([koffiNumbers]);

    // A changed WhatsApp number is what the summaries say next.
    await engine.execute('updateClient', { id: adjoa, whatsapp: '01 97 55 66 78' });
    expect((await engine.query('readyNotCollected')).find((o) => o.id === adjoaOrder)!.clientWhatsapp).toBe('+2290197556678');
  });
});

describe('the one mutation path', () => {
  it('writes, for every change, the row, its per-field clocks and an outbox mutation', async () => {
    const before = (await engine.pendingMutations(10_000)).length;
    const { id } = await engine.execute('createClient', { name: 'Outbox', phone: '0197000002' });
    await engine.execute('updateClient', { id, notes: 'Préfère les appels' });
    const mutations = (await engine.pendingMutations(10_000)).slice(before);
    expect(mutations).toHaveLength(2);
    for (const m of mutations) {
      expect(isUuid(m.id)).toBe(true);
      expect(isHlc(m.hlc)).toBe(true);
      expect(m).toMatchObject({ table: 'clients', rowId: id });
    }
    expect(mutations[0]!.fields).toMatchObject({ name: 'Outbox', phone: '+2290197000002', deletedAt: null });
    expect(mutations[1]!.fields).toEqual({ notes: 'Préfère les appels' });
    expect(mutations[1]!.hlc > mutations[0]!.hlc).toBe(true);
  });
});
