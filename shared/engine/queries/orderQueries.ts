/** The order board and an order's detail (history, payments, fittings). */
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { EngineError } from '../../domain/errors.js';
import { t } from '../../i18n/index.js';
import { OPEN_STATUSES, type OrderStatus } from '../../domain/orderStatus.js';
import { ORDER_SUMMARY_COLUMNS, toOrderSummary, type OrderSummary, type OrderSummaryRow } from './orderRows.js';

export interface BoardColumn {
  status: OrderStatus;
  orders: OrderSummary[];
}

/**
 * Open orders by status, most pressing (earliest promised date, then urgency) first, plus the
 * orders delivered in the last `deliveredDays` days — by `closed_at`, not by their history, which a
 * device may not hold for old orders (domain/history.ts). Both branches of the OR use an index:
 * (status, promised_date) for the open ones, (status, closed_at) for the recent deliveries.
 */
export async function orderBoard(ctx: EngineContext, db: SqlExecutor, deliveredDays = 7): Promise<BoardColumn[]> {
  const since = new Date(ctx.now().getTime() - deliveredDays * 86_400_000).toISOString();
  const rows = await db.all<OrderSummaryRow>(
    `SELECT ${ORDER_SUMMARY_COLUMNS} FROM orders o JOIN clients c ON c.id = o.client_id
     WHERE o.deleted_at IS NULL AND (o.status IN (${OPEN_STATUSES.map(() => '?').join(',')})
       OR (o.status = 'delivered' AND o.closed_at >= ?))
     ORDER BY o.promised_date, CASE o.urgency WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 ELSE 2 END, o.number`,
    [...OPEN_STATUSES, since],
  );
  const columns: BoardColumn[] = [...OPEN_STATUSES, 'delivered' as const].map((status) => ({ status, orders: [] }));
  const byStatus = new Map(columns.map((c) => [c.status, c]));
  for (const row of rows) byStatus.get(row.status)?.orders.push(toOrderSummary(row));
  return columns;
}

export interface OrderDetail extends OrderSummary {
  garmentTypeName: string | null;
  fabricSource: 'client' | 'workshop';
  fabricPagnes: number | null;
  fabricPhoto: string | null;
  modelPhoto: string | null;
  measurements: { sheetId: string | null; unit: string; values: Record<string, number> } | null;
  internalNote: string | null;
  createdBy: string | null;
  payments: { id: string; amount: number; method: string; kind: string; reverses: string | null; paidAt: string; note: string | null; recordedBy: string | null; reversed: boolean }[];
  fittings: { id: string; at: string; status: string; note: string | null }[];
  events: { id: string; at: string; by: string | null; type: string; data: Record<string, unknown> }[];
  /** When the order was delivered or cancelled; null while open. */
  closedAt: string | null;
  /**
   * False when this device lacks part of the order's history: a first sync leaves out the history
   * of orders closed long ago (domain/history.ts). Every order's history starts with its `created`
   * event, so the history is complete once that event is here.
   */
  historyComplete: boolean;
}

export async function orderDetail(ctx: EngineContext, db: SqlExecutor, id: string): Promise<OrderDetail> {
  const row = await db.get<OrderSummaryRow & Record<string, string | number | null>>(
    `SELECT ${ORDER_SUMMARY_COLUMNS}, g.name AS garmentTypeName, o.fabric_source AS fabricSource, o.fabric_pagnes AS fabricPagnes,
       o.fabric_photo AS fabricPhoto, o.model_photo AS modelPhoto, o.measurements AS measurementsJson,
       o.internal_note AS internalNote, o.created_by AS createdBy, o.closed_at AS closedAt
     FROM orders o JOIN clients c ON c.id = o.client_id LEFT JOIN garment_types g ON g.id = o.garment_type_id
     WHERE o.id = ? AND o.deleted_at IS NULL`,
    [id],
  );
  if (!row) throw new EngineError('not_found', t(ctx.locale, 'error.notFound', { what: t(ctx.locale, 'what.order') }), 'id');
  const payments = await db.all<Omit<OrderDetail['payments'][number], 'reversed'>>(
    `SELECT id, amount, method, kind, reverses, paid_at AS paidAt, note, recorded_by AS recordedBy
     FROM payments WHERE order_id = ? ORDER BY paid_at, id`,
    [id],
  );
  const reversedIds = new Set(payments.map((p) => p.reverses).filter(Boolean));
  const fittings = await db.all<OrderDetail['fittings'][number]>(
    'SELECT id, at, status, note FROM fittings WHERE order_id = ? AND deleted_at IS NULL ORDER BY at',
    [id],
  );
  const events = await db.all<{ id: string; at: string; by: string | null; type: string; data: string }>(
    'SELECT id, at, by, type, data FROM order_events WHERE order_id = ? ORDER BY at, id',
    [id],
  );
  const { measurementsJson, ...rest } = row;
  return {
    ...(toOrderSummary(rest as OrderSummaryRow) as OrderSummary),
    garmentTypeName: rest.garmentTypeName as string | null,
    fabricSource: rest.fabricSource as 'client' | 'workshop',
    fabricPagnes: rest.fabricPagnes as number | null,
    fabricPhoto: rest.fabricPhoto as string | null,
    modelPhoto: rest.modelPhoto as string | null,
    measurements: measurementsJson ? (JSON.parse(measurementsJson as string) as OrderDetail['measurements']) : null,
    internalNote: rest.internalNote as string | null,
    createdBy: rest.createdBy as string | null,
    payments: payments.map((p) => ({ ...p, reversed: reversedIds.has(p.id) })),
    fittings,
    events: events.map((e) => ({ ...e, data: JSON.parse(e.data) as Record<string, unknown> })),
    closedAt: rest.closedAt as string | null,
    historyComplete: events.some((e) => e.type === 'created'),
  };
}
