/**
 * Plans and SMS credit packs (DESIGN "Subscriptions"). They are data: the cloud seeds its `plans`
 * and `credit_packs` tables from this catalogue (cloud/billing/catalogueSql.ts) and reads them
 * from there; the app receives them from `GET /api/billing/plans`. Prices are whole FCFA (XOF has
 * no smaller unit); a yearly price is ten months' worth (two months offered).
 *
 * No zod here: the app's screens import these types and constants.
 */

export const BILLING_CYCLES = ['monthly', 'yearly'] as const;
export type BillingCycle = (typeof BILLING_CYCLES)[number];

export const SUBSCRIPTION_STATUSES = ['trial', 'active', 'past_due', 'suspended', 'cancelled'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface PlanLimits {
  /** Members of the workshop, the owner included. */
  members: number;
  /** Photos in the public portfolio. */
  portfolioPhotos: number;
  /** SMS credits given each month of a paid period (one credit per SMS part, one per WhatsApp message). */
  monthlyCredits: number;
  /** A place in the public directory. */
  directory: boolean;
}

export interface Plan {
  id: string;
  name: string;
  /** Whole FCFA; 0 for the free plan. */
  monthlyPrice: number;
  yearlyPrice: number;
  limits: PlanLimits;
  /** Order on the billing screen (cheapest first). */
  position: number;
}

export interface CreditPack {
  id: string;
  name: string;
  credits: number;
  /** Whole FCFA. */
  price: number;
  position: number;
}

/** The free fallback: a solo tailor keeps the app, one device's sync and the export, for ever. */
export const FREE_PLAN_ID = 'gratuit';
/** What a trial gives: every paid feature (the largest plan's limits). */
export const TRIAL_PLAN_ID = 'atelier';

export const DEFAULT_PLANS: readonly Plan[] = [
  { id: FREE_PLAN_ID, name: 'Gratuit', monthlyPrice: 0, yearlyPrice: 0, position: 0, limits: { members: 1, portfolioPhotos: 6, monthlyCredits: 0, directory: false } },
  { id: 'solo', name: 'Solo', monthlyPrice: 2_500, yearlyPrice: 25_000, position: 1, limits: { members: 2, portfolioPhotos: 30, monthlyCredits: 50, directory: true } },
  { id: 'atelier', name: 'Atelier', monthlyPrice: 6_000, yearlyPrice: 60_000, position: 2, limits: { members: 5, portfolioPhotos: 100, monthlyCredits: 200, directory: true } },
  { id: 'maison', name: 'Maison de couture', monthlyPrice: 15_000, yearlyPrice: 150_000, position: 3, limits: { members: 15, portfolioPhotos: 500, monthlyCredits: 600, directory: true } },
];

export const DEFAULT_CREDIT_PACKS: readonly CreditPack[] = [
  { id: 'sms-100', name: '100 crédits SMS', credits: 100, price: 2_000, position: 0 },
  { id: 'sms-500', name: '500 crédits SMS', credits: 500, price: 9_000, position: 1 },
  { id: 'sms-2000', name: '2 000 crédits SMS', credits: 2_000, price: 32_000, position: 2 },
];

export const TRIAL_DAYS = 14;
/** Days between the end of an unpaid period (past_due) and the suspension. */
export const GRACE_DAYS = 7;
/** Days before a trial or a period ends when the owner is reminded. */
export const REMINDER_DAYS_BEFORE = 3;
/** FedaPay's smallest transaction; a prorated difference below it is rounded up to it. */
export const MINIMUM_CHARGE = 100;

export function priceOf(plan: Pick<Plan, 'monthlyPrice' | 'yearlyPrice'>, cycle: BillingCycle): number {
  return cycle === 'yearly' ? plan.yearlyPrice : plan.monthlyPrice;
}

export function isPaidPlan(plan: Pick<Plan, 'monthlyPrice'>): boolean {
  return plan.monthlyPrice > 0;
}
