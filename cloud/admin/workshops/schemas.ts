/**
 * The admin portal's workshops (DESIGN "Admin portal"): the list's query and answer, a workshop's
 * page, and the bodies of the actions on it. The portal's pages import these types. A workshop's
 * page holds its account, subscription, payments and use — never its clients, measurements,
 * orders or message texts (those only through the support view the owner allows).
 */
import { z } from 'zod';
import { idSchema, safeString } from '../../../shared/domain/fields.js';
import { SUBSCRIPTION_STATUSES } from '../../../shared/billing/plans.js';
import { TRIAL_EXTENSION_MAX_DAYS, TRIAL_EXTENSION_MIN_DAYS } from '../../../shared/admin/subscriptionActions.js';
import { reasonSchema } from '../schemas.js';

export const WORKSHOPS_PAGE_SIZE = 25;
export const GRANT_CREDITS_MAX = 10_000;

const empty = (value: unknown) => (value === '' ? undefined : value);

export const workshopsQuerySchema = z
  .object({
    q: z.preprocess(empty, safeString('line', { error: () => 'invalid.textExpected' }).trim().max(80, 'invalid.searchTooLong').optional()),
    plan: z.preprocess(empty, safeString('line', { error: () => 'invalid.planId' }).trim().regex(/^[a-z0-9_-]{1,40}$/, 'invalid.planId').optional()),
    status: z.preprocess(empty, z.enum(SUBSCRIPTION_STATUSES, { error: () => 'invalid.subscriptionStatus' }).optional()),
    page: z.preprocess(
      empty,
      z
        .string({ error: () => 'invalid.page' })
        .regex(/^\d{1,4}$/, 'invalid.page')
        .transform(Number)
        .pipe(z.number().int().min(1, 'invalid.page'))
        .optional(),
    ),
  });
export type WorkshopsQuery = z.output<typeof workshopsQuerySchema>;

export const workshopParamsSchema = z.object({ id: idSchema });

const statusSchema = z.enum(SUBSCRIPTION_STATUSES);

export const workshopListItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  city: z.string().nullable(),
  planId: z.string().nullable(),
  planName: z.string().nullable(),
  status: statusSchema.nullable(),
  createdAt: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  members: z.number().int(),
});
export type WorkshopListItem = z.output<typeof workshopListItemSchema>;

export const workshopsResponseSchema = z.object({
  workshops: z.array(workshopListItemSchema),
  page: z.number().int(),
  hasMore: z.boolean(),
  total: z.number().int(),
});
export type WorkshopsResponse = z.output<typeof workshopsResponseSchema>;

export const HISTORY_KINDS = ['payment', 'admin'] as const;

export const workshopDetailSchema = z.object({
  workshop: z.object({
    id: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    /** The owner's account address. */
    email: z.string().nullable(),
    city: z.string().nullable(),
    timezone: z.string(),
    createdAt: z.string().nullable(),
  }),
  subscription: z
    .object({
      status: statusSchema,
      planId: z.string(),
      planName: z.string(),
      cycle: z.enum(['monthly', 'yearly']).nullable(),
      trialEndsAt: z.string().nullable(),
      currentPeriodEnd: z.string().nullable(),
      graceEndsAt: z.string().nullable(),
      pendingPlanId: z.string().nullable(),
    })
    .nullable(),
  /** Payments and admin actions, newest first. */
  history: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(HISTORY_KINDS),
      label: z.string(),
      /** FCFA, payments only. */
      amount: z.number().int().nullable(),
      reason: z.string().nullable(),
      /** The admin's address, admin actions only. */
      by: z.string().nullable(),
    }),
  ),
  payments: z.array(
    z.object({ paidAt: z.string(), kind: z.string(), planId: z.string().nullable(), amount: z.number().int(), receiptNumber: z.number().int(), method: z.string().nullable() }),
  ),
  counts: z.object({ members: z.number().int(), devices: z.number().int() }),
  lastSyncAt: z.string().nullable(),
  messages: z.object({ sent30d: z.number().int(), failed30d: z.number().int(), total: z.number().int() }),
  credits: z.object({ balance: z.number().int(), used30d: z.number().int(), purchased: z.number().int(), granted: z.number().int() }),
});
export type WorkshopDetail = z.output<typeof workshopDetailSchema>;

export const reasonBodySchema = z.object({ reason: reasonSchema }).strict();

export const extendTrialBodySchema = z
  .object({
    reason: reasonSchema,
    days: z.number({ error: () => 'invalid.statsDays' }).int('invalid.statsDays').min(TRIAL_EXTENSION_MIN_DAYS, 'invalid.statsDays').max(TRIAL_EXTENSION_MAX_DAYS, 'invalid.statsDays'),
  })
  .strict();

export const grantCreditsBodySchema = z
  .object({
    reason: reasonSchema,
    credits: z.number({ error: () => 'invalid.grantCredits' }).int('invalid.grantCredits').min(1, 'invalid.grantCredits').max(GRANT_CREDITS_MAX, 'invalid.grantCredits'),
  })
  .strict();

export const changePlanBodySchema = z
  .object({
    reason: reasonSchema,
    planId: safeString('line', { error: () => 'invalid.planId' }).trim().min(1, 'invalid.planId').max(40, 'invalid.planId'),
  })
  .strict();
