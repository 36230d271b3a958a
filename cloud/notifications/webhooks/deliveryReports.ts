/**
 * Delivery reports (DESIGN "Messages to clients"): a provider says a message it accepted was
 * delivered, is on its way, or failed. The report names only the provider's id, so the message is
 * found across workshops (a `system` transaction, index `messages_provider_id`, this provider's
 * channel only), then written in ITS workshop's transaction through the server-write helper, so
 * the workshop's devices receive the status by sync:
 *
 * - monotonic (`statusMayAdvance`): a late `sent` never undoes `delivered`, a `failed` never
 *   undoes `delivered`, a repeat changes nothing — decided under the workshop's write lock, so
 *   ten copies of one report at once make one change;
 * - a failure gives the message's credits back, once (`refundCredits`: unique per message);
 * - a report whose number is not the message's, or an id two messages share, touches nothing.
 *
 * An id no message has is answered like any other (the provider must not retry forever) and
 * logged without personal data. A final report can arrive a moment before the dispatcher's
 * record of the send commits (`sent` with the provider's id): such a report is looked for again
 * after a few seconds (in this process only; a restart forgets it).
 */
import type { Logger } from 'pino';
import type { CloudDb } from '../../db/client.js';
import type { ServerWriter } from '../../sync/serverWrite.js';
import { refundCredits } from '../credits.js';
import { statusMayAdvance, type MessageChannel } from '../../../shared/messaging/messageOptions.js';
import { messageStatusSchema } from '../../../shared/messaging/messageRows.js';
import type { DeliveryReport } from '../../providers/report.js';
import { messagesByProviderId, type ReportedMessage } from './reportsSql.js';
import type { ReadReport } from './readReports.js';

export type ReportOutcome = 'updated' | 'unchanged' | 'unknown';

export interface DeliveryReportsDeps {
  db: Pick<CloudDb, 'system' | 'withWorkshop'>;
  serverWrites: ServerWriter;
  logger: Logger;
  now(): Date;
}

export interface DeliveryReportsOptions {
  /** When a final report names no known message yet, look again after these delays (ms). */
  lateMatchDelaysMs?: readonly number[];
  /** Reports waiting for a second look at most (beyond, they are dropped with a log line). */
  maxWaiting?: number;
}

const CHANNEL: Record<DeliveryReport['provider'], MessageChannel> = { africastalking: 'sms', twilio: 'whatsapp' };

const digits = (phone: string) => phone.replace(/\D/g, '');

export class DeliveryReports {
  private readonly waiting = new Set<NodeJS.Timeout>();
  private readonly delays: readonly number[];
  private readonly maxWaiting: number;

  constructor(
    private readonly deps: DeliveryReportsDeps,
    options: DeliveryReportsOptions = {},
  ) {
    this.delays = options.lateMatchDelaysMs ?? [2_000, 10_000, 30_000];
    this.maxWaiting = options.maxWaiting ?? 1_000;
  }

  /** Applies one report; says whether it changed the message, changed nothing, or named no message. */
  record(read: ReadReport): Promise<ReportOutcome> {
    return this.apply(read, 0);
  }

  /** How many reports wait for a second look (tests, metrics). */
  get waitingCount(): number {
    return this.waiting.size;
  }

  /** Forgets the reports waiting for a second look (server shutdown). */
  stop(): void {
    for (const timer of this.waiting) clearTimeout(timer);
    this.waiting.clear();
  }

  private async apply(read: ReadReport, attempt: number): Promise<ReportOutcome> {
    const { report } = read;
    const found = await this.deps.db.system((tx) => messagesByProviderId(tx, CHANNEL[report.provider], report.providerId));
    const where = { provider: report.provider, providerId: report.providerId, state: report.state, providerStatus: report.providerStatus, attempt };
    if (found.length !== 1) {
      if (found.length === 0 && this.lookAgainLater(read, attempt)) return 'unknown';
      this.deps.logger.info({ ...where, matches: found.length }, found.length === 0 ? 'delivery report for no known message: ignored' : 'delivery report id shared by several messages: ignored');
      return 'unknown';
    }
    const message = found[0]!;
    if (report.phoneNumber && message.to && digits(report.phoneNumber) !== digits(message.to)) {
      this.deps.logger.warn(where, 'delivery report for another number than its message: ignored');
      return 'unknown';
    }
    return this.applyTo(message, read);
  }

  /** The status, its time and the reason written under the workshop's lock; a failure refunded once. */
  private applyTo(message: ReportedMessage, { report, failureReason }: ReadReport): Promise<ReportOutcome> {
    const { workshopId, messageId } = message;
    return this.deps.db.withWorkshop(workshopId, (tx) =>
      this.deps.serverWrites.inWorkshop(tx, workshopId, async (writes) => {
        const stored = await writes.read('messages', messageId);
        if (!stored || stored.fields.providerId !== report.providerId) return 'unchanged';
        const current = messageStatusSchema.safeParse(stored.fields.status);
        if (!current.success || !statusMayAdvance(current.data, report.state)) return 'unchanged';
        const at = this.deps.now().toISOString();
        const fields: Record<string, unknown> = { status: report.state };
        if (report.state !== 'failed' && !stored.fields.sentAt) fields.sentAt = at;
        if (report.state === 'delivered') fields.deliveredAt = at;
        if (report.state === 'failed') fields.failureReason = failureReason;
        await writes.write('messages', messageId, fields);
        if (report.state === 'failed') await refundCredits(tx, workshopId, messageId);
        return 'updated';
      }),
    );
  }

  /** Schedules another look for a final report; false when none is left or too many wait. */
  private lookAgainLater(read: ReadReport, attempt: number): boolean {
    const delay = this.delays[attempt];
    if (read.report.state === 'sent' || delay === undefined || this.waiting.size >= this.maxWaiting) return false;
    const timer = setTimeout(() => {
      this.waiting.delete(timer);
      this.apply(read, attempt + 1).catch((error: unknown) =>
        this.deps.logger.warn({ provider: read.report.provider, code: (error as { code?: unknown } | null)?.code }, 'late delivery report could not be applied'),
      );
    }, delay);
    timer.unref();
    this.waiting.add(timer);
    return true;
  }
}
