/** Payments (insert-only, corrected by reversal) and fittings. */
import { defineCommand } from './define.js';
import { requireRow } from './lookup.js';
import { writeChange } from '../write.js';
import { addOrderEvent, recordPaymentRow } from './orderEvents.js';
import { newId } from '../../domain/ids.js';
import { EngineError } from '../../domain/errors.js';
import { fieldLabel, t } from '../../i18n/index.js';
import { recordPaymentInput, reversePaymentInput, scheduleFittingInput, updateFittingInput, deleteFittingInput } from '../../domain/orders.js';
import { balanceDue, paymentRefusal, reversalRefusal, type PaymentKind, type PaymentLike, type PaymentMethod } from '../../domain/payments.js';
import { OPEN_STATUSES, type OrderStatus } from '../../domain/orderStatus.js';

interface OrderRow {
  id: string;
  price: number;
  status: OrderStatus;
}

export const recordPayment = defineCommand({
  input: recordPaymentInput,
  permission: { table: 'payments', action: 'create' },
  async run(ctx, tx, input) {
    const order = await requireRow<OrderRow>(ctx, tx, 'orders', input.orderId, 'orderId');
    const payments = await tx.all<{ amount: number }>('SELECT amount FROM payments WHERE order_id = ?', [order.id]);
    const due = balanceDue(order.price, order.status, payments);
    const refusal = paymentRefusal(input.amount, due, order.status, ctx.locale);
    if (refusal) throw new EngineError('rule_violation', t(ctx.locale, 'error.invalid', { field: fieldLabel(ctx.locale, 'amount'), message: refusal }), 'amount', { due });
    const kind: PaymentKind = payments.length === 0 ? 'deposit' : 'instalment';
    const id = await recordPaymentRow(ctx, tx, order.id, { ...input, kind });
    return { id, balance: due - input.amount };
  },
});

export const reversePayment = defineCommand({
  input: reversePaymentInput,
  permission: { table: 'payments', action: 'delete' },
  async run(ctx, tx, { paymentId, note }) {
    const target = await requireRow<{ id: string; order_id: string; amount: number; kind: PaymentKind; reverses: string | null; method: PaymentMethod }>(
      ctx, tx, 'payments', paymentId, 'paymentId',
    );
    const all = await tx.all<PaymentLike>('SELECT id, amount, kind, reverses FROM payments WHERE order_id = ?', [target.order_id]);
    const refusal = reversalRefusal({ id: target.id, amount: target.amount, kind: target.kind, reverses: target.reverses }, all, ctx.locale);
    if (refusal) throw new EngineError('rule_violation', refusal, 'paymentId');
    const id = await recordPaymentRow(ctx, tx, target.order_id, {
      amount: -target.amount,
      method: target.method,
      kind: 'reversal',
      reverses: target.id,
      note,
    });
    return { id };
  },
});

export const scheduleFitting = defineCommand({
  input: scheduleFittingInput,
  permission: { table: 'fittings', action: 'create' },
  async run(ctx, tx, input) {
    const order = await requireRow<OrderRow>(ctx, tx, 'orders', input.orderId, 'orderId');
    if (!OPEN_STATUSES.includes(order.status)) {
      throw new EngineError('rule_violation', t(ctx.locale, 'rule.fittingOrderClosed'), 'orderId');
    }
    const id = newId();
    await writeChange(ctx, tx, 'fittings', id, { orderId: input.orderId, at: input.at, status: 'planned', note: input.note, deletedAt: null }, 'insert');
    await addOrderEvent(ctx, tx, input.orderId, 'fitting', { fittingId: id, at: input.at, status: 'planned' });
    return { id };
  },
});

export const updateFitting = defineCommand({
  input: updateFittingInput,
  permission: { table: 'fittings', action: 'update' },
  async run(ctx, tx, { id, ...changes }) {
    const fitting = await requireRow<{ order_id: string }>(ctx, tx, 'fittings', id, 'id');
    const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(fields).length === 0) return { id };
    await writeChange(ctx, tx, 'fittings', id, fields, 'update');
    await addOrderEvent(ctx, tx, fitting.order_id, 'fitting', { fittingId: id, ...fields });
    return { id };
  },
});

export const deleteFitting = defineCommand({
  input: deleteFittingInput,
  permission: { table: 'fittings', action: 'delete' },
  async run(ctx, tx, { id }) {
    const fitting = await requireRow<{ order_id: string }>(ctx, tx, 'fittings', id, 'id');
    await writeChange(ctx, tx, 'fittings', id, { deletedAt: ctx.now().toISOString() }, 'update');
    await addOrderEvent(ctx, tx, fitting.order_id, 'fitting', { fittingId: id, deleted: true });
    return { id };
  },
});
