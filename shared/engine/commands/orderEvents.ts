/** Writes to the insert-only tables: the order history and payments. */
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { writeChange } from '../write.js';
import { newId } from '../../domain/ids.js';
import type { ORDER_EVENT_TYPES } from '../../domain/orders.js';
import type { PaymentKind, PaymentMethod } from '../../domain/payments.js';

export async function addOrderEvent(
  ctx: EngineContext,
  tx: SqlExecutor,
  orderId: string,
  type: (typeof ORDER_EVENT_TYPES)[number],
  data: Record<string, unknown>,
): Promise<string> {
  const id = newId();
  await writeChange(ctx, tx, 'order_events', id, { orderId, at: ctx.now().toISOString(), by: ctx.actor.memberId, type, data }, 'insert');
  return id;
}

export async function recordPaymentRow(
  ctx: EngineContext,
  tx: SqlExecutor,
  orderId: string,
  payment: { amount: number; method: PaymentMethod; kind: PaymentKind; reverses?: string | null; paidAt?: string; note?: string | null },
): Promise<string> {
  const id = newId();
  await writeChange(ctx, tx, 'payments', id, {
    orderId,
    amount: payment.amount,
    method: payment.method,
    kind: payment.kind,
    reverses: payment.reverses ?? null,
    paidAt: payment.paidAt ?? ctx.now().toISOString(),
    note: payment.note ?? null,
    recordedBy: ctx.actor.memberId,
  }, 'insert');
  await addOrderEvent(ctx, tx, orderId, payment.kind === 'reversal' ? 'reversal' : 'payment', {
    paymentId: id,
    amount: payment.amount,
    method: payment.method,
    kind: payment.kind,
  });
  return id;
}
