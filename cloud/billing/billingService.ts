/**
 * Billing's reads and the trial (DESIGN "Subscriptions"): the plans on sale, a workshop's
 * subscription with its credits, limits and usage, and the trial every new workshop starts with.
 * Checkout and the FedaPay webhook (checkout*.ts, payments*.ts), the lifecycle sweep (lifecycle/)
 * and plan changes (planChanges.ts) build on the same catalogue and `saveSubscription`.
 */
import type { CloudContext } from '../context.js';
import type { Tx } from '../db/client.js';
import type { Caller } from '../http/guards.js';
import type { ServerWriter } from '../sync/serverWrite.js';
import { TRIAL_PLAN_ID } from '../../shared/billing/plans.js';
import { limitsInForce } from '../../shared/billing/limits.js';
import type { SubscriptionState } from '../../shared/billing/lifecycle.js';
import { trialEnd } from '../../shared/billing/periods.js';
import { creditBalance } from '../notifications/credits.js';
import type { Catalogue } from './catalogue.js';
import { readSubscription, saveSubscription } from './subscriptionsSql.js';
import { workshopUsage } from './usageSql.js';
import type { PlansResponse, SubscriptionResponse } from './schemas.js';
import { billingError } from './texts.js';

export const DEFAULT_TIMEZONE = 'Africa/Porto-Novo';

export class BillingService {
  constructor(
    private readonly ctx: Pick<CloudContext, 'db' | 'now' | 'logger'>,
    private readonly writer: ServerWriter,
    readonly catalogue: Catalogue,
  ) {}

  async plans(): Promise<PlansResponse> {
    const { plans, packs } = await this.catalogue.read();
    return {
      plans: plans.map(({ id, name, monthlyPrice, yearlyPrice, limits }) => ({ id, name, monthlyPrice, yearlyPrice, limits })),
      packs: packs.map(({ id, name, credits, price }) => ({ id, name, credits, price })),
    };
  }

  /** A new workshop's trial: every paid feature for TRIAL_DAYS local days (its credits are granted by signup). */
  async startTrial(tx: Tx, workshopId: string, now: Date, timezone: string = DEFAULT_TIMEZONE): Promise<SubscriptionState> {
    const { plans } = await this.catalogue.read(tx);
    const state: SubscriptionState = {
      status: 'trial',
      planId: TRIAL_PLAN_ID,
      cycle: null,
      trialEndsAt: trialEnd(now, timezone),
      periodStart: null,
      currentPeriodEnd: null,
      graceEndsAt: null,
      pendingPlanId: null,
      pendingCycle: null,
      timezone,
    };
    await saveSubscription(this.writer, tx, workshopId, state, plans, now);
    return state;
  }

  async subscription(caller: Caller, locale: 'fr' | 'en' = 'fr'): Promise<SubscriptionResponse> {
    const { plans } = await this.catalogue.read();
    const now = this.ctx.now();
    return this.ctx.db.readWorkshop(caller.workshopId, async (tx) => {
      const state = await readSubscription(tx, caller.workshopId);
      if (!state) throw billingError('no_subscription', locale);
      const plan = plans.find((p) => p.id === state.planId);
      return {
        status: state.status,
        planId: state.planId,
        planName: plan?.name ?? state.planId,
        cycle: state.cycle,
        trialEndsAt: state.trialEndsAt,
        currentPeriodEnd: state.currentPeriodEnd,
        graceEndsAt: state.graceEndsAt,
        pendingPlanId: state.pendingPlanId,
        credits: await creditBalance(tx, caller.workshopId),
        limits: limitsInForce(state.status, state.planId, plans),
        usage: await workshopUsage(tx, caller.workshopId, now),
      };
    });
  }
}
