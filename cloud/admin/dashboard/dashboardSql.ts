/**
 * The dashboard's SQL: one statement, so one round trip and one snapshot, made of parts that each
 * yield one jsonb value from an index (migration 0009_admin_dashboard): the workshops' signups by
 * week (`workshop_created_at`), the devices seen in the last 30 days, the subscriptions by status,
 * plan and cycle, the payments by month (`billing_payments_paid`), the credits bought this month
 * (`credit_ledger_purchases`), the messages by day (`messages_sent_created_at`,
 * `messages_failed_created_at`), the visible profiles (a partial index of the visible listings)
 * and the pending reports (`directory_reports_status`). Buckets are numbered from 1 (the oldest);
 * totals and the answer's shape are the service's (service.ts).
 * Read across workshops as the system. The bench (bench/adminDashboard.bench.ts) times each part
 * through `readDashboardParts` and the whole through the service.
 *
 * The workshop's and the message's `created_at` are ISO strings in UTC (what the hub and the
 * devices write), compared as text with the periods' ISO bounds.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import { VISIBLE } from '../../directory/searchSql.js';
import type { Bucket, DashboardPeriods } from '../../../shared/admin/dashboard.js';

/**
 * The buckets as rows (i, start, end), i = 1 for the oldest: each bucket is then counted by its own
 * range scan of an index (a LATERAL or scalar subquery), which costs the rows' reading only, where
 * width_bucket over an ISO text would compare every row with the bounds.
 */
function bucketRows(series: readonly Bucket[]): SQL {
  return sql`(VALUES ${sql.join(
    series.map((b, i) => sql`(${i + 1}::int, ${b.start}::text, ${b.end}::text)`),
    sql`, `,
  )}) AS b(i, s, e)`;
}

const first = (series: readonly Bucket[]) => series[0]!.start;
const last = (series: readonly Bucket[]) => series.at(-1)!;

export const DASHBOARD_PARTS = {
  /** {total, byWeek: {bucket: count}}: every workshop, and those created in each of the 12 weeks. */
  workshops: (p: DashboardPeriods) => sql`jsonb_build_object(
      'total', (SELECT count(*) FROM workshop),
      'byWeek', (SELECT jsonb_object_agg(b.i, c.n) FROM ${bucketRows(p.weeks)}
        CROSS JOIN LATERAL (SELECT count(*) AS n FROM workshop w WHERE w.created_at >= b.s AND w.created_at < b.e) c))`,

  /** Workshops with a device seen by sync since the first of the 30 days. */
  synced: (p: DashboardPeriods) => sql`(SELECT count(DISTINCT workshop_id) FROM devices WHERE last_seen_at >= ${first(p.days)}::timestamptz)`,

  /** [[status, planId, cycle, count]…] over every subscription. */
  subscriptions: () => sql`(SELECT coalesce(jsonb_agg(jsonb_build_array(status, plan_id, cycle, n)), '[]'::jsonb) FROM (
      SELECT status, plan_id, cycle, count(*) AS n FROM subscriptions GROUP BY 1, 2, 3) s)`,

  /** Every plan with its prices, in the catalogue's order. */
  plans: () => sql`(SELECT coalesce(jsonb_agg(jsonb_build_array(id, name, monthly_price, yearly_price) ORDER BY position, id), '[]'::jsonb) FROM plans)`,

  /** {bucket: [count, amount]} for each of the 6 months. */
  payments: (p: DashboardPeriods) => sql`(SELECT jsonb_object_agg(b.i, jsonb_build_array(c.n, c.amount)) FROM ${bucketRows(p.months)}
      CROSS JOIN LATERAL (SELECT count(*) AS n, coalesce(sum(amount), 0) AS amount FROM billing_payments m
                           WHERE m.paid_at >= b.s::timestamptz AND m.paid_at < b.e::timestamptz) c)`,

  /** Credits bought (packs) this month. */
  credits: (p: DashboardPeriods) => sql`(SELECT coalesce(sum(amount), 0) FROM credit_ledger
      WHERE kind = 'purchase' AND created_at >= ${last(p.months).start}::timestamptz AND created_at < ${last(p.months).end}::timestamptz)`,

  /**
   * {bucket: [sent, failed]} for each of the 30 days, by the message's creation time: `sent` and
   * `delivered` count as sent, `failed` as failed, each from its partial index alone (literals:
   * the indexes' own conditions).
   */
  messages: (p: DashboardPeriods) => sql`(SELECT jsonb_object_agg(b.i, jsonb_build_array(
        (SELECT count(*) FROM messages m WHERE m.status IN ('sent', 'delivered') AND m.created_at >= b.s AND m.created_at < b.e),
        (SELECT count(*) FROM messages m WHERE m.status = 'failed' AND m.created_at >= b.s AND m.created_at < b.e)))
      FROM ${bucketRows(p.days)})`,

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
