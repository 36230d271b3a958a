/**
 * History on demand (shared/domain/history.ts): a fresh device's first sync leaves out the
 * order_events of orders closed or deleted more than 30 days before the hub's time, and receives
 * everything else exactly once, in full pages; later pulls still carry new events of old orders;
 * GET /api/orders/:orderId/history gives the missing history to any member of the workshop, and
 * nothing to anyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureMember, type FixtureWorkshop } from '../testing/fixtures.js';
import { openTestDevice, type TestDevice } from '../testing/devices.js';
import { diffSnapshots, openReadOnly, readDeviceSnapshot, readServerSnapshot, type WorkshopSnapshot } from '../testing/tableSnapshots.js';
import { RawDevice } from '../testing/rawSync.js';
import { tempDir, testClock } from '../../desktop/sqlite/testing.js';
import { newId } from '../../shared/domain/ids.js';
import { orderHistoryResponseSchema } from '../../shared/sync/protocol.js';
import { CloudApi } from '../../shared/host/cloudApi.js';
import { loadOrderHistory } from '../../shared/host/orderHistory.js';
import { isHistoryOnDemand } from '../../shared/domain/history.js';
import type { OrderStatus } from '../../shared/domain/orderStatus.js';
import { todayIn } from '../../shared/domain/calendar.js';
import { pullPage } from './pull.js';

const PAGE_ROWS = 10;
const DAY = 86_400_000;
/**
 * The hub's and the devices' injected clock. Its "now" is the real time, so that the test holds
 * whether the sync route hands pullPage ctx.now() or lets it default to new Date(); the direct
 * pullPage test below checks that the given `now` places the cutoff.
 */
const NOW = Math.floor(Date.now() / 1000) * 1000;
const at = (days: number) => new Date(NOW + days * DAY).toISOString();
const clock = testClock(at(-40));
const dir = tempDir('styliste-history-');
let server: TestServer;
let shop: FixtureWorkshop;
let other: FixtureWorkshop;
let author: TestDevice;
let otherOrderId = '';
let counter = 0;
/** old*: closed (or deleted, or reopened) 39 days before "now"; recentDelivered 5 days before. */
const orders = { oldDelivered: '', oldCancelled: '', oldDeleted: '', oldReopened: '', recentDelivered: '', open: '' };

const token = (member: FixtureMember, workshop = shop) => () => workshop.tokenFor(member);

async function device(member: FixtureMember = shop.owner, workshop = shop): Promise<TestDevice> {
  counter += 1;
  return openTestDevice(`${dir.dir}/device-${counter}.sqlite`, server.url, token(member, workshop), { now: clock.now });
}

async function move(d: TestDevice, id: string, ...statuses: OrderStatus[]) {
  for (const status of statuses) await d.engine.execute('changeOrderStatus', { id, status });
}

function history(orderId: string, member: FixtureMember = shop.owner, workshop = shop) {
  return fetch(`${server.url}/api/orders/${orderId}/history`, { headers: { authorization: `Bearer ${workshop.tokenFor(member)}` } });
}

/** The hub's rows, without the order events a first sync leaves out at the hub's time (and their orders). */
function withoutOldHistory(snapshot: WorkshopSnapshot): { expected: WorkshopSnapshot; leftOrders: Set<string> } {
  const now = clock.now();
  const leftOrders = new Set<string>();
  for (const [id, event] of snapshot.order_events) {
    const orderId = String(event.fields.orderId);
    const order = snapshot.orders.get(orderId)!.fields;
    const state = { status: order.status as OrderStatus, closedAt: order.closedAt as string | null, deletedAt: order.deletedAt as string | null };
    if (isHistoryOnDemand(state, now)) {
      snapshot.order_events.delete(id);
      leftOrders.add(orderId);
    }
  }
  return { expected: snapshot, leftOrders };
}

