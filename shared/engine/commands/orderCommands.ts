/** Orders: creation (number, promised date, measurements snapshot, deposit), edits, status moves. */
import type { SqlExecutor } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { defineCommand } from './define.js';
import { requireRow } from './lookup.js';
import { writeChange } from '../write.js';
import { nextOrderNumber, suggestDateFor } from '../orderPlanning.js';
import { addOrderEvent, recordPaymentRow } from './orderEvents.js';
import { newId } from '../../domain/ids.js';
import { EngineError } from '../../domain/errors.js';
import { t } from '../../i18n/index.js';
import { createOrderInput, updateOrderInput, changeOrderStatusInput, deleteOrderInput } from '../../domain/orders.js';
import { transitionRefusal, type OrderStatus } from '../../domain/orderStatus.js';
import { todayIn } from '../../domain/calendar.js';
import { closedAtFor } from '../../domain/history.js';
import { workshopSettings } from '../queries/settingsQueries.js';
import { cancelQueuedOf, cancelUntrueMessages, messageForMove, writeAutomaticMessage } from './autoMessages.js';
import { newTrackingToken } from '../../messaging/trackingToken.js';

interface SheetRow {
  id: string;
  client_id: string;
  unit: string;
  values: string;
}

async function measurementSnapshot(ctx: EngineContext, tx: SqlExecutor, clientId: string, garmentTypeId: string | null, sheetId: string | null) {
  let sheet: SheetRow | undefined;
  if (sheetId) {
    sheet = await requireRow<SheetRow>(ctx, tx, 'measurement_sheets', sheetId, 'measurementSheetId');
    if (sheet.client_id !== clientId) {
      throw new EngineError('rule_violation', t(ctx.locale, 'rule.sheetOfOtherClient'), 'measurementSheetId');
    }
  } else {
    sheet = await tx.get<SheetRow>(
      `SELECT id, client_id, unit, "values" FROM measurement_sheets WHERE client_id = ? AND deleted_at IS NULL
       AND (garment_type_id IS ? OR ? IS NULL) ORDER BY taken_at DESC LIMIT 1`,
      [clientId, garmentTypeId, garmentTypeId],
    );
  }
  return sheet ? { sheetId: sheet.id, unit: sheet.unit, values: JSON.parse(sheet.values) as Record<string, number> } : null;
}

async function requireMember(ctx: EngineContext, tx: SqlExecutor, memberId: string | null | undefined) {
  if (memberId) await requireRow(ctx, tx, 'members', memberId, 'assignedTo');
}

async function refuseDateInPast(ctx: EngineContext, tx: SqlExecutor, date: string | undefined) {
  if (!date) return;
  const today = todayIn((await workshopSettings(tx, ctx.locale)).timezone, ctx.now());
  if (date < today) throw new EngineError('invalid_input', t(ctx.locale, 'rule.promisedDatePast'), 'promisedDate');
}

