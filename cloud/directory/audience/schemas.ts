/**
 * The audience's inputs and answers: the statistics' query and answer (`GET /api/directory/stats`,
 * documented in OpenAPI) and the "Signaler ce profil" form's fields.
 */
import { z } from 'zod';
import { notesText } from '../../../shared/domain/fields.js';
import { REPORT_DETAILS_MAX, REPORT_REASONS, STATS_DEFAULT_DAYS, STATS_MAX_DAYS } from '../../../shared/directory/audienceRules.js';

/** `?days=` as a whole number of days, 1 to 90; absent or '' means 30. Sent twice, refused. */
export const statsQuerySchema = z
  .object({
    days: z.preprocess(
      (value) => (value === undefined || value === '' ? undefined : typeof value === 'string' && /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : value),
      z.number({ error: () => 'invalid.statsDays' }).int('invalid.statsDays').min(1, 'invalid.statsDays').max(STATS_MAX_DAYS, 'invalid.statsDays').default(STATS_DEFAULT_DAYS),
    ),
  });

const count = z.number().int().min(0);

export const dayCountsSchema = z.object({
  day: z.string().meta({ format: 'date', description: 'Jour local de l’atelier (AAAA-MM-JJ)' }),
  views: count,
  whatsappTaps: count,
  callTaps: count,
});

export const statsResponseSchema = z.object({
  /** Oldest first, exactly `days` days, the last one today in the workshop's zone; zeros filled. */
  days: z.array(dayCountsSchema),
  totals: z.object({ views: count, whatsappTaps: count, callTaps: count }),
});

/** The report form as posted (application/x-www-form-urlencoded: every value a string). */
export const reportFormSchema = z
  .object({
    reason: z.enum(REPORT_REASONS),
    details: notesText(REPORT_DETAILS_MAX),
    photo: z.union([z.literal(''), z.string().regex(/^[0-9a-f]{64}$/)]).optional(),
  })
  .strict();

export type ReportForm = z.output<typeof reportFormSchema>;
