/** Keeps the benchmark's workshop generator honest: counts, money rules, and screens with data. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../desktop/sqlite/testing.js';
import type { Engine } from '../shared/engine/engine.js';
import { generateWorkshop, type GenerationStats } from './generateWorkshop.js';

const SIZE = { clients: 50, sheetsPerClient: 3, orders: 200, payments: 300, seed: 7 };

describe('generateWorkshop', () => {
  const tmp = tempDir('styliste-gen-');
  const path = join(tmp.dir, 'a.sqlite');
  let engine: Engine;
  let stats: GenerationStats;
  let db: Database.Database;

  beforeAll(async () => {
    ({ engine, stats } = await generateWorkshop(path, SIZE));
    db = new Database(path, { readonly: true });
  });

  afterAll(async () => {
    db?.close();
    await engine?.close();
    tmp.cleanup();
  });

  const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number;

  it('writes the requested numbers of rows, all through the engine (clocks and outbox)', () => {
    expect(count('SELECT COUNT(*) FROM clients')).toBe(50);
    expect(count('SELECT COUNT(*) FROM measurement_sheets')).toBe(150);
    expect(count('SELECT COUNT(*) FROM orders')).toBe(200);
    expect(count('SELECT COUNT(*) FROM payments')).toBe(300);
    expect(stats.planned).toMatchObject({ clients: 50, sheets: 150, orders: 200, payments: 300 });
    expect(count("SELECT COUNT(*) FROM payments WHERE kind = 'reversal'")).toBeGreaterThan(0);
    expect(count('SELECT COUNT(*) FROM fittings')).toBeGreaterThan(0);
    expect(count("SELECT COUNT(*) FROM clients WHERE clocks = '{}' OR search_name = ''")).toBe(0);
    expect(count('SELECT COUNT(DISTINCT phone) FROM clients')).toBe(50);
    expect(count("SELECT COUNT(*) FROM clients WHERE phone NOT GLOB '+22901[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'")).toBe(0);
    // Every synced row has its outbox entry (nothing was synced yet).
    const rows = ['clients', 'measurement_sheets', 'orders', 'payments', 'fittings', 'order_events']
      .map((t) => count(`SELECT COUNT(*) FROM ${t} WHERE id NOT IN (SELECT row_id FROM outbox)`));
    expect(rows).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('spreads the history over 18 months, in the past, with open orders around today', () => {
    expect(count("SELECT COUNT(*) FROM orders WHERE created_at > '2026-11-25T09:00:00.000Z'")).toBe(0);
    expect(count("SELECT COUNT(*) FROM payments WHERE paid_at > '2026-11-25T09:00:00.000Z'")).toBe(0);
    expect(count("SELECT COUNT(*) FROM orders WHERE created_at < '2025-08-01'")).toBeGreaterThan(0);
    expect(count("SELECT COUNT(*) FROM orders WHERE status = 'delivered'")).toBeGreaterThan(150);
    expect(count("SELECT COUNT(*) FROM orders WHERE status IN ('confirmed', 'in_progress', 'fitting', 'ready')")).toBe(12);
  });

  it('never lets a payment take an order beyond its price, and refunds cancelled deposits', () => {
    const payments = db
      .prepare('SELECT p.order_id AS orderId, p.amount, o.price, o.status FROM payments p JOIN orders o ON o.id = p.order_id ORDER BY p.order_id, p.paid_at, p.id')
      .all() as { orderId: string; amount: number; price: number; status: string }[];
    const running = new Map<string, number>();
    for (const p of payments) {
      const paid = (running.get(p.orderId) ?? 0) + p.amount;
      running.set(p.orderId, paid);
      expect(paid, `order ${p.orderId}`).toBeLessThanOrEqual(p.price);
      expect(paid, `order ${p.orderId}`).toBeGreaterThanOrEqual(0);
    }
    const cancelledPaid = db
      .prepare("SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id WHERE o.status = 'cancelled'")
      .pluck()
      .get();
    expect(cancelledPaid).toBe(0);
  });

  it('gives every screen something to show', async () => {
    expect((await engine.query('searchClients', { query: '' })).length).toBe(50);
    const someone = db.prepare('SELECT name FROM clients LIMIT 1').pluck().get() as string;
    const fragment = someone.split(' ')[0]!.slice(0, 3);
    expect((await engine.query('searchClients', { query: fragment })).map((c) => c.name)).toContain(someone);
    const board = await engine.query('orderBoard');
    expect(board.reduce((n, c) => n + c.orders.length, 0)).toBeGreaterThan(0);
    const due = await engine.query('dueOrders');
    expect(due.late.length + due.dueToday.length + due.dueWithin48h.length).toBeGreaterThan(0);
    expect((await engine.query('unpaidBalances')).total).toBeGreaterThan(0);
    const figures = await engine.query('monthFigures');
    expect(figures.ordersCreated).toBeGreaterThan(0);
    expect(figures.revenueReceived).toBeGreaterThan(0);
    expect((await engine.query('fittingsOfWeek')).fittings.length).toBeGreaterThan(0);
  });

  it('is reproducible from its seed', async () => {
    const second = join(tmp.dir, 'b.sqlite');
    const again = await generateWorkshop(second, SIZE);
    await again.engine.close();
    const other = new Database(second, { readonly: true });
    const fingerprint = (d: Database.Database) => [
      d.prepare('SELECT name, phone FROM clients ORDER BY created_at, name').all(),
      d.prepare('SELECT number, price, status, promised_date FROM orders ORDER BY number').all(),
      d.prepare('SELECT amount, kind, paid_at FROM payments ORDER BY paid_at, amount').all(),
    ];
    expect(fingerprint(other)).toEqual(fingerprint(db));
    other.close();
  });
});
