/**
 * A workshop's use against a plan's limits: what a downgrade or a cancel must first remove, with
 * the French reason ("3 employés pour 1 autorisé : retirez-en 2"), and what the hub refuses past
 * a limit (an invitation, a portfolio photo, the directory listing). The limits in force are the
 * plan's while the subscription is in trial, active or past due; the free plan's once suspended
 * or cancelled (`limitsInForce`).
 */
import { fill, type Locale } from '../i18n/texts.js';
import { BILLING_RULE_TEXTS } from './texts.js';
import { FREE_PLAN_ID, type Plan, type PlanLimits, type SubscriptionStatus } from './plans.js';

export interface WorkshopUsage {
  /** Members not removed, the owner included, plus invitations still open. */
  members: number;
  portfolioPhotos: number;
  directoryListed: boolean;
}

export type LimitName = 'members' | 'portfolioPhotos' | 'directory';

export interface LimitExcess {
  limit: LimitName;
  used: number;
  allowed: number;
  excess: number;
}

export function limitExcesses(usage: WorkshopUsage, limits: PlanLimits): LimitExcess[] {
  const found: LimitExcess[] = [];
  if (usage.members > limits.members) found.push({ limit: 'members', used: usage.members, allowed: limits.members, excess: usage.members - limits.members });
  if (usage.portfolioPhotos > limits.portfolioPhotos) {
    found.push({ limit: 'portfolioPhotos', used: usage.portfolioPhotos, allowed: limits.portfolioPhotos, excess: usage.portfolioPhotos - limits.portfolioPhotos });
  }
  if (usage.directoryListed && !limits.directory) found.push({ limit: 'directory', used: 1, allowed: 0, excess: 1 });
  return found;
}

export function excessReason(excess: LimitExcess, locale: Locale): string {
  const texts = BILLING_RULE_TEXTS[locale];
  if (excess.limit === 'directory') return texts['over.directory'];
  const key = excess.limit === 'members' ? (excess.allowed > 1 ? 'over.membersMany' : 'over.members') : excess.allowed > 1 ? 'over.portfolioPhotosMany' : 'over.portfolioPhotos';
  return fill(texts[key], { used: excess.used, allowed: excess.allowed, excess: excess.excess });
}

/** One sentence for all the excesses ("Cette formule ne convient pas encore : … ; …."), or null when none. */
export function excessMessage(excesses: readonly LimitExcess[], locale: Locale): string | null {
  if (excesses.length === 0) return null;
  return fill(BILLING_RULE_TEXTS[locale]['over.join'], { reasons: excesses.map((e) => excessReason(e, locale)).join(' ; ') });
}

/** The limits a workshop has now: its plan's, or the free plan's once suspended or cancelled. */
export function limitsInForce(status: SubscriptionStatus, planId: string, plans: readonly Plan[]): PlanLimits {
  const free = plans.find((p) => p.id === FREE_PLAN_ID)?.limits ?? { members: 1, portfolioPhotos: 0, monthlyCredits: 0, directory: false };
  if (status === 'suspended' || status === 'cancelled') return free;
  return plans.find((p) => p.id === planId)?.limits ?? free;
}

/** Whether the paid cloud services (messages, the directory listing) run for this status. */
export function paidServicesRun(status: SubscriptionStatus): boolean {
  return status !== 'suspended';
}
