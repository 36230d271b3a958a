/** The billing area's requests and answers (the app's host imports their types: shared/host/cloudContracts.ts). */
import { z } from 'zod';
import { BILLING_CYCLES, SUBSCRIPTION_STATUSES } from '../../shared/billing/plans.js';
import { planLimitsSchema } from '../../shared/billing/subscriptionRow.js';

const planIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/, 'invalid.planId');

export const planSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Whole FCFA. */
  monthlyPrice: z.number().int(),
  yearlyPrice: z.number().int(),
  limits: planLimitsSchema,
});

export const creditPackSchema = z.object({ id: z.string(), name: z.string(), credits: z.number().int(), price: z.number().int() });

/** GET /api/billing/plans (public). */
export const plansResponse = z.object({ plans: z.array(planSchema), packs: z.array(creditPackSchema) });
export type PlansResponse = z.infer<typeof plansResponse>;

export const usageSchema = z.object({ members: z.number().int(), portfolioPhotos: z.number().int(), directoryListed: z.boolean() });

/** GET /api/billing/subscription (member). */
export const subscriptionResponse = z.object({
  status: z.enum(SUBSCRIPTION_STATUSES),
  planId: z.string(),
  planName: z.string(),
  cycle: z.enum(BILLING_CYCLES).nullable(),
  trialEndsAt: z.string().nullable(),
  currentPeriodEnd: z.string().nullable(),
  graceEndsAt: z.string().nullable(),
  pendingPlanId: z.string().nullable(),
  /** The message credits' balance. */
  credits: z.number().int(),
  /** The limits in force (the free plan's once suspended or cancelled). */
  limits: planLimitsSchema,
  usage: usageSchema,
});
export type SubscriptionResponse = z.infer<typeof subscriptionResponse>;

/** POST /api/billing/checkout (owner): a plan on a cycle, or a credit pack. */
export const checkoutBody = z.union([
  z.strictObject({ planId: planIdSchema, cycle: z.enum(BILLING_CYCLES, { error: () => 'invalid.cycle' }) }),
  z.strictObject({ packId: planIdSchema }),
]);
export type CheckoutBody = z.infer<typeof checkoutBody>;

export const checkoutResponse = z.object({
  transactionId: z.string(),
  /** The payment page (FedaPay's), to open in the system browser or a new tab. */
  url: z.string(),
  /** What is paid: plan, renewal, upgrade or pack, and the exact amount in whole FCFA. */
  kind: z.enum(['plan', 'renewal', 'upgrade', 'pack']),
  amount: z.number().int(),
  /** The page FedaPay brings the payer back to (it waits for the confirmation). */
  returnUrl: z.string(),
});
export type CheckoutResponse = z.infer<typeof checkoutResponse>;
