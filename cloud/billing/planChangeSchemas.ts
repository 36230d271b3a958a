/** Plan changes' requests and answers (POST/DELETE /api/billing/change, POST /api/billing/cancel). */
import { z } from 'zod';
import { BILLING_CYCLES, SUBSCRIPTION_STATUSES } from '../../shared/billing/plans.js';

const planIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/, 'invalid.planId');

/** POST /api/billing/change (owner): a cheaper plan, or another cycle, from the period's end. */
export const planChangeBody = z.strictObject({ planId: planIdSchema, cycle: z.enum(BILLING_CYCLES, { error: () => 'invalid.cycle' }) });
export type PlanChangeBody = z.infer<typeof planChangeBody>;

/** What the subscription will do at the period's end (the change asked, or none). */
export const planChangeResponse = z.object({
  status: z.enum(SUBSCRIPTION_STATUSES),
  planId: z.string(),
  cycle: z.enum(BILLING_CYCLES).nullable(),
  /** The plan from the period's end (the free plan for a cancel), or null: nothing changes. */
  pendingPlanId: z.string().nullable(),
  pendingCycle: z.enum(BILLING_CYCLES).nullable(),
  /** When the change takes effect: the trial's or the period's end. */
  effectiveAt: z.string().nullable(),
});
export type PlanChangeResponse = z.infer<typeof planChangeResponse>;
