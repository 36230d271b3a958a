/**
 * The sync protocol's messages (DESIGN.md, normative), as zod schemas shared by the engine's
 * sync client and the cloud hub.
 */
import { z } from 'zod';
import { SYNCED_TABLE_NAMES } from '../domain/tables.js';
import { idSchema } from '../domain/fields.js';
import { isHlc } from './hlc.js';
import { CURSOR_PATTERN } from './cursor.js';

export const PROTOCOL_VERSION = 1;

export const hlcSchema = z.string().refine(isHlc, 'Horloge (HLC) invalide');
export const tableNameSchema = z.enum(SYNCED_TABLE_NAMES, { error: () => 'Table inconnue' });
export const cursorSchema = z.string().regex(CURSOR_PATTERN, 'Curseur invalide');

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
  mutations: z.array(mutationSchema).max(1000, '1000 modifications au plus par requête'),
});
export type SyncRequest = z.infer<typeof syncRequestSchema>;

export const REJECTION_CODES = ['forbidden', 'invalid', 'not_found', 'clock_skew', 'conflict'] as const;
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
