/**
 * The workshop's subscription as the hub last wrote it (the synced, read-only `subscription` row):
 * what the banner and the billing screen show, offline too. Null before the first sync brought it.
 */
import type { SqlExecutor } from '../sqlPort.js';
import type { BillingCycle, PlanLimits, SubscriptionStatus } from '../../billing/plans.js';
import { SUBSCRIPTION_STATUSES, BILLING_CYCLES } from '../../billing/plans.js';

export interface SubscriptionView {
  workshopId: string;
  planId: string;
  planName: string;
  status: SubscriptionStatus;
  cycle: BillingCycle | null;
  trialEndsAt: string | null;
  currentPeriodEnd: string | null;
  graceEndsAt: string | null;
  pendingPlanId: string | null;
  limits: PlanLimits;
  updatedAt: string;
}

interface StoredRow {
  id: string;
  plan_id: string;
  plan_name: string;
  status: string;
  cycle: string | null;
  trial_ends_at: string | null;
  current_period_end: string | null;
  grace_ends_at: string | null;
  pending_plan_id: string | null;
  limits: string;
  updated_at: string;
}

const NO_LIMITS: PlanLimits = { members: 1, portfolioPhotos: 0, monthlyCredits: 0, directory: false };

function parseLimits(raw: string): PlanLimits {
  try {
    const value = JSON.parse(raw) as Partial<PlanLimits> | null;
    if (!value || typeof value !== 'object') return NO_LIMITS;
    return {
      members: Number.isInteger(value.members) ? value.members! : NO_LIMITS.members,
      portfolioPhotos: Number.isInteger(value.portfolioPhotos) ? value.portfolioPhotos! : NO_LIMITS.portfolioPhotos,
      monthlyCredits: Number.isInteger(value.monthlyCredits) ? value.monthlyCredits! : NO_LIMITS.monthlyCredits,
      directory: value.directory === true,
    };
  } catch {
    return NO_LIMITS;
  }
}

export async function subscriptionOf(db: SqlExecutor): Promise<SubscriptionView | null> {
  // One row (its id the workshop's); a device that once held another workshop's never keeps it (wiped).
  const row = await db.get<StoredRow>(
    'SELECT id, plan_id, plan_name, status, cycle, trial_ends_at, current_period_end, grace_ends_at, pending_plan_id, limits, updated_at FROM subscription ORDER BY updated_at DESC LIMIT 1',
  );
  if (!row) return null;
  const status = (SUBSCRIPTION_STATUSES as readonly string[]).includes(row.status) ? (row.status as SubscriptionStatus) : 'active';
  const cycle = row.cycle !== null && (BILLING_CYCLES as readonly string[]).includes(row.cycle) ? (row.cycle as BillingCycle) : null;
  return {
    workshopId: row.id,
    planId: row.plan_id,
    planName: row.plan_name,
    status,
    cycle,
    trialEndsAt: row.trial_ends_at,
    currentPeriodEnd: row.current_period_end,
    graceEndsAt: row.grace_ends_at,
    pendingPlanId: row.pending_plan_id,
    limits: parseLimits(row.limits),
    updatedAt: row.updated_at,
  };
}
