/**
 * The admin portal's workshops: the list, a workshop's page, and the actions on its subscription
 * and credits. Each action is ONE transaction of the workshop (`withWorkshop`): the subscription
 * row locked (FOR UPDATE, the order every billing write takes), the rule
 * (shared/admin/subscriptionActions.ts), billing's one write `saveSubscription` (so devices receive
 * the synced row at their next sync and the directory follows it), and the audit entry with the
 * state before and after. Granting credits adds a ledger entry under the credits lock instead.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { CloudContext } from '../../context.js';
import type { AdminCaller } from '../../http/guards.js';
import type { Tx } from '../../db/client.js';
import type { Locale } from '../../../shared/i18n/texts.js';
import { text } from '../../../shared/i18n/texts.js';
import { isUuid } from '../../../shared/domain/ids.js';
import type { SubscriptionState } from '../../../shared/billing/lifecycle.js';
import type { Plan } from '../../../shared/billing/plans.js';
import { AUDIT_ACTIONS, type AuditAction } from '../../../shared/admin/auditActions.js';
import { changePlan, extendTrial, restore, suspend, type SubscriptionActionResult } from '../../../shared/admin/subscriptionActions.js';
import { readSubscription, saveSubscription } from '../../billing/subscriptionsSql.js';
import { listPayments, type PaymentRecord } from '../../billing/paymentsSql.js';
import { addCredits, creditBalance, creditsLock } from '../../notifications/credits.js';
import { writeAudit } from '../auditSql.js';
import { listWorkshops } from './workshopsSql.js';
import { readWorkshopAccount, readWorkshopUse, workshopAuditEntries, type WorkshopAuditEntry } from './workshopDetailSql.js';
import { WORKSHOPS_PAGE_SIZE, type WorkshopDetail, type WorkshopsQuery, type WorkshopsResponse } from './schemas.js';
import { adminWorkshopError, historyTexts } from './texts.js';

const DAY_MS = 86_400_000;
const HISTORY_LIMIT = 100;

export class AdminWorkshops {
  constructor(private readonly ctx: Pick<CloudContext, 'db' | 'now' | 'services'>) {}

  private get catalogue() {
    return this.ctx.services.billing.catalogue;
  }

  async list(query: WorkshopsQuery): Promise<WorkshopsResponse> {
    const page = query.page ?? 1;
    const { plans } = await this.catalogue.read();
    const { workshops, total } = await this.ctx.db.system((tx) => listWorkshops(tx, { q: query.q, planId: query.plan, status: query.status }, page, WORKSHOPS_PAGE_SIZE));
    return {
      workshops: workshops.map((w) => ({ ...w, planName: w.planId === null ? null : (plans.find((p) => p.id === w.planId)?.name ?? w.planId) })),
      page,
      hasMore: (page - 1) * WORKSHOPS_PAGE_SIZE + workshops.length < total,
      total,
    };
  }

  async detail(workshopId: string, locale: Locale): Promise<WorkshopDetail> {
    if (!isUuid(workshopId)) throw adminWorkshopError('workshop_not_found', locale);
    const { plans } = await this.catalogue.read();
    const now = this.ctx.now();
    const found = await this.ctx.db.readWorkshop(workshopId, async (tx) => {
      const workshop = await readWorkshopAccount(tx, workshopId);
      if (!workshop) return null;
      return {
        workshop,
        state: await readSubscription(tx, workshopId),
        payments: await listPayments(tx, workshopId, HISTORY_LIMIT),
        use: await readWorkshopUse(tx, workshopId, new Date(now.getTime() - 30 * DAY_MS)),
        audit: await workshopAuditEntries(tx, workshopId, HISTORY_LIMIT),
      };
    });
    if (!found) throw adminWorkshopError('workshop_not_found', locale);
    const { workshop, state, payments, use, audit } = found;
    const planName = (id: string | null) => (id === null ? '' : (plans.find((p) => p.id === id)?.name ?? id));
    return {
      workshop,
      subscription: state && {
        status: state.status,
        planId: state.planId,
        planName: planName(state.planId),
        cycle: state.cycle,
        trialEndsAt: state.trialEndsAt,
        currentPeriodEnd: state.currentPeriodEnd,
        graceEndsAt: state.graceEndsAt,
        pendingPlanId: state.pendingPlanId,
      },
      history: history(payments, audit, planName, locale),
      payments: payments.map((p) => ({ paidAt: p.paidAt, kind: p.kind, planId: p.planId, amount: p.amount, receiptNumber: p.receiptNumber, method: p.method })),
      counts: { members: use.members, devices: use.devices },
      lastSyncAt: use.lastSyncAt,
      messages: use.messages,
      credits: use.credits,
    };
  }

  suspend(workshopId: string, caller: AdminCaller, reason: string, locale: Locale): Promise<WorkshopDetail> {
    return this.changeSubscription(workshopId, caller, reason, locale, 'workshop.suspend', (state) => suspend(state));
  }

  restore(workshopId: string, caller: AdminCaller, reason: string, locale: Locale): Promise<WorkshopDetail> {
    return this.changeSubscription(workshopId, caller, reason, locale, 'workshop.restore', (state, _plans, now) => restore(state, now));
  }

  extendTrial(workshopId: string, caller: AdminCaller, reason: string, days: number, locale: Locale): Promise<WorkshopDetail> {
    return this.changeSubscription(workshopId, caller, reason, locale, 'workshop.extend_trial', (state, _plans, now) => extendTrial(state, days, now), { days });
  }

  changePlan(workshopId: string, caller: AdminCaller, reason: string, planId: string, locale: Locale): Promise<WorkshopDetail> {
    return this.changeSubscription(workshopId, caller, reason, locale, 'workshop.change_plan', (state, plans) => changePlan(state, planId, plans), { planId });
  }

  async grantCredits(workshopId: string, caller: AdminCaller, reason: string, credits: number, locale: Locale): Promise<WorkshopDetail> {
    if (!isUuid(workshopId)) throw adminWorkshopError('workshop_not_found', locale);
    const now = this.ctx.now();
    await this.ctx.db.withWorkshop(workshopId, async (tx) => {
      if (!(await readWorkshopAccount(tx, workshopId))) throw adminWorkshopError('workshop_not_found', locale);
      await tx.execute(sql`SELECT ${creditsLock(workshopId)}`);
      const before = await creditBalance(tx, workshopId);
      // The ledger's reference names the audit entry's tag, never the reason (it may hold personal data).
      const reference = `admin:${randomUUID()}`;
      await addCredits(tx, workshopId, 'grant', credits, reference);
      await writeAudit(tx, this.entry(caller, 'workshop.grant_credits', workshopId, reason, { balance: before }, { balance: before + credits }, { credits, reference }), now);
    });
    return this.detail(workshopId, locale);
  }

  private entry(caller: AdminCaller, action: AuditAction, workshopId: string, reason: string, before: unknown, after: unknown, detail?: unknown) {
    return { admin: { id: caller.adminId, email: caller.email }, action, target: { type: 'workshop' as const, id: workshopId }, workshopId, reason, before, after, detail, ip: caller.ip };
  }

  private async changeSubscription(
    workshopId: string,
    caller: AdminCaller,
    reason: string,
    locale: Locale,
    action: AuditAction,
    decide: (state: SubscriptionState, plans: readonly Plan[], now: Date) => SubscriptionActionResult,
    detail?: Record<string, unknown>,
  ): Promise<WorkshopDetail> {
    if (!isUuid(workshopId)) throw adminWorkshopError('workshop_not_found', locale);
    const now = this.ctx.now();
    await this.ctx.db.withWorkshop(workshopId, async (tx: Tx) => {
      const { plans } = await this.catalogue.read(tx);
      const before = await readSubscription(tx, workshopId, { forUpdate: true });
      if (!before) throw adminWorkshopError((await readWorkshopAccount(tx, workshopId)) ? 'no_subscription' : 'workshop_not_found', locale);
      const decided = decide(before, plans, now);
      if (!decided.ok) throw adminWorkshopError(decided.code, locale, { status: before.status, planId: String(detail?.planId ?? '') });
      await saveSubscription(this.ctx.services.serverWrites, tx, workshopId, decided.next, plans, now);
      await writeAudit(tx, this.entry(caller, action, workshopId, reason, before, decided.next, detail), now);
    });
    return this.detail(workshopId, locale);
  }
}

function paymentLabel(p: PaymentRecord, planName: (id: string | null) => string, locale: Locale): string {
  const cycle = p.cycle ? text(historyTexts, locale, p.cycle === 'yearly' ? 'cycle_yearly' : 'cycle_monthly') : '';
  if (p.kind === 'pack') return text(historyTexts, locale, 'payment_credits', { credits: p.credits ?? 0 });
  if (p.kind === 'plan') return text(historyTexts, locale, 'payment_plan', { plan: planName(p.planId), cycle });
  if (p.kind === 'renewal') return text(historyTexts, locale, 'payment_renewal', { plan: planName(p.planId), cycle });
  if (p.kind === 'upgrade') return text(historyTexts, locale, 'payment_upgrade', { plan: planName(p.planId) });
  return text(historyTexts, locale, 'payment_other');
}

function history(payments: PaymentRecord[], audit: WorkshopAuditEntry[], planName: (id: string | null) => string, locale: Locale): WorkshopDetail['history'] {
  const labels: Record<string, string> = AUDIT_ACTIONS;
  const entries = [
    ...payments.map((p) => ({ at: p.paidAt, kind: 'payment' as const, label: paymentLabel(p, planName, locale), amount: p.amount, reason: null, by: null })),
    ...audit.map((a) => ({ at: a.at, kind: 'admin' as const, label: labels[a.action] ?? a.action, amount: null, reason: a.reason, by: a.adminEmail })),
  ];
  return entries.sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, HISTORY_LIMIT);
}
