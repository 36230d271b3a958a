import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openFileEngine, setupTestWorkshop, tempDir, testClock } from '../../desktop/sqlite/testing.js';
import type { Engine } from './engine.js';

let dir: ReturnType<typeof tempDir>;
const open: Engine[] = [];

beforeEach(() => {
  dir = tempDir();
});

afterEach(async () => {
  for (const e of open.splice(0)) await e.close().catch(() => undefined);
  dir.cleanup();
});

/** Hands every pending mutation of `from` to `to` as pulled changes (what the hub will relay). */
async function relay(from: Engine, to: Engine): Promise<void> {
  const mutations = await from.pendingMutations(100_000);
  await to.applyChanges(
    mutations.map(({ table, rowId, hlc, fields }) => ({ table, rowId, hlc, fields })),
    String(Number(await to.cursor()) + mutations.length),
  );
  await from.settlePush(mutations.map((m) => m.id), []);
}

describe('reopening the database', () => {
  it('finds everything again, and its clock never goes back even if the device clock does', async () => {
    const clock = testClock('2026-11-25T09:00:00.000Z');
    const path = `${dir.dir}/atelier.sqlite`;
    const first = await setupTestWorkshop(path, { now: clock.now });
    const { id: clientId } = await first.engine.execute('createClient', { name: 'Rouvert', phone: '0197000003' });
    const order = await first.engine.execute('createOrder', { clientId, price: 15000, deposit: { amount: 5000 } });
    const lastBefore = (await first.engine.pendingMutations(1000)).at(-1)!.hlc;
    const deviceId = first.engine.deviceId;
    await first.engine.close();

    clock.set('2026-11-20T09:00:00.000Z'); // the shop PC's clock was reset five days back
    const engine = await openFileEngine(path, { now: clock.now });
    open.push(engine);
    expect(engine.deviceId).toBe(deviceId);
    expect(engine.actor).toEqual({ memberId: first.ownerId, role: 'owner' });
    expect((await engine.query('searchClients', { query: 'rouvert' })).map((c) => c.id)).toEqual([clientId]);
    expect(await engine.query('orderDetail', { id: order.id })).toMatchObject({ number: 'A-1', paid: 5000, balance: 10000 });
    await engine.execute('updateClient', { id: clientId, notes: 'après redémarrage' });
    const lastAfter = (await engine.pendingMutations(1000)).at(-1)!.hlc;
    expect(lastAfter > lastBefore).toBe(true);
    expect((await engine.execute('createOrder', { clientId, price: 1000 })).number).toBe('A-2');
  });
});

