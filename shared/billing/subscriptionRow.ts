/** The synced `subscription` row's schema: what the hub writes and a device receives (never writes). */
import { z } from 'zod';
import { isoDateTimeSchema } from '../domain/fields.js';
import { BILLING_CYCLES, SUBSCRIPTION_STATUSES } from './plans.js';

const planIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/);

export const planLimitsSchema = z.strictObject({
  members: z.number().int().min(0).max(100_000),
  portfolioPhotos: z.number().int().min(0).max(100_000),
  monthlyCredits: z.number().int().min(0).max(10_000_000),
  directory: z.boolean(),
});

export const subscriptionRowSchema = z.strictObject({
  planId: planIdSchema,
  planName: z.string().min(1).max(80),
  status: z.enum(SUBSCRIPTION_STATUSES),
  cycle: z.enum(BILLING_CYCLES).nullable(),
  trialEndsAt: isoDateTimeSchema.nullable(),
  currentPeriodEnd: isoDateTimeSchema.nullable(),
  graceEndsAt: isoDateTimeSchema.nullable(),
  pendingPlanId: planIdSchema.nullable(),
  limits: planLimitsSchema,
  updatedAt: isoDateTimeSchema,
});

export type SubscriptionRow = z.output<typeof subscriptionRowSchema>;
