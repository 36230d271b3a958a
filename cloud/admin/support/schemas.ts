/**
 * The support view's requests and answers (DESIGN "Admin portal"): the owner's permission
 * (GET/POST/DELETE /api/support-access) and the admin's read-only pages of a workshop
 * (GET /api/admin/workshops/:id/support…). The portal's pages and the app's host import these types.
 */
import { z } from 'zod';
import { idSchema, searchText } from '../../../shared/domain/fields.js';
import { ORDER_STATUSES } from '../../../shared/domain/orderStatus.js';

/** 25 rows a page, newest first. */
export const SUPPORT_PAGE_SIZE = 25;
/** Pages are numbered from 1; more than this many is refused (400), like any other bad number. */
export const SUPPORT_MAX_PAGE = 4000;

/** The permission in force, or null. */
export const supportGrantSchema = z.object({ grantedAt: z.string(), expiresAt: z.string() }).nullable();
export const supportGrantResponse = z.object({ grant: supportGrantSchema });
export type SupportGrantResponse = z.infer<typeof supportGrantResponse>;

export const workshopParams = z.strictObject({ id: idSchema });

const pageParam = z
  .string({ error: () => 'invalid.page' })
  .regex(/^\d{1,4}$/, 'invalid.page')
  .transform(Number)
  .pipe(z.number().int('invalid.page').min(1, 'invalid.page').max(SUPPORT_MAX_PAGE, 'invalid.page'))
  .optional()
  .transform((page) => page ?? 1);

export const supportPageQuery = z.strictObject({ page: pageParam });
export const supportClientsQuery = z.strictObject({ page: pageParam, q: searchText(100) });
export type SupportClientsQuery = z.output<typeof supportClientsQuery>;

const measurementSchema = z.object({ label: z.string(), value: z.number(), unit: z.string() });

export const supportClientSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** A client carries no city of its own yet: always null, kept for the portal's table. */
  city: z.string().nullable(),
  notes: z.string().nullable(),
  /** The client's latest measurement sheet, labels in French (shared catalogue, else the garment's own). */
  measurements: z.array(measurementSchema),
  /** How many orders the client has (deleted ones aside). */
  orders: z.number().int(),
});
export const supportClientsResponse = z.object({ clients: z.array(supportClientSchema), page: z.number().int(), hasMore: z.boolean() });
export type SupportClientsResponse = z.infer<typeof supportClientsResponse>;

export const supportOrderSchema = z.object({
  id: z.string(),
  number: z.string(),
  clientName: z.string().nullable(),
  status: z.enum(ORDER_STATUSES),
  statusLabel: z.string(),
  promisedDate: z.string(),
  /** FCFA: the price, what the payments add up to (reversals included), what is left. */
  total: z.number().int(),
  paid: z.number().int(),
  balance: z.number().int(),
  createdAt: z.string(),
});
export const supportOrdersResponse = z.object({ orders: z.array(supportOrderSchema), page: z.number().int(), hasMore: z.boolean() });
export type SupportOrdersResponse = z.infer<typeof supportOrdersResponse>;

export const supportMessageSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  channel: z.string(),
  status: z.string(),
  clientName: z.string().nullable(),
  body: z.string(),
});
export const supportMessagesResponse = z.object({ messages: z.array(supportMessageSchema), page: z.number().int(), hasMore: z.boolean() });
export type SupportMessagesResponse = z.infer<typeof supportMessagesResponse>;

export type SupportPageName = 'clients' | 'orders' | 'messages';
