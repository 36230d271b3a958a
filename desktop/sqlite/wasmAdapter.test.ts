import { describe, expect, it } from 'vitest';
import sqlite3InitModule from '@sqlite.org/sqlite-wasm';
import { openMemoryDatabase } from './wasmAdapter.js';
import { Engine } from '../../shared/engine/engine.js';
import { testClock } from './testing.js';

// The browser worker runs the engine on this adapter over OPFS; under Node the same adapter runs
// in memory, so the engine's behaviour is checked on the official WASM build too.
describe('the engine on the official SQLite WASM build', () => {
  it('runs commands and queries with the same results as on better-sqlite3', async () => {
    const sqlite3 = await sqlite3InitModule();
    const clock = testClock('2026-11-25T09:00:00.000Z');
    const engine = await Engine.open(openMemoryDatabase(sqlite3), { now: clock.now });
    await engine.execute('setupWorkshop', { name: 'Atelier WASM', ownerName: 'Sènan', phone: '0197000099' });
    const garment = (await engine.query('garmentTypes'))[0]!;
    const { id: clientId } = await engine.execute('createClient', { name: 'Éléonore Agossou', phone: '01 61 23 45 67' });
    await engine.execute('recordMeasurements', { clientId, garmentTypeId: garment.id, values: { tour_cou: 39.5 } });
    const order = await engine.execute('createOrder', { clientId, garmentTypeId: garment.id, deposit: { amount: 1000 } });
    expect(order.number).toBe('A-1');
    const payment = await engine.execute('recordPayment', { orderId: order.id, amount: 500, method: 'mobile_money' });
    await engine.execute('reversePayment', { paymentId: payment.id });
    expect((await engine.query('searchClients', { query: 'eleonore' })).map((c) => c.id)).toEqual([clientId]);
    expect((await engine.query('searchClients', { query: '6123' })).map((c) => c.id)).toEqual([clientId]);
    const detail = await engine.query('orderDetail', { id: order.id });
    expect(detail).toMatchObject({ paid: 1000, balance: garment.defaultPrice - 1000 });
    expect(detail.measurements?.values).toEqual({ tour_cou: 39.5 });
    expect((await engine.query('unpaidBalances')).total).toBe(garment.defaultPrice - 1000);
    // A failed command leaves nothing behind on this adapter too.
    const before = (await engine.pendingMutations(1000)).length;
    await expect(engine.execute('createOrder', { clientId, price: 100, deposit: { amount: 500 } })).rejects.toMatchObject({ field: 'deposit' });
    expect((await engine.pendingMutations(1000)).length).toBe(before);
    await engine.close();
  });
});