describe('two devices of one workshop', () => {
  async function twoDevices() {
    const clock = testClock('2026-11-25T09:00:00.000Z');
    const a = await setupTestWorkshop(`${dir.dir}/a.sqlite`, { now: clock.now });
    const b = await openFileEngine(`${dir.dir}/b.sqlite`, { now: clock.now });
    open.push(a.engine, b);
    await b.assignDeviceCode('B'); // given by the hub when the device registers
    await relay(a.engine, b);
    await b.useMember(a.ownerId);
    return { a: a.engine, b, clock };
  }

  it('never share an order number when both create orders offline in the same minute', async () => {
    const { a, b } = await twoDevices();
    const { id: clientId } = await a.execute('createClient', { name: 'Commun' });
    await relay(a, b);
    const numbers: string[] = [];
    for (let i = 0; i < 15; i++) {
      numbers.push((await a.execute('createOrder', { clientId, price: 1000 + i })).number);
      numbers.push((await b.execute('createOrder', { clientId, price: 2000 + i })).number);
    }
    await relay(a, b);
    await relay(b, a);
    expect(new Set(numbers).size).toBe(30);
    for (const device of [a, b]) {
      const card = await device.query('clientCard', { id: clientId });
      expect(card.orders).toHaveLength(30);
      expect(new Set(card.orders.map((o) => o.number)).size).toBe(30);
    }
    // After the exchange each device continues its own sequence.
    expect((await a.execute('createOrder', { clientId, price: 1 })).number).toBe('A-16');
    expect((await b.execute('createOrder', { clientId, price: 1 })).number).toBe('B-16');
  });

  it('keep the latest value per field, whichever order the changes arrive in', async () => {
    const { a, b, clock } = await twoDevices();
    const { id } = await a.execute('createClient', { name: 'Même client', phone: '0197000004' });
    await relay(a, b);
    await a.execute('updateClient', { id, notes: 'note de A' });
    clock.advance(1000);
    await b.execute('updateClient', { id, notes: 'note de B', email: 'client@exemple.bj' });
    clock.advance(1000);
    await a.execute('updateClient', { id, name: 'Nom corrigé par A' });
    await relay(b, a);
    await relay(a, b);
    for (const device of [a, b]) {
      const { client } = await device.query('clientCard', { id });
      expect(client).toMatchObject({ name: 'Nom corrigé par A', notes: 'note de B', email: 'client@exemple.bj', phone: '+2290197000004' });
    }
  });

  it('record payments on both devices offline: both kept, the balance is their sum', async () => {
    const { a, b } = await twoDevices();
    const { id: clientId } = await a.execute('createClient', { name: 'Double paiement' });
    const { id: orderId } = await a.execute('createOrder', { clientId, price: 30000 });
    await relay(a, b);
    await a.execute('recordPayment', { orderId, amount: 10000 });
    await b.execute('recordPayment', { orderId, amount: 5000, method: 'mobile_money' });
    await relay(a, b);
    await relay(b, a);
    for (const device of [a, b]) {
      expect(await device.query('orderDetail', { id: orderId })).toMatchObject({ paid: 15000, balance: 15000 });
    }
    // The local paid cache always equals the sum of the payments, whatever order they arrived in.
    for (const path of [`${dir.dir}/a.sqlite`, `${dir.dir}/b.sqlite`]) {
      const db = new Database(path, { readonly: true });
      const drift = db.prepare('SELECT COUNT(*) FROM orders o WHERE o.paid != (SELECT COALESCE(SUM(amount), 0) FROM payments p WHERE p.order_id = o.id)').pluck().get();
      db.close();
      expect(drift).toBe(0);
    }
  });

  it('re-applying the same changes twice changes nothing', async () => {
    const { a, b } = await twoDevices();
    const { id: clientId } = await a.execute('createClient', { name: 'Idempotent' });
    await a.execute('createOrder', { clientId, price: 4000, deposit: { amount: 1000 } });
    const mutations = await a.pendingMutations(1000);
    const changes = mutations.map(({ table, rowId, hlc, fields }) => ({ table, rowId, hlc, fields }));
    expect(await b.applyChanges(changes, '10')).toBe(changes.length);
    expect(await b.applyChanges(changes, '10')).toBe(0);
    expect((await b.query('clientCard', { id: clientId })).orders[0]).toMatchObject({ paid: 1000, balance: 3000 });
  });
});

describe('the needs-attention list', () => {
  it('keeps refused mutations where the user can see them and drops acknowledged ones', async () => {
    const { engine } = await setupTestWorkshop(`${dir.dir}/c.sqlite`);
    open.push(engine);
    await engine.execute('createClient', { name: 'Refusé' });
    const pending = await engine.pendingMutations(1000);
    const refused = pending.at(-1)!;
    await engine.settlePush(pending.slice(0, -1).map((m) => m.id), [{ id: refused.id, code: 'forbidden', message: 'Action non autorisée' }]);
    const status = await engine.query('syncStatus');
    expect(status.pending).toBe(0);
    expect(status.needsAttention).toMatchObject([{ id: refused.id, table: 'clients', code: 'forbidden', fields: { name: 'Refusé' } }]);
  });
});
