/**
 * The owner's subscription notices (trial or period ending, past due, suspended, a change that
 * waits): platform messages, sent to the workshop's owner (the owner member's account: its phone
 * by SMS, its e-mail if the SMS fails), in French, never charged to the workshop's credits.
 *
 * Once per key: the sweep records a notice in `billing_notices` (ON CONFLICT DO NOTHING) in the
 * transaction that decides it, and only the rows that insert made are sent, after the commit;
 * how each went (the channel, or the reason none took it) is written back. A process that dies
 * between the commit and the send leaves the row without channel nor reason: 15 minutes later the
 * next sweep takes it (marked `interrupted` in the same statement) and sends it again, once — so
 * a notice goes at most twice (twice only if the process died after the provider took it and
 * before its outcome was written).
 */
import type { Logger } from 'pino';
import type { Providers } from '../providers/providers.js';
import type { SendOutcome } from '../providers/outcome.js';
import { text, type Locale, type TextParams } from '../../shared/i18n/texts.js';
import type { NoticeKind } from '../../shared/billing/lifecycle.js';
import { noticeTexts } from './noticesTexts.js';
import type { OwnerContact } from './lifecycle/sweepSql.js';

export interface PlannedNotice {
  workshopId: string;
  key: string;
  kind: NoticeKind;
  /** The text's values but the workshop's name (dates already in the workshop's zone). */
  params: TextParams;
}

export interface NoticeOutcome {
  workshopId: string;
  key: string;
  channel: 'sms' | 'email' | 'outbox' | null;
  failureReason: string | null;
}

export function noticeText(notice: PlannedNotice, workshopName: string, locale: Locale = 'fr'): { sms: string; subject: string; body: string } {
  const params = { ...notice.params, workshop: workshopName };
  const sms = text(noticeTexts, locale, `${notice.kind}.sms`, params);
  return { sms, subject: text(noticeTexts, locale, `${notice.kind}.subject`, params), body: `${sms}\n\n${text(noticeTexts, locale, 'email.footer')}` };
}

const channelOf = (outcome: SendOutcome, channel: 'sms' | 'email'): NoticeOutcome['channel'] => (outcome.status === 'outbox' ? 'outbox' : channel);

/** Sends one notice to its owner; never throws (a provider's error is the notice's failure). */
export async function sendNotice(providers: Providers, notice: PlannedNotice, owner: OwnerContact | undefined, logger: Logger): Promise<NoticeOutcome> {
  const base = { workshopId: notice.workshopId, key: notice.key };
  if (!owner || (!owner.phone && !owner.email)) return { ...base, channel: null, failureReason: 'no_owner_contact' };
  const message = noticeText(notice, owner.workshopName);
  const reference = `billing:${notice.key}`;
  let reason: string | null = null;
  try {
    if (owner.phone) {
      const sent = await providers.sms.send({ to: owner.phone, text: message.sms, reference });
      if (sent.status !== 'failed') return { ...base, channel: channelOf(sent, 'sms'), failureReason: null };
      reason = sent.reason;
    }
    if (owner.email) {
      const sent = await providers.email.send({ to: owner.email, subject: message.subject, text: message.body, reference });
      if (sent.status !== 'failed') return { ...base, channel: channelOf(sent, 'email'), failureReason: null };
      reason = sent.reason;
    }
  } catch (error) {
    logger.warn({ workshopId: notice.workshopId, kind: notice.kind, err: error }, 'billing notice: provider error');
    reason = error instanceof Error ? error.message.slice(0, 200) : 'provider_error';
  }
  return { ...base, channel: null, failureReason: reason ?? 'unsent' };
}

/** Sends the notices, at most `concurrency` at once; their outcomes in the same order. */
export async function sendNotices(
  providers: Providers,
  notices: readonly PlannedNotice[],
  owners: Map<string, OwnerContact>,
  logger: Logger,
  concurrency = 8,
): Promise<NoticeOutcome[]> {
  const outcomes: NoticeOutcome[] = new Array(notices.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, notices.length) }, async () => {
      while (next < notices.length) {
        const index = next++;
        const notice = notices[index]!;
        outcomes[index] = await sendNotice(providers, notice, owners.get(notice.workshopId), logger);
      }
    }),
  );
  return outcomes;
}
