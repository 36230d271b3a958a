/**
 * Plan changes at the period's end (DESIGN "Subscriptions"): a cheaper plan or another cycle
 * (`change`), the free plan (`cancel`), and taking either back (`undo`). Each is one transaction
 * of the workshop: its subscription row locked (FOR UPDATE, before the synced row's write lock,
 * the order every billing write takes), the rule (shared/billing/purchases.ts), the workshop's use
 * against the new plan's limits (refused 409 over_limits with the French reason, as "3 employés
 * pour 1 autorisé : retirez-en 2"), then `saveSubscription`, so devices see the pending change.
 *
 * At the period's end the sweep checks the use again (lifecycle/sweep.ts): a cheaper plan still
 * over its limits then waits (the current plan stays, the owner is told why); a cancel is made.
 */
import type { CloudContext } from '../context.js';
import type { Caller } from '../http/guards.js';
import type { ServerWriter } from '../sync/serverWrite.js';
import type { Locale } from '../../shared/i18n/texts.js';
import type { SubscriptionState } from '../../shared/billing/lifecycle.js';
import { excessMessage, limitExcesses } from '../../shared/billing/limits.js';
import { changeEffectiveAt, scheduleCancel, scheduleChange, undoChange } from '../../shared/billing/purchases.js';
import type { Plan } from '../../shared/billing/plans.js';
import type { Catalogue } from './catalogue.js';
import { readSubscription, saveSubscription } from './subscriptionsSql.js';
import { workshopUsage } from './usageSql.js';
import { billingError } from './texts.js';
import type { PlanChangeBody, PlanChangeResponse } from './planChangeSchemas.js';

function response(state: SubscriptionState, effectiveAt: string | null): PlanChangeResponse {
  return { status: state.status, planId: state.planId, cycle: state.cycle, pendingPlanId: state.pendingPlanId, pendingCycle: state.pendingCycle, effectiveAt };
}

export class PlanChanges {
  constructor(
    private readonly ctx: Pick<CloudContext, 'db' | 'now'>,
    private readonly writer: ServerWriter,
    private readonly catalogue: Catalogue,
  ) {}

  change(caller: Caller, body: PlanChangeBody, locale: Locale): Promise<PlanChangeResponse> {
    return this.update(caller, locale, (state, plans, now) => {
      const scheduled = scheduleChange(state, plans, body.planId, body.cycle, now);
      if (scheduled.ok) return scheduled;
      if (scheduled.code === 'unknown_plan' || scheduled.code === 'free_plan_not_sold') throw billingError(scheduled.code, locale);
      throw billingError(scheduled.code, locale);
    });
  }

  cancel(caller: Caller, locale: Locale): Promise<PlanChangeResponse> {
    return this.update(caller, locale, (state, plans, now) => {
      const scheduled = scheduleCancel(state, plans, now);
      if (scheduled.ok) return scheduled;
      throw scheduled.code === 'nothing_to_cancel' ? billingError('nothing_to_cancel', locale) : billingError(scheduled.code, locale);
    });
  }

  undo(caller: Caller, locale: Locale): Promise<PlanChangeResponse> {
    return this.update(caller, locale, (state) => {
      const next = undoChange(state);
      if (!next) throw billingError('nothing_pending', locale);
      return { next, plan: null };
    });
  }

  private async update(
    caller: Caller,
    locale: Locale,
    /** The new state and the plan whose limits the workshop must fit (none for an undo); throws a refusal. */
    decide: (state: SubscriptionState, plans: readonly Plan[], now: Date) => { next: SubscriptionState; plan: Plan | null },
  ): Promise<PlanChangeResponse> {
    const now = this.ctx.now();
    const workshopId = caller.workshopId;
    return this.ctx.db.withWorkshop(workshopId, async (tx) => {
      const { plans } = await this.catalogue.read(tx);
      const state = await readSubscription(tx, workshopId, { forUpdate: true });
      if (!state) throw billingError('no_subscription', locale);
      const decided = decide(state, plans, now);
      if (decided.plan) {
        const reason = excessMessage(limitExcesses(await workshopUsage(tx, workshopId, now), decided.plan.limits), locale);
        if (reason) throw billingError('over_limits', locale, { reason });
      }
      await saveSubscription(this.writer, tx, workshopId, decided.next, plans, now);
      return response(decided.next, decided.next.pendingPlanId || decided.next.pendingCycle ? changeEffectiveAt(decided.next, now) : null);
    });
  }
}
