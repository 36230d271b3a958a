/**
 * The messages area's service: the credits a member sees, and the hand-over of new messages to
 * the dispatcher (after a push commits, and for the morning's reminders).
 */
import type { Logger } from 'pino';
import type { CloudDb } from '../db/client.js';
import type { Caller } from '../http/route.js';
import type { Jobs } from '../jobs/jobs.js';
import { creditBalance, creditEntries } from './credits.js';
import { enqueueMessageSends, type MessageSendJob } from './dispatchQueue.js';
import type { CreditsResponse } from './schemas.js';

export const CREDIT_ENTRIES_SHOWN = 50;

export class MessagesService {
  constructor(
    private readonly deps: { db: CloudDb; logger: Logger },
    private readonly jobs: Jobs,
  ) {}

  /** The workshop's balance and its latest ledger entries, on one snapshot. */
  credits(caller: Caller): Promise<CreditsResponse> {
    return this.deps.db.readWorkshop(caller.workshopId, async (tx) => ({
      balance: await creditBalance(tx, caller.workshopId),
      entries: await creditEntries(tx, caller.workshopId, CREDIT_ENTRIES_SHOWN),
    }));
  }

  /**
   * One send job per message (id = the message's id). Throws when the queue cannot take them;
   * a server whose jobs do not run (a test server) enqueues nothing: a running instance's sweep
   * sends those messages within a minute or two.
   */
  async enqueue(items: readonly MessageSendJob[]): Promise<void> {
    if (items.length === 0 || !this.jobs.started) return;
    await enqueueMessageSends(this.jobs.queue, items);
  }

  /**
   * After a push committed: its new `queued` messages become jobs. Never throws (the device's
   * sync must not fail for it): a lost enqueue is the sweep's to catch.
   */
  async queued(workshopId: string, messageIds: readonly string[]): Promise<void> {
    try {
      await this.enqueue(messageIds.map((messageId) => ({ workshopId, messageId })));
    } catch (error) {
      this.deps.logger.warn({ area: 'messages', workshopId, count: messageIds.length, err: error }, 'new messages not enqueued: the sweep will send them');
    }
  }
}
