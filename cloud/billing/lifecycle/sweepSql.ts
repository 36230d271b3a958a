/**
 * The lifecycle sweep's statements, set-based across a batch of workshops (run as the database
 * owner, in the batch's `system` transaction, before it enters any workshop). Lists travel as one
 * JSON parameter (`jsonb_to_recordset`) or one array text, the same prepared statement for any
 * batch size, on PGlite and postgres.js alike.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import { SUBSCRIPTION_COLUMNS, isoOrNull, toState } from '../subscriptionsSql.js';
import type { SubscriptionState } from '../../../shared/billing/lifecycle.js';

export interface ClaimedSubscription {
  workshopId: string;
  state: SubscriptionState;
  nextCheckAt: string | null;
}

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

/**
 * Up to `limit` subscriptions due at `now`, the earliest first, locked until the transaction ends;
 * rows another sweep holds are skipped (two instances share the work), and so are `excluded`
 * (failed earlier in this run) and workshops without their sync row (nothing can be written);
 * `only`: that workshop alone (a batch that failed is written again one workshop at a time).
 */
export async function claimDue(tx: Tx, now: Date, limit: number, excluded: readonly string[], only?: string): Promise<ClaimedSubscription[]> {
  const found = await rows<Parameters<typeof toState>[0] & { workshop_id: string; next_check_at: unknown }>(
    tx,
    sql`SELECT s.workshop_id, ${SUBSCRIPTION_COLUMNS}, s.next_check_at FROM subscriptions s
      WHERE s.next_check_at <= ${now.toISOString()}
        AND NOT (s.workshop_id = ANY(${uuidArray(excluded)}::uuid[]))
        ${only === undefined ? sql`` : sql`AND s.workshop_id = ${only}`}
        AND EXISTS (SELECT 1 FROM workshop_sync ws WHERE ws.workshop_id = s.workshop_id)
      ORDER BY s.next_check_at, s.workshop_id LIMIT ${limit}
      FOR UPDATE OF s SKIP LOCKED`,
  );
  return found.map((r) => ({ workshopId: String(r.workshop_id), state: toState(r), nextCheckAt: isoOrNull(r.next_check_at) }));
}

export interface SubscriptionUpdate {
  workshopId: string;
  /** The status read under the lock: the update is made only if it is still the stored one. */
  fromStatus: string;
  state: SubscriptionState;
  nextCheckAt: string | null;
}

/** The batch's new states and next checks in one statement; the workshops actually updated. */
export async function updateSubscriptions(tx: Tx, updates: readonly SubscriptionUpdate[], now: Date): Promise<Set<string>> {
  if (updates.length === 0) return new Set();
  const values = updates.map(({ workshopId, fromStatus, state, nextCheckAt }) => ({
    workshop_id: workshopId,
    from_status: fromStatus,
    status: state.status,
    plan_id: state.planId,
    cycle: state.cycle,
    trial_ends_at: state.trialEndsAt,
    period_start: state.periodStart,
    current_period_end: state.currentPeriodEnd,
    grace_ends_at: state.graceEndsAt,
    pending_plan_id: state.pendingPlanId,
    pending_cycle: state.pendingCycle,
    next_check_at: nextCheckAt,
  }));
  const updated = await rows<{ workshop_id: string }>(
    tx,
    sql`UPDATE subscriptions s SET
        status = v.status, plan_id = v.plan_id, cycle = v.cycle, trial_ends_at = v.trial_ends_at, period_start = v.period_start,
        current_period_end = v.current_period_end, grace_ends_at = v.grace_ends_at, pending_plan_id = v.pending_plan_id,
        pending_cycle = v.pending_cycle, next_check_at = v.next_check_at, updated_at = ${now.toISOString()}
      FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(
        workshop_id uuid, from_status text, status text, plan_id text, cycle text, trial_ends_at timestamptz, period_start timestamptz,
        current_period_end timestamptz, grace_ends_at timestamptz, pending_plan_id text, pending_cycle text, next_check_at timestamptz)
      WHERE s.workshop_id = v.workshop_id AND s.status = v.from_status
      RETURNING s.workshop_id`,
  );
  return new Set(updated.map((r) => String(r.workshop_id)));
}

export interface NoticeRow {
  workshopId: string;
  key: string;
  kind: string;
}

/** Records the notices (once per workshop and key); the ones new here, to be sent. */
export async function recordNotices(tx: Tx, notices: readonly NoticeRow[], now: Date): Promise<NoticeRow[]> {
  if (notices.length === 0) return [];
  const values = notices.map((n) => ({ workshop_id: n.workshopId, key: n.key, kind: n.kind }));
  const inserted = await rows<{ workshop_id: string; key: string; kind: string }>(
    tx,
    sql`INSERT INTO billing_notices (workshop_id, key, kind, created_at)
      SELECT v.workshop_id, v.key, v.kind, ${now.toISOString()} FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(workshop_id uuid, key text, kind text)
      ON CONFLICT (workshop_id, key) DO NOTHING
      RETURNING workshop_id, key, kind`,
  );
  return inserted.map((r) => ({ workshopId: String(r.workshop_id), key: r.key, kind: r.kind }));
}

