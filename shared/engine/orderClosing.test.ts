/**
 * orders.closedAt: written with the status, and what the board, the month figures and the order
 * detail read — right on a device that holds no history (order_events) for old orders, as a
 * fresh device has after its first sync (domain/history.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFileEngine, setupTestWorkshop, tempDir, testClock, type TestClock } from '../../desktop/sqlite/testing.js';
import type { Engine } from './engine.js';
import type { Change } from '../sync/protocol.js';
import type { OrderStatus } from '../domain/orderStatus.js';

let dir: ReturnType<typeof tempDir>;
let clock: TestClock;
let engine: Engine;
const ids = { old: '', cancelled: '', recent: '', reopened: '', open: '' };

async function move(e: Engine, id: string, ...statuses: OrderStatus[]) {
  for (const status of statuses) {
    await e.execute('changeOrderStatus', { id, status });
    clock.advance(60_000);
  }
}

/** Everything this device wrote, in the shape of pulled changes. */
async function written(e: Engine): Promise<Change[]> {
  return (await e.pendingMutations(10_000)).map(({ table, rowId, hlc, fields }) => ({ table, rowId, hlc, fields }));
}

beforeEach(async () => {
  dir = tempDir();
  clock = testClock('2026-10-01T09:00:00.000Z');
  ({ engine } = await setupTestWorkshop(`${dir.dir}/a.sqlite`, { now: clock.now }));
  const { id: clientId } = await engine.execute('createClient', { name: 'Afiavi Gbaguidi' });
  for (const key of Object.keys(ids) as (keyof typeof ids)[]) {
    ids[key] = (await engine.execute('createOrder', { clientId, price: 10_000 })).id;
  }
  clock.set('2026-10-05T10:00:00.000Z');
  await move(engine, ids.old, 'in_progress', 'ready', 'delivered');
  await move(engine, ids.cancelled, 'cancelled');
  clock.set('2026-11-20T10:00:00.000Z');
  await move(engine, ids.recent, 'in_progress', 'ready', 'delivered');
  await move(engine, ids.reopened, 'in_progress', 'ready', 'delivered', 'ready');
  clock.set('2026-11-25T09:00:00.000Z');
});

afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

describe('closedAt follows the status', () => {
  it('is set when an order is delivered or cancelled, cleared when it is reopened, in the same change as the status', async () => {
    const detail = (id: string) => engine.query('orderDetail', { id });
    expect(await detail(ids.old)).toMatchObject({ status: 'delivered', closedAt: expect.stringMatching(/^2026-10-05T10:0/) });
    expect(await detail(ids.cancelled)).toMatchObject({ status: 'cancelled', closedAt: expect.stringMatching(/^2026-10-05T10:0/) });
    expect(await detail(ids.reopened)).toMatchObject({ status: 'ready', closedAt: null });
    expect(await detail(ids.open)).toMatchObject({ status: 'confirmed', closedAt: null });

    // Every status change carries closedAt with the same clock, so the two converge together.
    const statusWrites = (await written(engine)).filter((c) => c.table === 'orders' && c.rowId === ids.reopened && 'status' in c.fields);
    expect(statusWrites.map((c) => c.fields)).toEqual([
      expect.objectContaining({ status: 'confirmed', closedAt: null }),
      { status: 'in_progress', closedAt: null },
      { status: 'ready', closedAt: null },
      { status: 'delivered', closedAt: expect.stringMatching(/^2026-11-20T10:0/) },
      { status: 'ready', closedAt: null },
    ]);

    await engine.execute('changeOrderStatus', { id: ids.cancelled, status: 'quote' });
    expect(await detail(ids.cancelled)).toMatchObject({ status: 'quote', closedAt: null });
  });
});

describe('a device without the history of old orders', () => {
  let bare: Engine;

  beforeEach(async () => {
    // The workshop's state as a first sync gives it, minus every order event.
    bare = await openFileEngine(`${dir.dir}/bare.sqlite`, { now: clock.now });
    await bare.applyChanges((await written(engine)).filter((c) => c.table !== 'order_events'), '42');
  });

  afterEach(async () => {
    await bare.close();
  });

  it('shows the same board and month figures, read from closedAt', async () => {
    for (const e of [engine, bare]) {
      const board = await e.query('orderBoard');
      expect(board.find((c) => c.status === 'delivered')!.orders.map((o) => o.id)).toEqual([ids.recent]);
      expect(board.find((c) => c.status === 'ready')!.orders.map((o) => o.id)).toEqual([ids.reopened]);
      expect(board.flatMap((c) => c.orders).some((o) => o.id === ids.old || o.id === ids.cancelled)).toBe(false);
      expect((await e.query('orderBoard', { deliveredDays: 60 })).find((c) => c.status === 'delivered')!.orders.map((o) => o.id).sort()).toEqual(
        [ids.old, ids.recent].sort(),
      );
      expect(await e.query('monthFigures')).toMatchObject({ month: '2026-11', ordersCreated: 0, ordersDelivered: 1 });
      expect(await e.query('monthFigures', { date: '2026-10-15' })).toMatchObject({ month: '2026-10', ordersCreated: 5, ordersDelivered: 1, ordersCancelled: 1 });
    }
  });

  it('says the history is incomplete, then complete once fetched, without moving the sync cursor', async () => {
    expect(await engine.query('orderDetail', { id: ids.old })).toMatchObject({ historyComplete: true });
    expect(await bare.query('orderDetail', { id: ids.old })).toMatchObject({ historyComplete: false, events: [] });

    const history = (await written(engine)).filter((c) => c.table === 'order_events' && c.fields.orderId === ids.old);
    expect(await bare.applyOrderHistory(ids.old, history)).toBe(history.length);
    const complete = await bare.query('orderDetail', { id: ids.old });
    expect(complete.historyComplete).toBe(true);
    expect(complete.events).toEqual((await engine.query('orderDetail', { id: ids.old })).events);
    expect(await bare.cursor()).toBe('42');
    // Applying it again changes nothing (last writer wins, same clocks).
    expect(await bare.applyOrderHistory(ids.old, history)).toBe(0);
  });

  it('refuses, whole, an answer holding rows of another order or another table', async () => {
    const all = await written(engine);
    const mine = all.filter((c) => c.table === 'order_events' && c.fields.orderId === ids.old);
    const other = all.filter((c) => c.table === 'order_events' && c.fields.orderId === ids.cancelled);
    await expect(bare.applyOrderHistory(ids.old, [...mine, ...other])).rejects.toMatchObject({ code: 'invalid_input' });
    const order = all.find((c) => c.table === 'orders')!;
    await expect(bare.applyOrderHistory(ids.old, [...mine, order])).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await bare.query('orderDetail', { id: ids.old })).toMatchObject({ historyComplete: false, events: [] });
  });
});
