/**
 * Africa's Talking's delivery reports: a form post with `id`, `status`, `phoneNumber`,
 * `networkCode`, `failureReason` and `retryCount` to the URL set in its dashboard
 * (POST /api/webhooks/africastalking?token=…). Final statuses are Success, Failed, Rejected,
 * AbsentSubscriber and Expired; Sent, Submitted and Buffered mean it is still on its way.
 */
import { z } from 'zod';
import { failed, type Failed } from '../outcome.js';
import type { DeliveryReport } from '../report.js';

const formSchema = z.object({
  id: z.string().trim().min(1).max(200),
  status: z.string().trim().min(1).max(50),
  phoneNumber: z.string().trim().max(30).optional(),
  networkCode: z.string().trim().max(20).optional(),
  failureReason: z.string().trim().max(100).optional(),
  retryCount: z.string().trim().regex(/^\d{1,4}$/).optional(),
});

const DELIVERED = new Set(['Success']);
const FAILED = new Set(['Failed', 'Rejected', 'AbsentSubscriber', 'Expired']);

/** Why a message failed, from `failureReason` (or the status itself when it says enough). */
function reportFailure(status: string, reason: string | undefined): Failed {
  const detail = reason ?? status;
  // Africa's Talking documents `UserInBlackList` and `NotNetworkSubcriber` (sic): matched without case.
  switch (reason?.toLowerCase()) {
    case 'userinblacklist':
    case 'donotdisturbrejection':
      return failed('blacklisted', true, detail);
    case 'userdoesnotexist':
    case 'notnetworksubscriber':
    case 'notnetworksubcriber':
      return failed('invalid_number', true, detail);
    case 'userisinactive':
    case 'useraccountsuspended':
      return failed('undelivered', true, detail);
    default:
      break;
  }
  if (status === 'AbsentSubscriber' || status === 'Expired') return failed('unreachable', false, detail);
  if (status === 'Rejected') return failed('rejected', true, detail);
  return failed('undelivered', false, detail);
}

/** The report, or null when the form is not one (missing id or status, absurd values). */
export function parseAfricasTalkingReport(form: unknown): DeliveryReport | null {
  const parsed = formSchema.safeParse(form);
  if (!parsed.success) return null;
  const f = parsed.data;
  const state = DELIVERED.has(f.status) ? 'delivered' : FAILED.has(f.status) ? 'failed' : 'sent';
  return {
    provider: 'africastalking',
    providerId: f.id,
    state,
    providerStatus: f.status,
    failure: state === 'failed' ? reportFailure(f.status, f.failureReason || undefined) : null,
    phoneNumber: f.phoneNumber || null,
    networkCode: f.networkCode || null,
    retryCount: f.retryCount === undefined ? null : Number(f.retryCount),
  };
}
