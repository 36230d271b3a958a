/**
 * The admin dashboard (issue 12): the periods of `now` in Porto-Novo, one read of every part
 * (dashboardSql.ts: one statement, one snapshot), then the answer's shape: totals from the
 * buckets, zero-filled charts, the MRR from the active counts and the plans' prices.
 */
import type { CloudDb } from '../../db/client.js';
import { dashboardPeriods, fillSeries, monthlyRecurringRevenue, type DashboardPeriods, type SubscriptionCount } from '../../../shared/admin/dashboard.js';
import { readDashboardParts, type DashboardRaw } from './dashboardSql.js';
import type { AdminDashboard } from './schemas.js';

const num = (value: unknown): number => Number(value ?? 0);

/** {"3": x} (width_bucket number → value) as a Map. */
function buckets<T>(value: unknown, map: (v: unknown) => T): Map<number, T> {
  return new Map(Object.entries((value ?? {}) as Record<string, unknown>).map(([b, v]) => [Number(b), map(v)]));
}

const pair = (v: unknown): [number, number] => {
  const [a, b] = v as [unknown, unknown];
  return [num(a), num(b)];
};

export function assembleDashboard(raw: DashboardRaw, p: DashboardPeriods): AdminDashboard {
  const workshops = (raw.workshops ?? {}) as { total?: unknown; byWeek?: unknown };
  const signups = fillSeries(p.weeks, buckets(workshops.byWeek, num), 0);
  const payments = fillSeries(p.months, buckets(raw.payments, pair), [0, 0] as [number, number]);
  const messages = fillSeries(p.days, buckets(raw.messages, pair), [0, 0] as [number, number]);

  const counts: SubscriptionCount[] = ((raw.subscriptions ?? []) as [string, string, string | null, unknown][]).map(([status, planId, cycle, n]) => ({ status, planId, cycle, count: num(n) }));
  const plans = ((raw.plans ?? []) as [string, string, unknown, unknown][]).map(([id, name, monthly, yearly]) => ({ id, name, monthlyPrice: num(monthly), yearlyPrice: num(yearly) }));
  const byStatus = (status: string) => counts.filter((c) => c.status === status).reduce((sum, c) => sum + c.count, 0);
  const activeOn = (planId: string) => counts.filter((c) => c.status === 'active' && c.planId === planId).reduce((sum, c) => sum + c.count, 0);

  const [todaySent, todayFailed] = messages.at(-1)!.value;
  const [monthCount, monthAmount] = payments.at(-1)!.value;
  return {
    at: p.at,
    workshops: { total: num(workshops.total), synced30d: num(raw.synced), newThisWeek: signups.at(-1)!.value },
    subscriptions: {
      trial: byStatus('trial'),
      active: byStatus('active'),
      activeByPlan: plans.map((plan) => ({ planId: plan.id, planName: plan.name, count: activeOn(plan.id) })),
      pastDue: byStatus('past_due'),
      suspended: byStatus('suspended'),
      cancelled: byStatus('cancelled'),
    },
    mrr: monthlyRecurringRevenue(counts, plans),
    paymentsThisMonth: { count: monthCount, amount: monthAmount },
    messages: {
      today: { sent: todaySent, failed: todayFailed },
      last30d: messages.reduce((sum, d) => ({ sent: sum.sent + d.value[0], failed: sum.failed + d.value[1] }), { sent: 0, failed: 0 }),
    },
    creditsSoldThisMonth: num(raw.credits),
    publishedProfiles: num(raw.published),
    pendingReports: num(raw.reports),
    charts: {
      signupsByWeek: signups.map((w) => ({ week: w.label, count: w.value })),
      paymentsByMonth: payments.map((m) => ({ month: m.label, amount: m.value[1] })),
      messagesByDay: messages.map((d) => ({ day: d.label, sent: d.value[0], failed: d.value[1] })),
    },
  };
}

export class AdminDashboardService {
  constructor(
    private readonly db: CloudDb,
    private readonly now: () => Date,
  ) {}

  /** The dashboard at `at` (now by default): one statement, read as the system. */
  async read(at: Date = this.now()): Promise<AdminDashboard> {
    const periods = dashboardPeriods(at);
    const raw = await this.db.system((tx) => readDashboardParts(tx, periods));
    return assembleDashboard(raw, periods);
  }
}
