/**
 * Reading the audit log (DESIGN "Admin portal"): `GET /api/admin/audit` and its CSV export take
 * the same filters. Days are the admins' local days (Porto-Novo), both ends included.
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, safeString } from '../../../shared/domain/fields.js';
import { AUDIT_ACTION_NAMES } from '../../../shared/admin/auditActions.js';
import { pageParam } from '../moderation/schemas.js';

/** Entries per page of the log. */
export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export carries. */
export const AUDIT_EXPORT_MAX = 100_000;
/** The days of `from` and `to` are read in this zone. */
export const AUDIT_TIME_ZONE = 'Africa/Porto-Novo';

const empty = (value: unknown) => (value === '' ? undefined : value);
const text = (max: number) => z.preprocess(empty, safeString('line', { error: () => 'invalid.textExpected' }).trim().max(max, 'invalid.searchTooLong').optional());

export const auditFiltersSchema = z.object({
  action: z.preprocess(empty, z.enum(AUDIT_ACTION_NAMES, { error: () => 'invalid.auditAction' }).optional()),
  /** A part of the admin's e-mail address (any case). */
  admin: text(254),
  workshop: z.preprocess(empty, idSchema.optional()),
  /** What the entry is about: a kind (`workshop`, `admin`, `profile`, `photo`, `report`) or one target's id. */
  target: text(100),
  from: z.preprocess(empty, isoDateSchema.optional()),
  to: z.preprocess(empty, isoDateSchema.optional()),
});
export type AuditFilters = z.output<typeof auditFiltersSchema>;

export const auditQuerySchema = auditFiltersSchema.extend({ page: pageParam }).strict();
export const auditExportQuerySchema = auditFiltersSchema.strict();

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  adminId: z.string().nullable(),
  adminEmail: z.string(),
  action: z.string(),
  /** The action in French (« Profil masqué »). */
  actionLabel: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  workshopId: z.string().nullable(),
  workshopName: z.string().nullable(),
  reason: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  detail: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntryView = z.output<typeof auditEntrySchema>;

export const auditPageSchema = z.object({ entries: z.array(auditEntrySchema), page: z.number().int(), hasMore: z.boolean() });
