/** Paying's requests and answers: a checkout's status, the webhook's answer, the payment history. */
import { z } from 'zod';
import { BILLING_CYCLES } from '../../shared/billing/plans.js';
import { idSchema } from '../../shared/domain/fields.js';
import { checkoutResponse } from './schemas.js';

export const CHECKOUT_STATUSES = ['pending', 'paid', 'declined', 'failed', 'mismatch'] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

export const PURCHASE_KINDS = ['plan', 'renewal', 'upgrade', 'pack'] as const;
export type PurchaseKind = (typeof PURCHASE_KINDS)[number];

export const idParams = z.strictObject({ id: idSchema });

/** POST /api/billing/checkout's answer: billing's `checkoutResponse` and the checkout's id (to poll GET /api/billing/checkouts/:id). */
export const checkoutCreatedResponse = checkoutResponse.extend({ checkoutId: z.string() });
export type CheckoutCreatedResponse = z.infer<typeof checkoutCreatedResponse>;

/** GET /api/billing/checkouts/:id (member). */
export const checkoutStatusResponse = z.object({
  id: z.string(),
  status: z.enum(CHECKOUT_STATUSES),
  kind: z.enum(PURCHASE_KINDS),
  amount: z.number().int(),
  transactionId: z.string().nullable(),
  planId: z.string().nullable(),
  cycle: z.enum(BILLING_CYCLES).nullable(),
  packId: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
  /** The payment it became, once paid. */
  paymentId: z.string().nullable(),
  receiptNumber: z.string().nullable(),
});
export type CheckoutStatusResponse = z.infer<typeof checkoutStatusResponse>;

export const WEBHOOK_OUTCOMES = ['applied', 'already_applied', 'pending', 'declined', 'mismatch', 'unknown', 'ignored'] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/** POST /api/webhooks/fedapay's answer (FedaPay only reads the status). */
export const webhookAnswer = z.object({ outcome: z.enum(WEBHOOK_OUTCOMES) });

export const paymentSchema = z.object({
  id: z.string(),
  /** STY-000042 */
  receiptNumber: z.string(),
  paidAt: z.string(),
  kind: z.enum(PURCHASE_KINDS),
  /** What was bought, in the request's language (« Formule Atelier, 1 mois », « 500 crédits SMS »). */
  description: z.string(),
  planId: z.string().nullable(),
  cycle: z.enum(BILLING_CYCLES).nullable(),
  packId: z.string().nullable(),
  credits: z.number().int().nullable(),
  /** Whole FCFA. */
  amount: z.number().int(),
  periodEnd: z.string().nullable(),
  /** FedaPay's payment method (mtn, moov…), when it says. */
  method: z.string().nullable(),
  transactionId: z.string(),
});
export type PaymentItem = z.infer<typeof paymentSchema>;

/** GET /api/billing/payments (member), newest first. */
export const paymentsResponse = z.object({ payments: z.array(paymentSchema) });
export type PaymentsResponse = z.infer<typeof paymentsResponse>;
