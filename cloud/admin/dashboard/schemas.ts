/**
 * `GET /api/admin/dashboard`'s answer (issue 12): the platform's figures now, "today", "this
 * week" (from Monday) and "this month" in Africa/Porto-Novo, and the small charts, zero-filled.
 * The portal's dashboard page imports `AdminDashboard`.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const sentFailed = z.object({ sent: count, failed: count });

export const adminDashboardSchema = z.object({
  /** When the figures were read (ISO, UTC). */
  at: z.string(),
  workshops: z.object({
    total: count,
    /** Workshops with a device that synced in the last 30 days (today included). */
    synced30d: count,
    newThisWeek: count,
  }),
  subscriptions: z.object({
    trial: count,
    active: count,
    /** Active subscriptions by plan, every plan of the catalogue in its order (0 included). */
    activeByPlan: z.array(z.object({ planId: z.string(), planName: z.string(), count })),
    pastDue: count,
    suspended: count,
    cancelled: count,
  }),
  /** Monthly recurring revenue, whole FCFA: active subscriptions, a yearly price counted as 1/12. */
  mrr: z.number().int().nonnegative(),
  paymentsThisMonth: z.object({ count, amount: z.number().int().nonnegative() }),
  /** By the message's creation time; `sent` counts sent and delivered messages. */
  messages: z.object({ today: sentFailed, last30d: sentFailed }),
  /** Credits bought in packs this month. */
  creditsSoldThisMonth: count,
  /** Profiles the directory shows now (published, listed by the plan, not hidden). */
  publishedProfiles: count,
  pendingReports: count,
  charts: z.object({
    /** 12 weeks, oldest first; `week` is the Monday (YYYY-MM-DD). */
    signupsByWeek: z.array(z.object({ week: z.string(), count })),
    /** 6 months, oldest first (YYYY-MM), the amounts paid. */
    paymentsByMonth: z.array(z.object({ month: z.string(), amount: z.number().int().nonnegative() })),
    /** 30 days, oldest first (YYYY-MM-DD). */
    messagesByDay: z.array(z.object({ day: z.string(), sent: count, failed: count })),
  }),
});

export type AdminDashboard = z.output<typeof adminDashboardSchema>;
