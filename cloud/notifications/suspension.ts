/**
 * Whether a workshop may not send messages because it is suspended (DESIGN: "never for a
 * suspended workshop"): its subscription's status, read with the send's context in one statement
 * (dispatchSql.ts `readSendContext`), by the billing rule `paidServicesRun`. A workshop whose row
 * is gone cannot send either. A workshop without a subscription row (made before billing, and
 * not yet swept) is not suspended.
 */
import type { SendContext } from './dispatchSql.js';
import { paidServicesRun } from '../../shared/billing/limits.js';
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from '../../shared/billing/plans.js';

export function workshopSuspended(workshop: SendContext['workshop']): boolean {
  if (workshop === null) return true;
  const status = workshop.subscriptionStatus;
  if (status === null || !(SUBSCRIPTION_STATUSES as readonly string[]).includes(status)) return false;
  return !paidServicesRun(status as SubscriptionStatus);
}
