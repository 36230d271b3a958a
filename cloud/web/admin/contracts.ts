/**
 * The answers of the admin areas whose schemas.ts has not landed yet, as the contract
 * states them. Each moves to an `import type` of its area's schemas.ts as soon as it exists.
 */
export interface DashboardView {
  at: string;
  workshops: { total: number; synced30d: number; newThisWeek: number };
  subscriptions: { trial: number; active: number; activeByPlan: { planId: string; planName: string; count: number }[]; pastDue: number; suspended: number; cancelled: number };
  mrr: number;
  paymentsThisMonth: { count: number; amount: number };
  messages: { today: { sent: number; failed: number }; last30d: { sent: number; failed: number } };
  creditsSoldThisMonth: number;
  publishedProfiles: number;
  pendingReports: number;
  charts: { signupsByWeek: { week: string; count: number }[]; paymentsByMonth: { month: string; amount: number }[]; messagesByDay: { day: string; sent: number; failed: number }[] };
}

export interface AuditEntryView {
  id: string;
  at: string;
  adminId: string | null;
  adminEmail: string | null;
  action: string;
  actionLabel: string;
  targetType: string | null;
  targetId: string | null;
  workshopId: string | null;
  workshopName: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
  ip: string | null;
}
export interface AuditPage {
  entries: AuditEntryView[];
  page: number;
  hasMore: boolean;
}

export interface AdminRow {
  id: string;
  email: string;
  name: string;
  role: 'superadmin' | 'support';
  createdAt: string;
  pending: boolean;
  totpConfirmed: boolean;
  invitedBy: string | null;
}
export interface AdminsList {
  admins: AdminRow[];
}
export interface InviteAnswer {
  admin: AdminRow;
  inviteUrl: string;
}
export interface InvitationView {
  email: string;
  name: string;
  expiresAt: string;
}
