/**
 * The cloud's answers as the host receives them, inferred from the hub's own zod schemas (the
 * ones that validate its responses and feed /api/openapi.json), so that the two cannot drift.
 * Types only: `import type` is erased at build, so neither the worker nor the React bundle
 * carries any cloud code.
 */
import type { z } from 'zod';
import type { deviceResponse, devicesResponse, inviteResponse, memberResponse, membersResponse, sessionResponse, tokensResponse } from '../../cloud/auth/schemas.js';
import type { fileStatusSchema } from '../../cloud/files/schemas.js';
import type { creditsResponse } from '../../cloud/notifications/schemas.js';
import type { checkoutBody, plansResponse, subscriptionResponse } from '../../cloud/billing/schemas.js';
import type { checkoutCreatedResponse, checkoutStatusResponse, paymentsResponse } from '../../cloud/billing/paymentSchemas.js';
import type { planChangeResponse } from '../../cloud/billing/planChangeSchemas.js';

/** POST /api/auth/refresh. */
export type Tokens = z.infer<typeof tokensResponse>;
/** POST /api/auth/signup, /api/auth/login, /api/invites/accept. */
export type SessionPayload = z.infer<typeof sessionResponse>;
/** GET /api/members. */
export type TeamList = z.infer<typeof membersResponse>;
export type TeamMember = z.infer<typeof memberResponse>;
export type TeamInvite = TeamList['invites'][number];
/** POST /api/invites: the code to pass on. */
export type InviteCode = z.infer<typeof inviteResponse>;
/** GET /api/devices. */
export type TeamDevices = z.infer<typeof devicesResponse>;
export type TeamDevice = TeamDevices['devices'][number];
/** POST /api/devices (register). */
export type RegisteredDevice = z.infer<typeof deviceResponse>;
/** GET /api/files/:hash/status and each chunk's PUT. */
export type FileStatus = z.infer<typeof fileStatusSchema>;

/** GET /api/messages/credits: the workshop's message credits and the latest ledger entries. */
export type MessageCredits = z.infer<typeof creditsResponse>;
export type CreditEntry = MessageCredits['entries'][number];

/** GET /api/billing/plans: the plans (monthly and yearly prices in whole FCFA, limits) and the credit packs. */
export type BillingPlans = z.infer<typeof plansResponse>;
export type BillingPlan = BillingPlans['plans'][number];
export type BillingPack = BillingPlans['packs'][number];
/** GET /api/billing/subscription: status, plan, period, credits, limits and usage. */
export type BillingSubscription = z.infer<typeof subscriptionResponse>;
/** POST /api/billing/checkout: the payment page, what is paid, and the checkout's id to poll. */
export type CheckoutBody = z.infer<typeof checkoutBody>;
export type CheckoutResult = z.infer<typeof checkoutCreatedResponse>;
/** GET /api/billing/checkouts/:id: where a checkout stands (pending until FedaPay's confirmation). */
export type CheckoutStatus = z.infer<typeof checkoutStatusResponse>;
/** GET /api/billing/payments: the payment history, newest first. */
export type BillingPayments = z.infer<typeof paymentsResponse>;
export type BillingPayment = BillingPayments['payments'][number];
/** POST /api/billing/change, /api/billing/cancel, DELETE /api/billing/change: what happens at the period's end. */
export type PlanChangeResult = z.infer<typeof planChangeResponse>;