export const createOrder = defineCommand({
  input: createOrderInput,
  permission: { table: 'orders', action: 'create' },
  async run(ctx, tx, input) {
    await requireRow(ctx, tx, 'clients', input.clientId, 'clientId');
    const garment = input.garmentTypeId
      ? await requireRow<{ duration_days: number; default_price: number }>(ctx, tx, 'garment_types', input.garmentTypeId, 'garmentTypeId')
      : null;
    await requireMember(ctx, tx, input.assignedTo);
    const price = input.price ?? garment?.default_price;
    if (price === undefined) throw new EngineError('invalid_input', t(ctx.locale, 'rule.priceMissing'), 'price');
    await refuseDateInPast(ctx, tx, input.promisedDate);
    const suggestion = await suggestDateFor(ctx, tx, garment?.duration_days ?? 7, input.urgency);
    const id = newId();
    const number = await nextOrderNumber(ctx, tx);
    const createdAt = ctx.now().toISOString();
    await writeChange(ctx, tx, 'orders', id, {
      number,
      clientId: input.clientId,
      garmentTypeId: input.garmentTypeId,
      description: input.description,
      fabricSource: input.fabricSource,
      fabricPagnes: input.fabricPagnes,
      fabricPhoto: input.fabricPhoto,
      modelPhoto: input.modelPhoto,
      measurements: await measurementSnapshot(ctx, tx, input.clientId, input.garmentTypeId, input.measurementSheetId),
      price,
      urgency: input.urgency,
      status: input.status,
      assignedTo: input.assignedTo,
      promisedDate: input.promisedDate ?? suggestion.date,
      internalNote: input.internalNote,
      createdAt,
      createdBy: ctx.actor.memberId,
      deletedAt: null,
      closedAt: closedAtFor(input.status, ctx.now()),
      // Every order has its tracking link from the start (DESIGN), so a preview shows the real one.
      trackingToken: newTrackingToken(),
    }, 'insert');
    await addOrderEvent(ctx, tx, id, 'created', {
      number,
      status: input.status,
      price,
      promisedDate: input.promisedDate ?? suggestion.date,
      suggestedDate: suggestion.date,
    });
    let paymentId: string | null = null;
    if (input.deposit) {
      if (input.deposit.amount > price) {
        throw new EngineError('invalid_input', t(ctx.locale, 'rule.depositOverPrice', { price }), 'deposit');
      }
      paymentId = await recordPaymentRow(ctx, tx, id, { amount: input.deposit.amount, method: input.deposit.method, kind: 'deposit' });
    }
    // "Order recorded" (off unless the workshop turns it on), in this same transaction.
    const created = messageForMove(null, input.status);
    const messageId = created ? await writeAutomaticMessage(ctx, tx, created, id) : null;
    return { id, number, promisedDate: input.promisedDate ?? suggestion.date, suggestion, paymentId, messageId };
  },
});

export const updateOrder = defineCommand({
  input: updateOrderInput,
  permission: { table: 'orders', action: 'update' },
  async run(ctx, tx, { id, ...changes }) {
    const order = await requireRow<Record<string, unknown>>(ctx, tx, 'orders', id, 'id');
    if (changes.garmentTypeId) await requireRow(ctx, tx, 'garment_types', changes.garmentTypeId, 'garmentTypeId');
    await requireMember(ctx, tx, changes.assignedTo);
    if (changes.promisedDate !== undefined && changes.promisedDate !== order.promised_date) {
      await refuseDateInPast(ctx, tx, changes.promisedDate);
    }
    const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(fields).length === 0) return { id };
    await writeChange(ctx, tx, 'orders', id, fields, 'update');
    await addOrderEvent(ctx, tx, id, 'updated', { fields: Object.keys(fields), ...fields });
    return { id };
  },
});

export const changeOrderStatus = defineCommand({
  input: changeOrderStatusInput,
  permission: { table: 'orders', action: 'update' },
  async run(ctx, tx, { id, status, note }) {
    const order = await requireRow<{ status: OrderStatus }>(ctx, tx, 'orders', id, 'id');
    const refusal = transitionRefusal(order.status, status, ctx.locale);
    if (refusal) throw new EngineError('invalid_transition', refusal, 'status', { from: order.status, to: status });
    // closedAt travels with every status change (same clock), so the two always converge together.
    await writeChange(ctx, tx, 'orders', id, { status, closedAt: closedAtFor(status, ctx.now()) }, 'update');
    await addOrderEvent(ctx, tx, id, 'status', { from: order.status, to: status, note });
    // Its message is written in this same transaction: the status and the SMS commit together.
    await cancelUntrueMessages(ctx, tx, id, status);
    const kind = messageForMove(order.status, status);
    const messageId = kind ? await writeAutomaticMessage(ctx, tx, kind, id) : null;
    return { id, status, messageId };
  },
});

export const deleteOrder = defineCommand({
  input: deleteOrderInput,
  permission: { table: 'orders', action: 'delete' },
  async run(ctx, tx, { id }) {
    await requireRow(ctx, tx, 'orders', id, 'id');
    const paid = await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM payments WHERE order_id = ?', [id]);
    if ((paid?.n ?? 0) > 0) {
      throw new EngineError('rule_violation', t(ctx.locale, 'rule.orderHasPayments'), 'id');
    }
    await writeChange(ctx, tx, 'orders', id, { deletedAt: ctx.now().toISOString() }, 'update');
    await addOrderEvent(ctx, tx, id, 'deleted', {});
    await cancelQueuedOf(ctx, tx, { orderId: id });
    return { id };
  },
});