beforeAll(async () => {
  server = await startTestServer({ SYNC_PAGE_ROWS: String(PAGE_ROWS) }, { now: clock.now });
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Historique');
  other = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
  author = await device();
  await author.join(shop.owner.memberId, 'A');
  const { engine } = author;
  const { id: clientId } = await engine.execute('createClient', { name: 'Mawuena Akpovi', phone: '0197000111' });
  for (const key of Object.keys(orders) as (keyof typeof orders)[]) {
    orders[key] = (await engine.execute('createOrder', { clientId, price: 20_000, deposit: key === 'oldDeleted' ? null : { amount: 5_000 } })).id;
  }
  clock.set(at(-39));
  await move(author, orders.oldDelivered, 'in_progress', 'ready', 'delivered');
  await move(author, orders.oldCancelled, 'cancelled');
  await move(author, orders.oldReopened, 'in_progress', 'ready', 'delivered', 'ready');
  await engine.execute('deleteOrder', { id: orders.oldDeleted });
  await engine.execute('scheduleFitting', { orderId: orders.open, at: at(5) });
  clock.set(at(-5));
  await move(author, orders.recentDelivered, 'in_progress', 'ready', 'delivered');
  await author.client.sync();

  const neighbour = await device(other.owner, other);
  await neighbour.join(other.owner.memberId, 'A');
  const { id: theirClient } = await neighbour.engine.execute('createClient', { name: 'Voisine' });
  otherOrderId = (await neighbour.engine.execute('createOrder', { clientId: theirClient, price: 9_000 })).id;
  await neighbour.client.sync();
  await neighbour.engine.close();

  clock.set(at(0));
}, 60_000);

afterAll(async () => {
  await author.engine.close();
  await server.close();
  dir.cleanup();
});

describe("a fresh device's first sync leaves out the history of orders closed long ago", () => {
  it('receives every other row, with its clocks, and the closed orders with their closedAt', async () => {
    const fresh = await device();
    await fresh.client.sync();
    const { expected, leftOrders } = withoutOldHistory(await readServerSnapshot(server.ctx, shop.workshopId));
    expect(leftOrders).toEqual(new Set([orders.oldDelivered, orders.oldCancelled, orders.oldDeleted]));
    const db = openReadOnly(`${dir.dir}/device-${counter}.sqlite`);
    try {
      expect(diffSnapshots(expected, readDeviceSnapshot(db), 'fresh device')).toEqual([]);
    } finally {
      db.close();
    }
    await fresh.engine.useMember(shop.owner.memberId);
    expect(await fresh.engine.query('orderDetail', { id: orders.oldDelivered })).toMatchObject({
      status: 'delivered',
      closedAt: at(-39),
      paid: 5_000,
      historyComplete: false,
      events: [],
    });
    for (const id of [orders.oldReopened, orders.recentDelivered, orders.open]) {
      expect(await fresh.engine.query('orderDetail', { id })).toMatchObject({ historyComplete: true });
    }
    const board = await fresh.engine.query('orderBoard');
    expect(board.find((c) => c.status === 'delivered')!.orders.map((o) => o.id)).toEqual([orders.recentDelivered]);
    const month = todayIn('Africa/Porto-Novo', new Date(at(-5)));
    expect(await fresh.engine.query('monthFigures', { date: month })).toMatchObject({ ordersDelivered: 1 });
    await fresh.engine.close();
  });

  it('in small pages: full pages, every other row exactly once, cursors "0~M" then a plain one', async () => {
    const raw = new RawDevice(server.url, shop.tokenFor(shop.owner));
    const pages: Set<string>[] = [];
    const cursors: string[] = [];
    for (let more = true; more; ) {
      const answer = await raw.sync();
      pages.push(new Set(answer.changes.map((c) => `${c.table}/${c.rowId}`)));
      cursors.push(answer.cursor);
      more = answer.more;
    }
    const { expected } = withoutOldHistory(await readServerSnapshot(server.ctx, shop.workshopId));
    const want = Object.entries(expected).flatMap(([table, found]) => [...found.keys()].map((id) => `${table}/${id}`));
    const got = pages.flatMap((page) => [...page]);
    expect(got.length).toBe(new Set(got).size);
    expect(new Set(got)).toEqual(new Set(want));
    expect(pages.length).toBe(Math.ceil(want.length / PAGE_ROWS));
    for (const page of pages.slice(0, -1)) expect(page.size).toBe(PAGE_ROWS);
    expect(cursors.slice(0, -1).every((c) => /^0~\d+$/.test(c))).toBe(true);
    expect(cursors.at(-1)).toMatch(/^\d+$/);
  });

  it("places the cutoff at the hub's now given to pullPage", async () => {
    const eventsOf = async (now: Date) => {
      const page = await server.ctx.db.readWorkshop(shop.workshopId, (tx) => pullPage(tx, shop.workshopId, '0', 10_000, new Set(), now));
      const ids = new Set(page.changes.filter((c) => c.table === 'order_events').map((c) => String(c.fields.orderId)));
      return Object.entries(orders).filter(([, id]) => ids.has(id)).map(([name]) => name).sort();
    };
    expect(await eventsOf(new Date(at(0)))).toEqual(['oldReopened', 'open', 'recentDelivered']);
    expect(await eventsOf(new Date(at(-20)))).toEqual(['oldCancelled', 'oldDeleted', 'oldDelivered', 'oldReopened', 'open', 'recentDelivered']);
    expect(await eventsOf(new Date(at(40)))).toEqual(['oldReopened', 'open']);
  });

  it('a later pull still carries a new event of an old order to a device in sync', async () => {
    const fresh = await device();
    await fresh.client.sync();
    await fresh.engine.useMember(shop.owner.memberId);
    await author.engine.execute('recordPayment', { orderId: orders.oldDelivered, amount: 5_000 });
    await author.client.sync();
    await fresh.client.sync();
    const detail = await fresh.engine.query('orderDetail', { id: orders.oldDelivered });
    expect(detail).toMatchObject({ paid: 10_000, historyComplete: false });
    expect(detail.events.map((e) => e.type)).toEqual(['payment']);
    await fresh.engine.close();
  });
});

