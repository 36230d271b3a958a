/**
 * THE mutation path. Every write of a workshop row goes through `writeChange`, inside the
 * command's transaction: it checks the fields with the table's row schema, stamps them with a new
 * HLC, merges them into the row with their per-field clocks, and appends the outbox entry in
 * the shape of a sync mutation. Row, clocks and outbox entry commit together or not at all.
 */
import type { SqlExecutor } from './sqlPort.js';
import type { EngineContext } from './context.js';
import type { SyncedTableName } from '../domain/tables.js';
import { INSERT_SCHEMAS, PATCH_SCHEMAS } from '../domain/rowSchemas.js';
import { mergeFields, type Fields } from './rowStore.js';
import { setMeta } from './meta.js';
import { newId } from '../domain/ids.js';
import { parseInput } from '../domain/validation.js';

export interface WriteResult {
  mutationId: string;
  hlc: string;
}

export async function writeChange(
  ctx: EngineContext,
  tx: SqlExecutor,
  table: SyncedTableName,
  rowId: string,
  fields: Fields,
  mode: 'insert' | 'update',
): Promise<WriteResult> {
  const schema = mode === 'insert' ? INSERT_SCHEMAS[table] : PATCH_SCHEMAS[table];
  const checked = parseInput(schema, fields, ctx.locale);
  const hlc = ctx.clock.now();
  await mergeFields(tx, table, rowId, checked, hlc);
  const mutationId = newId();
  await tx.run(
    'INSERT INTO outbox (id, tbl, row_id, hlc, fields, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    [mutationId, table, rowId, hlc, JSON.stringify(checked), ctx.now().toISOString()],
  );
  await setMeta(tx, 'lastHlc', hlc);
  return { mutationId, hlc };
}
