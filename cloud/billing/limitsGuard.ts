/**
 * The plan's limits enforced at the hub (not only in the app), in the caller's `withWorkshop`
 * transaction: the limits in force are those of the stored subscription (limits.ts
 * `limitsInForce`: the plan's, or the free plan's once suspended or cancelled).
 *
 * - members: seats (members not removed + invitations still open, usageSql.ts `seatsTaken`) may
 *   not pass the plan's members; the subscription row is locked (FOR UPDATE) first, so two
 *   invitations at once cannot both take the last seat; accepting an invitation sent before the
 *   plan shrank is refused while the members fill the plan (`assertAcceptedMemberFits`);
 * - portfolio photos (issue 11): `assertPortfolioPhotoAllowed` with the workshop's count;
 * - the directory listing (issue 11): `directoryAllowed`, only on a plan that includes it and
 *   while the paid services run (not suspended).
 * A workshop without a subscription row (made before billing, not yet swept) is not limited.
 */
import type { Tx } from '../db/client.js';
import type { Locale } from '../../shared/i18n/texts.js';
import type { PlanLimits } from '../../shared/billing/plans.js';
import { limitsInForce, paidServicesRun } from '../../shared/billing/limits.js';
import type { SubscriptionState } from '../../shared/billing/lifecycle.js';
import { readPlans } from './catalogueSql.js';
import { readSubscription } from './subscriptionsSql.js';
import { liveMembers, seatsTaken } from './usageSql.js';
import { billingError } from './texts.js';

export interface LimitsNow {
  state: SubscriptionState;
  limits: PlanLimits;
}

/** The subscription and its limits in force; null without a subscription row. */
export async function limitsNow(tx: Tx, workshopId: string, options: { forUpdate?: boolean } = {}): Promise<LimitsNow | null> {
  const state = await readSubscription(tx, workshopId, options);
  if (!state) return null;
  return { state, limits: limitsInForce(state.status, state.planId, await readPlans(tx)) };
}

/** Whether `adding` more photos fit: the rule, with the numbers. */
export function portfolioPhotosFit(limits: Pick<PlanLimits, 'portfolioPhotos'>, photosNow: number, adding = 1): boolean {
  return photosNow + adding <= limits.portfolioPhotos;
}

/** Whether a workshop of this status and these limits may be listed in the directory. */
export function directoryListingAllowed(status: SubscriptionState['status'], limits: Pick<PlanLimits, 'directory'>): boolean {
  return limits.directory && paidServicesRun(status);
}

/** Whether one more seat fits (an invitation). */
export function seatFits(limits: Pick<PlanLimits, 'members'>, seatsNow: number): boolean {
  return seatsNow + 1 <= limits.members;
}

/** Refuses (403 plan_limit_members) an invitation past the plan's members. Call after expiring the invitation it replaces. */
export async function assertMemberSeatAvailable(tx: Tx, workshopId: string, now: Date, locale: Locale): Promise<void> {
  const found = await limitsNow(tx, workshopId, { forUpdate: true });
  if (!found) return;
  if (!seatFits(found.limits, await seatsTaken(tx, workshopId, now))) {
    throw billingError(found.limits.members > 1 ? 'plan_limit_members' : 'plan_limit_owner_only', locale, { allowed: found.limits.members }, { allowed: found.limits.members });
  }
}

/**
 * Refuses (403 plan_limit_accept) accepting an invitation when the workshop's members already
 * fill its plan: an invitation sent before the plan shrank (a downgrade, a suspension). Nothing is
 * lost: the invitation stays open, and accepting works again once the plan has room.
 */
export async function assertAcceptedMemberFits(tx: Tx, workshopId: string, locale: Locale): Promise<void> {
  const found = await limitsNow(tx, workshopId, { forUpdate: true });
  if (!found) return;
  if (!seatFits(found.limits, await liveMembers(tx, workshopId))) throw billingError('plan_limit_accept', locale, { allowed: found.limits.members }, { allowed: found.limits.members });
}

/** Refuses (403 plan_limit_portfolio) photos past the plan's portfolio; `photosNow` counted by the caller under its lock. */
export async function assertPortfolioPhotoAllowed(tx: Tx, workshopId: string, photosNow: number, locale: Locale, adding = 1): Promise<void> {
  const found = await limitsNow(tx, workshopId);
  if (!found) return;
  if (!portfolioPhotosFit(found.limits, photosNow, adding)) throw billingError('plan_limit_portfolio', locale, { allowed: found.limits.portfolioPhotos, used: photosNow }, { allowed: found.limits.portfolioPhotos, used: photosNow });
}

/** Whether the workshop may be listed in the directory now (a listing query filters on it, a publish refuses without it). */
export async function directoryAllowed(tx: Tx, workshopId: string): Promise<boolean> {
  const found = await limitsNow(tx, workshopId);
  return found === null ? true : directoryListingAllowed(found.state.status, found.limits);
}

/** Refuses (403 plan_limit_directory) a listing the plan does not include. */
export async function assertDirectoryAllowed(tx: Tx, workshopId: string, locale: Locale): Promise<void> {
  if (!(await directoryAllowed(tx, workshopId))) throw billingError('plan_limit_directory', locale);
}