describe('GET /api/orders/:orderId/history', () => {
  it('gives the missing history; the device keeps it and the order detail says it is complete', async () => {
    const fresh = await device();
    await fresh.client.sync();
    await fresh.engine.useMember(shop.owner.memberId);
    const cursor = await fresh.engine.cursor();
    const api = new CloudApi(server.url, fetch, { accessToken: shop.tokenFor(shop.owner), refreshToken: 'unused' }, async () => undefined);
    const applied = await loadOrderHistory(api, fresh.engine, orders.oldDelivered);
    const want = await author.engine.query('orderDetail', { id: orders.oldDelivered });
    expect(applied).toBe(want.events.length);
    const detail = await fresh.engine.query('orderDetail', { id: orders.oldDelivered });
    expect(detail.historyComplete).toBe(true);
    expect(detail.events).toEqual(want.events);
    expect(await fresh.engine.cursor()).toBe(cursor);
    // Its clocks are the hub's: the device's tables match the hub's for this order's events.
    const hub = await readServerSnapshot(server.ctx, shop.workshopId);
    const db = openReadOnly(`${dir.dir}/device-${counter}.sqlite`);
    try {
      const local = readDeviceSnapshot(db);
      for (const event of want.events) expect(local.order_events.get(event.id)).toEqual(hub.order_events.get(event.id));
    } finally {
      db.close();
    }
    await fresh.engine.close();
  });

  it('answers every field of every event of the order, in the shape of sync changes', async () => {
    const response = await history(orders.oldCancelled);
    expect(response.status).toBe(200);
    const { changes } = orderHistoryResponseSchema.parse(await response.json());
    const want = await author.engine.query('orderDetail', { id: orders.oldCancelled });
    expect(changes.map((c) => c.rowId).sort()).toEqual(want.events.map((e) => e.id).sort());
    for (const change of changes) {
      expect(change.table).toBe('order_events');
      expect(Object.keys(change.fields).sort()).toEqual(['at', 'by', 'data', 'orderId', 'type']);
      expect(change.fields.orderId).toBe(orders.oldCancelled);
    }
  });

  it('lets a viewer read it', async () => {
    const viewer = await shop.addMember('viewer', 'Lectrice');
    const response = await history(orders.oldDelivered, viewer);
    expect(response.status).toBe(200);
    expect(orderHistoryResponseSchema.parse(await response.json()).changes.length).toBeGreaterThan(0);
  });

  it("answers 404 not_found for another workshop's order or an unknown id, and leaks nothing", async () => {
    for (const id of [otherOrderId, newId()]) {
      const response = await history(id);
      expect(response.status).toBe(404);
      const body = (await response.json()) as { error: { code: string; message: string }; changes?: unknown };
      expect(body.error.code).toBe('not_found');
      expect(body.changes).toBeUndefined();
    }
    // The neighbour's owner does get it: the order exists, only in the other workshop.
    expect((await history(otherOrderId, other.owner, other)).status).toBe(200);
    expect((await history(orders.oldDelivered, other.owner, other)).status).toBe(404);
  });

  it('refuses a revoked member with access_revoked, and a request without a token', async () => {
    const staff = await shop.addMember('staff', 'Employé parti');
    await server.ctx.db.withWorkshop(shop.workshopId, (tx) => tx.execute(sql`UPDATE members SET deleted_at = now()::text WHERE id = ${staff.memberId}`));
    const response = await history(orders.oldDelivered, staff);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('access_revoked');
    expect((await fetch(`${server.url}/api/orders/${orders.oldDelivered}/history`)).status).toBe(401);
  });

  it('is in the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).some((p) => p.includes('/orders/') && p.endsWith('/history'))).toBe(true);
  });
});
