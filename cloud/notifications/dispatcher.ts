/**
 * The dispatcher: the job that sends one message (MESSAGE_SEND_JOB, id = the message's id).
 *
 *   1. In the workshop's transaction, under its write lock: skip unless `queued` (or `sending`,
 *      a retry); check; reserve the credits; write `sending` (preparation.ts). Commit.
 *   2. Call the provider through its port, outside any transaction (providerCall.ts).
 *   3. In a second transaction: accepted → `sent` with the provider's id; a permanent failure →
 *      `failed` with the reason and the credits back; a transient one (timeout, 5xx, lost
 *      connection, our own credentials refused) → thrown, so the queue retries with backoff, and
 *      on the last attempt `failed` with the credits back.
 *
 * Steps 1 and 3 of the sends running in this instance are gathered per turn of the event loop
 * into shared transactions (workshopBatches.ts): what is written, and when, is the same for each
 * message; only the round trips to the database are fewer.
 *
 * Delivery is AT LEAST ONCE. A process killed after the provider accepted and before step 3
 * committed leaves the message `sending`; the queue runs the job again once its time limit has
 * passed, and that run sends it again. So at most the messages in flight at the kill (up to the
 * job's concurrency per instance) can reach a client twice; none is lost. The other choice, not
 * sending a message found `sending`, would lose every message whose provider call never happened
 * or failed before the kill, and a lost "your order is ready" costs the tailor more than a second
 * copy of it. A provider's timeout is the same window: the provider may have accepted.
 *
 * A 401/403 from a provider (our credentials refused) is OUR configuration, not the message's:
 * it is retried like a transient failure, logged at error level each time and counted with code
 * `provider_credentials` (messages_dispatched_total), so an operator sees it and the queued
 * messages leave once the key is fixed; failing them at once would burn every message of a key
 * rotation. If it outlasts the retries the message fails, with its credits back.
 */
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { CloudDb } from '../db/client.js';
import type { Config } from '../config.js';
import type { ServerWriter } from '../sync/serverWrite.js';
import type { Providers } from '../providers/providers.js';
import type { Failed, SendOutcome } from '../providers/outcome.js';
import type { JobContext, JobQueue } from '../jobs/queue.js';
import { isUuid } from '../../shared/domain/ids.js';
import { text } from '../../shared/i18n/texts.js';
import { DISPATCH_DEFAULTS, type DispatchOptions } from './dispatchOptions.js';
import { enqueueMessageSends, MESSAGE_SEND_JOB, type MessageSendJob } from './dispatchQueue.js';
import { forgottenQueuedMessages, sendingMessagesBefore } from './dispatchSql.js';
import { prepareSend, type PreparedSend, type Preparation } from './preparation.js';
import { callProvider } from './providerCall.js';
import { failMessage, failStuckMessage, markSent } from './recording.js';
import { dispatchTexts, type DispatchTextKey } from './texts.js';
import { WorkshopBatches, type WorkshopWork } from './workshopBatches.js';

export interface DispatcherDeps {
  db: CloudDb;
  serverWrites: ServerWriter;
  providers: Providers;
  config: Pick<Config, 'env' | 'publicUrl' | 'providers'>;
  logger: Logger;
  now(): Date;
  metrics?: Registry;
}

export type DispatchResult =
  | { outcome: 'skipped'; status: string }
  | { outcome: 'refused'; refusal: string }
  | { outcome: 'sent'; providerId: string; resend: boolean }
  | { outcome: 'failed'; code: string; resend: boolean }
  | { outcome: 'outbox' };

/** A send worth another try: the queue retries the job with backoff. */
export class TransientSendError extends Error {
  override name = 'TransientSendError';
  constructor(readonly code: Failed['code']) {
    super(`provider failed transiently: ${code}`);
  }
}

const GAVE_UP_WHY: Partial<Record<Failed['code'], DispatchTextKey>> = {
  timeout: 'why.timeout',
  provider_unavailable: 'why.provider_unavailable',
  network: 'why.network',
  provider_credentials: 'why.provider_credentials',
  provider_balance: 'why.provider_balance',
  rate_limited: 'why.rate_limited',
};

