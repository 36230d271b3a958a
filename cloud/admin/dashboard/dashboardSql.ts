/**
 * The dashboard's SQL: one statement, so one round trip and one snapshot, made of parts that each
 * yield one jsonb value from an index (migration 0009_admin_dashboard): the workshops' signups by
 * week (`workshop_created_at`), the devices seen in the last 30 days, the subscriptions by status,
 * plan and cycle, the payments by month (`billing_payments_paid`), the credits bought this month
 * (`credit_ledger_purchases`), the messages by day (`messages_dashboard`), the visible profiles
 * (`directory_listings_name`) and the pending reports (`directory_reports_status`). Buckets are
 * numbered by width_bucket (1 = the oldest); zero-filling and totals are shared/admin/dashboard.ts's.
 * Read across workshops as the system. The bench (bench/adminDashboard.bench.ts) times each part
 * through `readDashboardParts` and the whole through the service.
 *
 * The workshop's and the message's `created_at` are ISO strings in UTC (what the hub and the
 * devices write), compared as text with the periods' ISO bounds.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import { VISIBLE } from '../../directory/searchSql.js';
import { thresholds, type Bucket, type DashboardPeriods } from '../../../shared/admin/dashboard.js';

function textArray(series: readonly Bucket[]): SQL {
  return sql`ARRAY[${sql.join(thresholds(series).map((t) => sql`${t}`), sql`, `)}]::text[]`;
}

function timeArray(series: readonly Bucket[]): SQL {
  return sql`ARRAY[${sql.join(thresholds(series).map((t) => sql`${t}`), sql`, `)}]::timestamptz[]`;
}

const first = (series: readonly Bucket[]) => series[0]!.start;
const last = (series: readonly Bucket[]) => series.at(-1)!;

export const DASHBOARD_PARTS = {
  /** {total, byWeek: {bucket: count}}: every workshop, and those created in each of the 12 weeks. */
  workshops: (p: DashboardPeriods) => sql`jsonb_build_object(
      'total', (SELECT count(*) FROM workshop),
      'byWeek', (SELECT coalesce(jsonb_object_agg(b, n), '{}'::jsonb) FROM (
        SELECT width_bucket(created_at, ${textArray(p.weeks)}) AS b, count(*) AS n FROM workshop
         WHERE created_at >= ${first(p.weeks)} AND created_at < ${last(p.weeks).end} GROUP BY 1) w))`,

  /** Workshops with a device seen by sync since the first of the 30 days. */
  synced: (p: DashboardPeriods) => sql`(SELECT count(DISTINCT workshop_id) FROM devices WHERE last_seen_at >= ${first(p.days)}::timestamptz)`,

  /** [[status, planId, cycle, count]…] over every subscription. */
  subscriptions: () => sql`(SELECT coalesce(jsonb_agg(jsonb_build_array(status, plan_id, cycle, n)), '[]'::jsonb) FROM (
      SELECT status, plan_id, cycle, count(*) AS n FROM subscriptions GROUP BY 1, 2, 3) s)`,

  /** Every plan with its prices, in the catalogue's order. */
  plans: () => sql`(SELECT coalesce(jsonb_agg(jsonb_build_array(id, name, monthly_price, yearly_price) ORDER BY position, id), '[]'::jsonb) FROM plans)`,

  /** {bucket: [count, amount]} for each of the 6 months. */
  payments: (p: DashboardPeriods) => sql`(SELECT coalesce(jsonb_object_agg(b, jsonb_build_array(n, amount)), '{}'::jsonb) FROM (
      SELECT width_bucket(paid_at, ${timeArray(p.months)}) AS b, count(*) AS n, sum(amount) AS amount FROM billing_payments
       WHERE paid_at >= ${first(p.months)}::timestamptz AND paid_at < ${last(p.months).end}::timestamptz GROUP BY 1) m)`,

  /** Credits bought (packs) this month. */
  credits: (p: DashboardPeriods) => sql`(SELECT coalesce(sum(amount), 0) FROM credit_ledger
      WHERE kind = 'purchase' AND created_at >= ${last(p.months).start}::timestamptz AND created_at < ${last(p.months).end}::timestamptz)`,

  /**
   * {bucket: [sent, failed]} for each of the 30 days, by the message's creation time: `sent` and
   * `delivered` count as sent, `failed` as failed (literals: the partial index's own condition).
   */
  messages: (p: DashboardPeriods) => sql`(SELECT coalesce(jsonb_object_agg(b, jsonb_build_array(sent, failed)), '{}'::jsonb) FROM (
      SELECT width_bucket(created_at, ${textArray(p.days)}) AS b,
             count(*) FILTER (WHERE status IN ('sent', 'delivered')) AS sent, count(*) FILTER (WHERE status = 'failed') AS failed
        FROM messages
       WHERE status IN ('sent', 'delivered', 'failed') AND created_at >= ${first(p.days)} AND created_at < ${last(p.days).end} GROUP BY 1) d)`,

  /** Profiles the directory shows now (the search's own condition). */
  published: () => sql`(SELECT count(*) FROM directory_listings l WHERE ${VISIBLE})`,

  reports: () => sql`(SELECT count(*) FROM directory_reports WHERE status = 'pending')`,
} satisfies Record<string, (p: DashboardPeriods) => SQL>;

export type DashboardPart = keyof typeof DASHBOARD_PARTS;
export const DASHBOARD_PART_NAMES = Object.keys(DASHBOARD_PARTS) as DashboardPart[];

/** The raw values, by part (jsonb as parsed by the driver). */
export type DashboardRaw = Partial<Record<DashboardPart, unknown>>;

/** One statement reading `parts` (all by default) into one jsonb object. */
export function dashboardStatement(p: DashboardPeriods, parts: readonly DashboardPart[] = DASHBOARD_PART_NAMES): SQL {
  const fields = parts.map((name) => sql`${name}::text, ${DASHBOARD_PARTS[name](p)}`);
  return sql`SELECT jsonb_build_object(${sql.join(fields, sql`, `)}) AS dashboard`;
}

export async function readDashboardParts(tx: Tx, p: DashboardPeriods, parts: readonly DashboardPart[] = DASHBOARD_PART_NAMES): Promise<DashboardRaw> {
  const [row] = await rows<{ dashboard: unknown }>(tx, dashboardStatement(p, parts));
  const value = row!.dashboard;
  return (typeof value === 'string' ? JSON.parse(value) : value) as DashboardRaw;
}
