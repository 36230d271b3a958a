/**
 * Moderation's requests and answers (DESIGN "Admin portal"): the reports of the directory's
 * "Signaler ce profil" form, hiding or keeping what they point at, showing it again. The portal's
 * pages import these types.
 */
import { z } from 'zod';
import { idSchema } from '../../../shared/domain/fields.js';
import { REPORT_REASONS } from '../../../shared/directory/audienceRules.js';
import { reasonSchema } from '../schemas.js';

/** Reports per page of the list. */
export const REPORTS_PAGE_SIZE = 25;

const empty = (value: unknown) => (value === '' ? undefined : value);

/** `?page=3`: digits only (1 to 9999), 1 when absent. */
export const pageParam = z.preprocess(
  empty,
  z
    .string({ error: () => 'invalid.page' })
    .regex(/^\d{1,4}$/, 'invalid.page')
    .transform(Number)
    .refine((n) => n >= 1, 'invalid.page')
    .optional()
    .transform((n) => n ?? 1),
);

export const REPORT_STATUSES = ['pending', 'resolved'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const reportsQuerySchema = z
  .object({
    status: z.preprocess(empty, z.enum(REPORT_STATUSES, { error: () => 'invalid.reportStatus' }).optional()).transform((s) => s ?? 'pending'),
    page: pageParam,
  })
  .strict();

export const reportParamsSchema = z.object({ id: idSchema }).strict();
export const workshopParamsSchema = z.object({ workshopId: idSchema }).strict();
export const itemParamsSchema = z.object({ itemId: idSchema }).strict();

/** Every moderation write says why (written to the audit log). */
export const decisionSchema = z.object({ reason: reasonSchema }).strict();

export const RESOLUTIONS = ['hidden', 'kept'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const reportSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  reason: z.enum(REPORT_REASONS),
  /** The reason as the form showed it to the visitor (« Arnaque »). */
  reasonLabel: z.string(),
  /** What the visitor wrote, or null. */
  details: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  resolution: z.enum(RESOLUTIONS).nullable(),
  resolvedAt: z.string().nullable(),
  workshop: z.object({ id: z.string(), name: z.string(), slug: z.string().nullable(), city: z.string().nullable() }),
  /** The reported photo (a report with a portfolio item); its `url` is an admin-only route (hidden or unpublished photos too), null when its file is gone. */
  photo: z.object({ itemId: z.string(), caption: z.string().nullable(), url: z.string().nullable(), hidden: z.boolean() }).nullable(),
  profileHidden: z.boolean(),
  /** Other pending reports on the same target (the profile, or the same photo): resolved together with this one. */
  othersPending: z.number().int(),
});
export type ReportView = z.output<typeof reportSchema>;

export const reportsPageSchema = z.object({ reports: z.array(reportSchema), page: z.number().int(), hasMore: z.boolean() });
export const reportAnswerSchema = z.object({ report: reportSchema });
