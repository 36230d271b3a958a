/**
 * The schema of every synced table's fields. The engine checks each change it writes with these,
 * and the cloud checks each pushed mutation with the very same schemas (field by field).
 */
import { z } from 'zod';
import type { SyncedTableName } from './tables.js';
import { workshopRowSchema, garmentTypeRowSchema } from './workshop.js';
import { clientRowSchema } from './clients.js';
import { sheetRowSchema } from './sheets.js';
import { orderRowSchema, orderEventRowSchema, paymentRowSchema, fittingRowSchema } from './orders.js';
import { roleSchema } from './roles.js';
import { optionalPhoneSchema } from './phone.js';
import { deletedAtSchema, requiredText } from './fields.js';
import { messageRowSchema, messageTemplateRowSchema } from '../messaging/messageRows.js';
import { subscriptionRowSchema } from '../billing/subscriptionRow.js';
import { directoryProfileRowSchema, portfolioItemRowSchema } from '../directory/profile.js';

export const memberRowSchema = z.strictObject({
  name: requiredText(120, 'invalid.nameRequired'),
  phone: optionalPhoneSchema,
  role: roleSchema,
  deletedAt: deletedAtSchema,
});

export const ROW_SCHEMAS = {
  workshop: workshopRowSchema,
  garment_types: garmentTypeRowSchema,
  members: memberRowSchema,
  clients: clientRowSchema,
  measurement_sheets: sheetRowSchema,
  orders: orderRowSchema,
  order_events: orderEventRowSchema,
  payments: paymentRowSchema,
  fittings: fittingRowSchema,
  messages: messageRowSchema,
  message_templates: messageTemplateRowSchema,
  subscription: subscriptionRowSchema,
  directory_profile: directoryProfileRowSchema,
  portfolio_items: portfolioItemRowSchema,
} satisfies Record<SyncedTableName, z.ZodObject>;

/** Schemas for a change to some fields of a row (a sync mutation's `fields`). */
export const PATCH_SCHEMAS: Record<SyncedTableName, z.ZodType<Record<string, unknown>>> = Object.fromEntries(
  Object.entries(ROW_SCHEMAS).map(([table, schema]) => [table, schema.partial().strict()]),
) as unknown as Record<SyncedTableName, z.ZodType<Record<string, unknown>>>;

/**
 * Schemas for a whole new row: every field present, except those added after the first release
 * (shared/sync/schemaEvolution.ts), which are optional so that older devices keep creating rows.
 */
export const INSERT_SCHEMAS: Record<SyncedTableName, z.ZodType<Record<string, unknown>>> = ROW_SCHEMAS;

/** The first field of `fields` that `table`'s rows do not have (a later version's, or a typo). */
export function unknownField(table: SyncedTableName, fields: Readonly<Record<string, unknown>>): string | undefined {
  const shape = ROW_SCHEMAS[table].shape as Record<string, unknown>;
  return Object.keys(fields).find((key) => !Object.hasOwn(shape, key));
}
