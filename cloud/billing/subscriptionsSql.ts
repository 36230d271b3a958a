/**
 * The subscriptions table (the source of truth) and its projection, the synced `subscription` row
 * devices receive. `saveSubscription` is the ONE write of a subscription: the table row with its
 * next check, and the synced row through the server-write helper, in the caller's transaction
 * (`withWorkshop` of that workshop), so devices learn of every change by sync.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import type { ServerWriter } from '../sync/serverWrite.js';
import type { Plan } from '../../shared/billing/plans.js';
import { nextCheckAt, type SubscriptionState } from '../../shared/billing/lifecycle.js';
import { limitsInForce } from '../../shared/billing/limits.js';
import type { SubscriptionRow } from '../../shared/billing/subscriptionRow.js';

/** A timestamp as the drivers return it (Date on PGlite, text or Date on postgres.js) → ISO, or null. */
export function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

interface StoredSubscription {
  status: SubscriptionState['status'];
  plan_id: string;
  cycle: SubscriptionState['cycle'];
  trial_ends_at: unknown;
  period_start: unknown;
  current_period_end: unknown;
  grace_ends_at: unknown;
  pending_plan_id: string | null;
  pending_cycle: SubscriptionState['cycle'];
  timezone: string;
}

export const SUBSCRIPTION_COLUMNS = sql.raw(
  'status, plan_id, cycle, trial_ends_at, period_start, current_period_end, grace_ends_at, pending_plan_id, pending_cycle, timezone',
);

export function toState(row: StoredSubscription): SubscriptionState {
  return {
    status: row.status,
    planId: row.plan_id,
    cycle: row.cycle ?? null,
    trialEndsAt: isoOrNull(row.trial_ends_at),
    periodStart: isoOrNull(row.period_start),
    currentPeriodEnd: isoOrNull(row.current_period_end),
    graceEndsAt: isoOrNull(row.grace_ends_at),
    pendingPlanId: row.pending_plan_id ?? null,
    pendingCycle: row.pending_cycle ?? null,
    timezone: row.timezone,
  };
}

/** The workshop's subscription; `forUpdate` locks its row until the transaction ends. */
export async function readSubscription(tx: Tx, workshopId: string, options: { forUpdate?: boolean } = {}): Promise<SubscriptionState | null> {
  const [row] = await rows<StoredSubscription>(
    tx,
    sql`SELECT ${SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE workshop_id = ${workshopId}${options.forUpdate ? sql` FOR UPDATE` : sql``}`,
  );
  return row ? toState(row) : null;
}

/** What devices see of a subscription (the synced row's fields). */
export function subscriptionRowFields(state: SubscriptionState, plans: readonly Plan[], now: Date): SubscriptionRow {
  const plan = plans.find((p) => p.id === state.planId);
  return {
    planId: state.planId,
    planName: plan?.name ?? state.planId,
    status: state.status,
    cycle: state.cycle,
    trialEndsAt: state.trialEndsAt,
    currentPeriodEnd: state.currentPeriodEnd,
    graceEndsAt: state.graceEndsAt,
    pendingPlanId: state.pendingPlanId,
    limits: limitsInForce(state.status, state.planId, plans),
    updatedAt: now.toISOString(),
  };
}

/** Writes the table row (with its next check) only: for a batch whose synced rows are written together (`projectSubscription`). */
export async function storeSubscription(tx: Tx, workshopId: string, state: SubscriptionState, now: Date): Promise<void> {
  const next = nextCheckAt(state, now);
  await tx.execute(sql`
    INSERT INTO subscriptions (workshop_id, status, plan_id, cycle, trial_ends_at, period_start, current_period_end, grace_ends_at, pending_plan_id, pending_cycle, timezone, next_check_at, updated_at)
    VALUES (${workshopId}, ${state.status}, ${state.planId}, ${state.cycle}, ${state.trialEndsAt}, ${state.periodStart}, ${state.currentPeriodEnd}, ${state.graceEndsAt},
            ${state.pendingPlanId}, ${state.pendingCycle}, ${state.timezone}, ${next}, ${now.toISOString()})
    ON CONFLICT (workshop_id) DO UPDATE SET
      status = EXCLUDED.status, plan_id = EXCLUDED.plan_id, cycle = EXCLUDED.cycle, trial_ends_at = EXCLUDED.trial_ends_at,
      period_start = EXCLUDED.period_start, current_period_end = EXCLUDED.current_period_end, grace_ends_at = EXCLUDED.grace_ends_at,
      pending_plan_id = EXCLUDED.pending_plan_id, pending_cycle = EXCLUDED.pending_cycle, timezone = EXCLUDED.timezone,
      next_check_at = EXCLUDED.next_check_at, updated_at = EXCLUDED.updated_at`);
}

/** Saves a subscription: its table row and its synced row, in the caller's `withWorkshop` transaction. */
export async function saveSubscription(writer: ServerWriter, tx: Tx, workshopId: string, state: SubscriptionState, plans: readonly Plan[], now: Date): Promise<void> {
  await storeSubscription(tx, workshopId, state, now);
  await writer.inWorkshop(tx, workshopId, (writes) => writes.write('subscription', workshopId, subscriptionRowFields(state, plans, now)));
}