const METRIC = 'messages_dispatched_total';

export class MessageDispatcher {
  readonly options: Required<DispatchOptions>;
  private readonly logger: Logger;
  readonly batches: WorkshopBatches;
  private readonly counter: Counter<'channel' | 'outcome' | 'code'> | null;

  constructor(
    private readonly deps: DispatcherDeps,
    options: DispatchOptions = {},
  ) {
    this.options = { ...DISPATCH_DEFAULTS, ...options };
    this.logger = deps.logger.child({ area: 'messages' });
    this.batches = new WorkshopBatches({ db: deps.db, serverWrites: deps.serverWrites, logger: this.logger });
    const existing = deps.metrics?.getSingleMetric(METRIC) as Counter<'channel' | 'outcome' | 'code'> | undefined;
    this.counter =
      existing ??
      (deps.metrics
        ? new Counter({ name: METRIC, help: 'Messages handled by the dispatcher, by channel, outcome and failure code', labelNames: ['channel', 'outcome', 'code'], registers: [deps.metrics] })
        : null);
  }

  /** The job's handler: one attempt at sending one message. */
  async send(job: MessageSendJob, context: Pick<JobContext, 'retryCount'> & { signal?: AbortSignal }): Promise<DispatchResult> {
    const { workshopId, messageId } = job ?? ({} as MessageSendJob);
    if (!isUuid(workshopId) || !isUuid(messageId)) return { outcome: 'skipped', status: 'invalid_job' };
    const prepared = await this.inWorkshop(workshopId, (tx, writes) => prepareSend(tx, writes, this.deps, workshopId, messageId));
    if (prepared.kind !== 'send') return this.notSent(prepared);
    const send = prepared.send;
    // A run that outlived its time limit has been handed to another run: that one sends, not this.
    if (context.signal?.aborted) throw new Error('run given up before the provider was called');
    const outcome = await callProvider(this.deps.providers, this.deps.config.publicUrl, send);
    return this.settle(send, outcome, context.retryCount);
  }

  private notSent(prepared: Exclude<Preparation, { kind: 'send' }>): DispatchResult {
    if (prepared.kind === 'skip') return { outcome: 'skipped', status: prepared.status };
    this.count(prepared.channel, 'refused', prepared.refusal);
    return { outcome: 'refused', refusal: prepared.refusal };
  }

  private async settle(send: PreparedSend, outcome: SendOutcome, retryCount: number): Promise<DispatchResult> {
    const where = { workshopId: send.workshopId, messageId: send.messageId, channel: send.channel, attempt: retryCount + 1, resend: send.resend };
    if (outcome.status === 'accepted') {
      await this.inWorkshop(send.workshopId, (_tx, writes) => markSent(writes, send.messageId, outcome.providerId, this.deps.now()));
      this.count(send.channel, 'sent', '');
      if (send.resend) this.logger.warn(where, 'message sent again on a retry: the client may receive it twice');
      return { outcome: 'sent', providerId: outcome.providerId, resend: send.resend };
    }
    if (outcome.status === 'outbox') {
      await this.fail(send, text(dispatchTexts, 'fr', 'refused.outbox'));
      this.count(send.channel, 'outbox', '');
      return { outcome: 'outbox' };
    }
    if (outcome.permanent) {
      await this.fail(send, outcome.reason);
      this.count(send.channel, 'failed', outcome.code);
      this.logger.info({ ...where, code: outcome.code }, 'message refused by the provider: failed');
      return { outcome: 'failed', code: outcome.code, resend: send.resend };
    }
    const level = outcome.code === 'provider_credentials' ? 'error' : 'warn';
    if (retryCount >= this.options.retryLimit) {
      const why = text(dispatchTexts, 'fr', GAVE_UP_WHY[outcome.code] ?? 'why.other');
      await this.fail(send, text(dispatchTexts, 'fr', 'failed.gaveUp', { attempts: retryCount + 1, why }));
      this.count(send.channel, 'failed', outcome.code);
      this.logger[level]({ ...where, code: outcome.code }, 'message failed transiently on its last attempt: failed');
      return { outcome: 'failed', code: outcome.code, resend: send.resend };
    }
    this.count(send.channel, 'retry', outcome.code);
    this.logger[level]({ ...where, code: outcome.code }, outcome.code === 'provider_credentials' ? 'provider refused our credentials: check the configuration; will retry' : 'message failed transiently: will retry');
    throw new TransientSendError(outcome.code);
  }

