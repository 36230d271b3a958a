/** The "Today" screen: due and late orders, ready ones, unpaid balances, fittings, month figures. */
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { ACTIVE_STATUSES } from '../../domain/orderStatus.js';
import { addDays, monthRange, startOfLocalDayUtc, startOfWeek, todayIn, type IsoDate } from '../../domain/calendar.js';
import { ORDER_SUMMARY_COLUMNS, toOrderSummary, type OrderSummary, type OrderSummaryRow } from './orderRows.js';
import { workshopSettings } from './settingsQueries.js';

const ACTIVE_IN = `(${ACTIVE_STATUSES.map((s) => `'${s}'`).join(',')})`;

async function today(ctx: EngineContext, db: SqlExecutor): Promise<{ today: IsoDate; timezone: string }> {
  const { timezone } = await workshopSettings(db, ctx.locale);
  return { today: todayIn(timezone, ctx.now()), timezone };
}

async function ordersWhere(db: SqlExecutor, where: string, params: (string | number)[], order = 'o.promised_date, o.number'): Promise<OrderSummary[]> {
  const rows = await db.all<OrderSummaryRow>(
    `SELECT ${ORDER_SUMMARY_COLUMNS} FROM orders o JOIN clients c ON c.id = o.client_id
     WHERE o.deleted_at IS NULL AND ${where} ORDER BY ${order}`,
    params,
  );
  return rows.map(toOrderSummary);
}

export interface DueOrders {
  today: IsoDate;
  late: OrderSummary[];
  dueToday: OrderSummary[];
  /** Due tomorrow or the day after. */
  dueWithin48h: OrderSummary[];
}

/** Work still to finish, by promised date: late, due today, due within 48 hours. */
export async function dueOrders(ctx: EngineContext, db: SqlExecutor): Promise<DueOrders> {
  const { today: day } = await today(ctx, db);
  const rows = await ordersWhere(db, `o.status IN ${ACTIVE_IN} AND o.promised_date <= ?`, [addDays(day, 2)]);
  return {
    today: day,
    late: rows.filter((o) => o.promisedDate < day),
    dueToday: rows.filter((o) => o.promisedDate === day),
    dueWithin48h: rows.filter((o) => o.promisedDate > day),
  };
}

/** Ready garments the client has not collected yet, the longest waiting first. */
export async function readyNotCollected(db: SqlExecutor): Promise<OrderSummary[]> {
  return ordersWhere(db, "o.status = 'ready'", []);
}

/** Orders still owing money: matches the partial index orders_owing exactly. */
const OWING = "o.deleted_at IS NULL AND o.status NOT IN ('quote', 'cancelled') AND o.price > o.paid";

async function outstandingTotal(db: SqlExecutor): Promise<number> {
  const row = await db.get<{ total: number | null }>(`SELECT SUM(o.price - o.paid) AS total FROM orders o WHERE ${OWING}`);
  return row?.total ?? 0;
}

/** Orders with money still owed (delivered ones included), the oldest promise first. */
export async function unpaidBalances(db: SqlExecutor, limit = 200): Promise<{ total: number; orders: OrderSummary[] }> {
  const rows = await db.all<OrderSummaryRow>(
    `SELECT ${ORDER_SUMMARY_COLUMNS} FROM orders o JOIN clients c ON c.id = o.client_id
     WHERE ${OWING} ORDER BY o.promised_date, o.number LIMIT ?`,
    [limit],
  );
  return { total: await outstandingTotal(db), orders: rows.map(toOrderSummary) };
}

export interface FittingOfWeek {
  id: string;
  orderId: string;
  orderNumber: string;
  clientName: string;
  clientPhone: string | null;
  at: string;
  status: string;
  note: string | null;
}

/** Fittings from Monday to Sunday of the week holding `date` (default: this week), in the workshop's timezone. */
export async function fittingsOfWeek(ctx: EngineContext, db: SqlExecutor, date?: IsoDate): Promise<{ weekStart: IsoDate; fittings: FittingOfWeek[] }> {
  const { today: day, timezone } = await today(ctx, db);
  const weekStart = startOfWeek(date ?? day);
  const fittings = await db.all<FittingOfWeek>(
    `SELECT f.id, f.order_id AS orderId, o.number AS orderNumber, c.name AS clientName, c.phone AS clientPhone, f.at, f.status, f.note
     FROM fittings f JOIN orders o ON o.id = f.order_id JOIN clients c ON c.id = o.client_id
     WHERE f.deleted_at IS NULL AND o.deleted_at IS NULL AND f.at >= ? AND f.at < ? ORDER BY f.at`,
    [startOfLocalDayUtc(weekStart, timezone), startOfLocalDayUtc(addDays(weekStart, 7), timezone)],
  );
  return { weekStart, fittings };
}

export interface MonthFigures {
  month: string;
  ordersCreated: number;
  ordersDelivered: number;
  ordersCancelled: number;
  /** Money received in the month (reversals deducted). */
  revenueReceived: number;
  /** Everything still owed today on confirmed, in-progress, ready and delivered orders. */
  outstanding: number;
  /** Money received per day of the month (for the small chart), index 0 = day 1. */
  revenueByDay: number[];
}

/** Figures of the month holding `date` (default: this month). */
export async function monthFigures(ctx: EngineContext, db: SqlExecutor, date?: IsoDate): Promise<MonthFigures> {
  const { today: day, timezone } = await today(ctx, db);
  const { start, end } = monthRange(date ?? day);
  const from = startOfLocalDayUtc(start, timezone);
  const to = startOfLocalDayUtc(end, timezone);
  const created = await db.get<{ n: number; cancelled: number }>(
    `SELECT COUNT(*) AS n, SUM(status = 'cancelled') AS cancelled FROM orders
     WHERE deleted_at IS NULL AND created_at >= ? AND created_at < ?`,
    [from, to],
  );
  // Delivered = closed in the month and still delivered; read from closed_at (index orders_status_closed),
  // not from the history, which a device may not hold for old orders (domain/history.ts).
  const delivered = await db.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM orders
     WHERE status = 'delivered' AND closed_at >= ? AND closed_at < ? AND deleted_at IS NULL`,
    [from, to],
  );
  const payments = await db.all<{ amount: number; paidAt: string }>(
    'SELECT amount, paid_at AS paidAt FROM payments WHERE paid_at >= ? AND paid_at < ?',
    [from, to],
  );
  const outstanding = await outstandingTotal(db);
  const days = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
  // Local midnights of every day of the month, as UTC instants, to put each payment on its local day.
  const dayStarts = Array.from({ length: days }, (_, i) => startOfLocalDayUtc(addDays(start, i), timezone));
  const revenueByDay = new Array<number>(days).fill(0);
  let revenueReceived = 0;
  for (const p of payments) {
    revenueReceived += p.amount;
    let index = days - 1;
    while (index > 0 && p.paidAt < dayStarts[index]!) index -= 1;
    revenueByDay[index] = (revenueByDay[index] ?? 0) + p.amount;
  }
  return {
    month: start.slice(0, 7),
    ordersCreated: created?.n ?? 0,
    ordersDelivered: delivered?.n ?? 0,
    ordersCancelled: created?.cancelled ?? 0,
    revenueReceived,
    outstanding,
    revenueByDay,
  };
}
