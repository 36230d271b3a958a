/**
 * The sync protocol's messages (DESIGN.md, normative), as zod schemas shared by the engine's
 * sync client and the cloud hub.
 */
import { z } from 'zod';
import { idSchema } from '../domain/fields.js';
import { isHlc } from './hlc.js';
import { CURSOR_PATTERN } from './cursor.js';

export const PROTOCOL_VERSION = 1;

export const hlcSchema = z.string().refine(isHlc, 'invalid.hlc');
/**
 * Any short name (schema evolution, DESIGN.md): a mutation for a table the hub does not know is
 * refused on its own (`unknown_table`), and a pulled change for a table the device does not know
 * is ignored — neither fails a whole request or answer. Looked up before any SQL
 * (engine/tableMeta.ts `knownTableMeta`).
 */
export const tableNameSchema = z.string({ error: () => 'invalid.tableMissing' }).min(1, 'invalid.tableMissing').max(64, 'invalid.tableNameTooLong');
export const cursorSchema = z.string().regex(CURSOR_PATTERN, 'invalid.cursor');

export const mutationSchema = z.strictObject({
  id: idSchema,
  table: tableNameSchema,
  rowId: idSchema,
  hlc: hlcSchema,
  fields: z.record(z.string(), z.unknown()),
});
export type Mutation = z.infer<typeof mutationSchema>;

export const changeSchema = z.strictObject({
  table: tableNameSchema,
  rowId: idSchema,
  hlc: hlcSchema,
  fields: z.record(z.string(), z.unknown()),
});
export type Change = z.infer<typeof changeSchema>;

export const syncRequestSchema = z.strictObject({
  protocol: z.number().int(),
  deviceId: idSchema,
  cursor: cursorSchema,
  mutations: z.array(mutationSchema).max(1000, 'invalid.mutationsTooMany'),
  /**
   * Extension (schema evolution): the synced schema the device speaks (sync/schemaEvolution.ts).
   * Absent = 1, the first release, which sends none: the hub leaves out of its pulls every table
   * and field added after the device's version (that release cannot take them).
   */
  schema: z.number().int().min(1).max(1_000_000).optional(),
  /**
   * Extension (schema evolution): pull only these tables, from `cursor` (names the hub does not
   * know are skipped; none left: an empty page at the head). A device that upgraded pulls the
   * tables that gained fields again this way, from "0", on a cursor of its own, then goes on
   * with its usual cursor; pushes are unaffected.
   */
  tables: z.array(tableNameSchema).max(100).optional(),
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

/**
 * `unknown_table` and `unknown_field` (extension, schema evolution): a mutation naming a table, or
 * a field of a table, that the hub does not know (a later version's); the rest of the batch applies.
 * A new row missing a required field is `invalid`, naming the field; `forbidden` is for the role,
 * insert-only rows, and rows of another workshop.
 */
export const REJECTION_CODES = ['forbidden', 'invalid', 'not_found', 'clock_skew', 'conflict', 'unknown_table', 'unknown_field'] as const;
export const rejectionSchema = z.strictObject({ id: idSchema, code: z.string(), message: z.string() });
export type Rejection = z.infer<typeof rejectionSchema>;

export const syncResponseSchema = z.strictObject({
  acked: z.array(idSchema),
  rejected: z.array(rejectionSchema),
  changes: z.array(changeSchema),
  cursor: cursorSchema,
  more: z.boolean(),
  serverTime: z.string(),
  /** Extension: the workshop's latest sequence, so a first sync can show a progress bar. */
  head: cursorSchema.optional(),
});
export type SyncResponse = z.infer<typeof syncResponseSchema>;

/**
 * Extension: GET /api/orders/:orderId/history — every order_events row of one order, each field
 * with its clock, in the shape of pulled changes. A first sync leaves out the history of orders
 * closed long ago (domain/history.ts); the app fetches it with this when such an order is opened.
 */
export const orderHistoryResponseSchema = z.strictObject({ changes: z.array(changeSchema) });
export type OrderHistoryResponse = z.infer<typeof orderHistoryResponseSchema>;