  private fail(send: PreparedSend, reason: string): Promise<boolean> {
    return this.inWorkshop(send.workshopId, (tx, writes) => failMessage(tx, writes, send.workshopId, send.messageId, reason));
  }

  /** A write in the workshop's scope, under its lock; the writes of one turn share a transaction (workshopBatches.ts). */
  private inWorkshop<T>(workshopId: string, work: WorkshopWork<T>): Promise<T> {
    return this.batches.run(workshopId, work);
  }

  private count(channel: string, outcome: string, code: string): void {
    this.counter?.inc({ channel, outcome, code });
  }

  /**
   * Enqueues the `queued` messages older than `sweepAfterMs` (a job already kept for one is left
   * as it is): what a process killed between a push's commit and its enqueue would otherwise lose.
   * Then fails, with their credits back, the `sending` messages whose job is gone for good
   * (`interrupted`, in the output only when some were).
   */
  async sweep(queue: JobQueue, limit = 1000): Promise<{ enqueued: number; interrupted?: number }> {
    const before = new Date(this.deps.now().getTime() - this.options.sweepAfterMs);
    const forgotten = await this.deps.db.system((tx) => forgottenQueuedMessages(tx, before, limit));
    // After the transaction: on PGlite an enqueue inside it would wait for it.
    await enqueueMessageSends(queue, forgotten);
    if (forgotten.length > 0) this.logger.info({ count: forgotten.length }, 'queued messages swept into the send queue');
    const interrupted = await this.sweepInterrupted(queue, limit);
    return interrupted > 0 ? { enqueued: forgotten.length, interrupted } : { enqueued: forgotten.length };
  }

  /**
   * A message left `sending` by a job that died for good for a reason other than the provider's
   * answer (its retries or dead letter used up by errors of ours, or a killed process's run
   * expired past its retry limit) would stay `sending` for ever with its credits held. Once older
   * than the job's time limit plus a margin, with no provider id recorded, and with no job alive
   * for it (created, retrying or running: `queue.job` by its id, the message's), it is failed.
   * A recorded provider id is never failed (the provider accepted it: at least once).
   */
  private async sweepInterrupted(queue: JobQueue, limit: number): Promise<number> {
    const before = new Date(this.deps.now().getTime() - this.options.expireInSeconds * 1000 - this.options.stuckMarginMs);
    const sending = await this.deps.db.system((tx) => sendingMessagesBefore(tx, before, limit));
    const reason = text(dispatchTexts, 'fr', 'failed.interrupted');
    let failed = 0;
    for (const message of sending) {
      const job = await queue.job(MESSAGE_SEND_JOB, message.messageId);
      if (job && ALIVE.has(job.state)) continue;
      // A run given up by its time limit may still be waiting for the provider's answer: its job
      // ended (failed) while the message stays `sending`. Left alone for the margin after that
      // end, longer than any provider's timeout (the job's time is the database's clock).
      if (job?.completedOn && job.completedOn.getTime() > Date.now() - this.options.stuckMarginMs) continue;
      const done = await this.inWorkshop(message.workshopId, (tx, writes) => failStuckMessage(tx, writes, message.workshopId, message.messageId, reason));
      if (!done) continue;
      failed++;
      this.count('', 'failed', 'interrupted');
      this.logger.warn({ workshopId: message.workshopId, messageId: message.messageId, job: job?.state ?? 'gone' }, 'message left sending by a dead job: failed, credits given back');
    }
    return failed;
  }
}

/** A send job in these states may still send its message. */
const ALIVE: ReadonlySet<string> = new Set(['created', 'retry', 'active']);