/** How a notice went: the channel that took it, or why none did. */
export async function recordNoticeOutcomes(tx: Tx, outcomes: readonly { workshopId: string; key: string; channel: string | null; failureReason: string | null }[]): Promise<void> {
  if (outcomes.length === 0) return;
  const values = outcomes.map((o) => ({ workshop_id: o.workshopId, key: o.key, channel: o.channel, failure_reason: o.failureReason }));
  await tx.execute(sql`UPDATE billing_notices n SET channel = v.channel, failure_reason = v.failure_reason
    FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(workshop_id uuid, key text, channel text, failure_reason text)
    WHERE n.workshop_id = v.workshop_id AND n.key = v.key`);
}

export interface MonthlyGrant {
  workshopId: string;
  key: string;
  amount: number;
  reference: string;
}

/** The months' credits, each once per workshop and key (`credit_ledger_grant_key`); how many were new. */
export async function grantMonthlyCredits(tx: Tx, grants: readonly MonthlyGrant[]): Promise<number> {
  const positive = grants.filter((g) => Number.isSafeInteger(g.amount) && g.amount > 0);
  if (positive.length === 0) return 0;
  const values = positive.map((g) => ({ workshop_id: g.workshopId, grant_key: g.key, amount: g.amount, reference: g.reference }));
  const inserted = await rows<{ id: unknown }>(
    tx,
    sql`INSERT INTO credit_ledger (workshop_id, kind, amount, reference, grant_key)
      SELECT v.workshop_id, 'grant', v.amount, v.reference, v.grant_key FROM jsonb_to_recordset(${JSON.stringify(values)}::jsonb) AS v(workshop_id uuid, grant_key text, amount integer, reference text)
      ON CONFLICT (workshop_id, grant_key) WHERE grant_key IS NOT NULL DO NOTHING
      RETURNING id`,
  );
  return inserted.length;
}

export interface OwnerContact {
  workshopId: string;
  workshopName: string;
  name: string;
  phone: string | null;
  email: string | null;
}

/** Each workshop's owner (the first owner not removed, with an account) and the workshop's name. */
export async function ownerContacts(tx: Tx, workshopIds: readonly string[]): Promise<Map<string, OwnerContact>> {
  if (workshopIds.length === 0) return new Map();
  const found = await rows<{ workshop_id: string; workshop_name: string | null; name: string | null; phone: string | null; email: string | null }>(
    tx,
    sql`SELECT DISTINCT ON (m.workshop_id) m.workshop_id, w.name AS workshop_name, u.name, u.phone, u.email
      FROM members m JOIN users u ON u.id = m.user_id
      LEFT JOIN workshop w ON w.workshop_id = m.workshop_id AND w.id = m.workshop_id
      WHERE m.workshop_id = ANY(${uuidArray([...new Set(workshopIds)])}::uuid[]) AND m.role = 'owner' AND m.deleted_at IS NULL
      ORDER BY m.workshop_id, m.id`,
  );
  return new Map(
    found.map((r) => [String(r.workshop_id), { workshopId: String(r.workshop_id), workshopName: r.workshop_name ?? '', name: r.name ?? '', phone: r.phone, email: r.email }]),
  );
}

export interface StaleNotice {
  workshopId: string;
  key: string;
  kind: string;
  planId: string;
  timezone: string;
}

/**
 * Notices recorded before `before` whose sending never reported (the process stopped between the
 * commit and the send), taken once: marked `interrupted` in the same statement (another sweep
 * skips them), so a notice is sent at most twice, whatever happens.
 */
export async function takeStaleNotices(tx: Tx, before: Date, limit: number): Promise<StaleNotice[]> {
  const found = await rows<{ workshop_id: string; key: string; kind: string; plan_id: string; timezone: string }>(
    tx,
    sql`WITH picked AS (
        SELECT workshop_id, key FROM billing_notices
        WHERE channel IS NULL AND failure_reason IS NULL AND created_at < ${before.toISOString()}
        ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ), taken AS (
        UPDATE billing_notices n SET failure_reason = 'interrupted' FROM picked
        WHERE n.workshop_id = picked.workshop_id AND n.key = picked.key
        RETURNING n.workshop_id, n.key, n.kind
      )
      SELECT taken.workshop_id, taken.key, taken.kind, s.plan_id, s.timezone FROM taken JOIN subscriptions s ON s.workshop_id = taken.workshop_id`,
  );
  return found.map((r) => ({ workshopId: String(r.workshop_id), key: r.key, kind: r.kind, planId: r.plan_id, timezone: r.timezone }));
}
