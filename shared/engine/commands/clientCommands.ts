/** Clients and their measurement sheets. */
import { defineCommand } from './define.js';
import { requireRow } from './lookup.js';
import { writeChange } from '../write.js';
import { newId } from '../../domain/ids.js';
import { EngineError } from '../../domain/errors.js';
import { t } from '../../i18n/index.js';
import { createClientInput, updateClientInput, deleteClientInput } from '../../domain/clients.js';
import { recordSheetInput, deleteSheetInput } from '../../domain/sheets.js';
import { OPEN_STATUSES } from '../../domain/orderStatus.js';
import { workshopSettings } from '../queries/settingsQueries.js';
import { cancelQueuedOf } from './autoMessages.js';

export const createClient = defineCommand({
  input: createClientInput,
  permission: { table: 'clients', action: 'create' },
  async run(ctx, tx, input) {
    const id = newId();
    await writeChange(ctx, tx, 'clients', id, { ...input, createdAt: ctx.now().toISOString(), deletedAt: null }, 'insert');
    return { id };
  },
});

export const updateClient = defineCommand({
  input: updateClientInput,
  permission: { table: 'clients', action: 'update' },
  async run(ctx, tx, { id, ...changes }) {
    await requireRow(ctx, tx, 'clients', id, 'id');
    const fields = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(fields).length > 0) await writeChange(ctx, tx, 'clients', id, fields, 'update');
    // A client who no longer wants messages gets none of the automatic ones still waiting here.
    if (fields.messagesOptOut === true) await cancelQueuedOf(ctx, tx, { clientId: id, automaticOnly: true });
    return { id };
  },
});

export const deleteClient = defineCommand({
  input: deleteClientInput,
  permission: { table: 'clients', action: 'delete' },
  async run(ctx, tx, { id }) {
    await requireRow(ctx, tx, 'clients', id, 'id');
    const open = await tx.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM orders WHERE client_id = ? AND deleted_at IS NULL AND status IN (${OPEN_STATUSES.map(() => '?').join(',')})`,
      [id, ...OPEN_STATUSES],
    );
    if ((open?.n ?? 0) > 0) {
      throw new EngineError('rule_violation', t(ctx.locale, 'rule.clientHasOpenOrders', { count: open!.n }), 'id');
    }
    await writeChange(ctx, tx, 'clients', id, { deletedAt: ctx.now().toISOString() }, 'update');
    await cancelQueuedOf(ctx, tx, { clientId: id });
    return { id };
  },
});

export const recordMeasurements = defineCommand({
  input: recordSheetInput,
  permission: { table: 'measurement_sheets', action: 'create' },
  async run(ctx, tx, input) {
    await requireRow(ctx, tx, 'clients', input.clientId, 'clientId');
    if (input.garmentTypeId) await requireRow(ctx, tx, 'garment_types', input.garmentTypeId, 'garmentTypeId');
    const unit = input.unit ?? (await workshopSettings(tx, ctx.locale)).unit;
    const id = newId();
    await writeChange(ctx, tx, 'measurement_sheets', id, {
      clientId: input.clientId,
      garmentTypeId: input.garmentTypeId,
      unit,
      values: input.values,
      note: input.note,
      takenAt: ctx.now().toISOString(),
      takenBy: ctx.actor.memberId,
      deletedAt: null,
    }, 'insert');
    return { id };
  },
});

export const deleteMeasurementSheet = defineCommand({
  input: deleteSheetInput,
  permission: { table: 'measurement_sheets', action: 'delete' },
  async run(ctx, tx, { id }) {
    await requireRow(ctx, tx, 'measurement_sheets', id, 'id');
    await writeChange(ctx, tx, 'measurement_sheets', id, { deletedAt: ctx.now().toISOString() }, 'update');
    return { id };
  },
});
