/** Reads a live (not deleted) row a command depends on, or fails with a clear "not found". */
import type { SqlExecutor, SqlRow } from '../sqlPort.js';
import type { EngineContext } from '../context.js';
import { EngineError } from '../../domain/errors.js';
import { t, type MessageKey } from '../../i18n/index.js';

const WHAT: Record<string, MessageKey> = {
  clients: 'what.client',
  orders: 'what.order',
  payments: 'what.payment',
  fittings: 'what.fitting',
  garment_types: 'what.garmentType',
  measurement_sheets: 'what.sheet',
  members: 'what.member',
};

const SOFT_DELETED = new Set(['clients', 'orders', 'fittings', 'garment_types', 'measurement_sheets', 'members']);

export async function requireRow<T = SqlRow>(
  ctx: EngineContext,
  tx: SqlExecutor,
  table: keyof typeof WHAT,
  id: string,
  field: string,
): Promise<T> {
  const live = SOFT_DELETED.has(table) ? ' AND deleted_at IS NULL' : '';
  const row = await tx.get<T>(`SELECT * FROM ${table} WHERE id = ?${live}`, [id]);
  if (!row) throw new EngineError('not_found', t(ctx.locale, 'error.notFound', { what: t(ctx.locale, WHAT[table]!) }), field);
  return row;
}
