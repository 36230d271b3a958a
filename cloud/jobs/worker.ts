/**
 * The loop that runs one queue's jobs in this instance: it claims jobs with pg-boss's `fetch`
 * (one `FOR UPDATE SKIP LOCKED` statement, so two instances never claim the same job), runs up
 * to `concurrency` at once, and finishes each one on its own (`complete` or `fail`, whose retry,
 * backoff and dead-letter rules are pg-boss's).
 *
 * Why not pg-boss's own `work()`: its loop waits a whole polling interval after every batch, even
 * when more jobs are waiting (one job per 0.5 s per worker at best), and it completes or fails a
 * batch as a whole. Here a claimed slot is refilled as soon as a job ends while the queue is
 * busy, an enqueue in this instance wakes the loop at once, and the loop only polls when idle.
 */
import type PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { JobCompletions } from './completions.js';

export interface JobContext {
  id: string;
  name: string;
  /** 0 on the first run, 1 on the first retry… */
  retryCount: number;
  /** Aborted when the run exceeds its time limit or the instance stops before it ends. */
  signal: AbortSignal;
}

export type JobHandler<T = unknown> = (data: T, job: JobContext) => Promise<unknown>;

export interface WorkerOptions {
  name: string;
  handler: JobHandler<never>;
  concurrency: number;
  /** Completions with the same output batched into one statement (JobCompletions). */
  batchCompletions?: boolean;
  pollIntervalMs: number;
}

interface Running {
  job: PgBoss.JobWithMetadata<unknown>;
  controller: AbortController;
  done: Promise<void>;
}

export class QueueWorker {
  private readonly running = new Map<string, Running>();
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private pendingWake = false;
  /** The last claim took every free slot: more jobs may be waiting. */
  private saturated = false;
  private readonly completions: JobCompletions | null;

  constructor(
    private readonly boss: PgBoss,
    private readonly options: WorkerOptions,
    private readonly logger: Logger,
  ) {
    this.completions = options.batchCompletions ? new JobCompletions((ids, output) => boss.complete(options.name, ids, output)) : null;
  }

  start(): void {
    this.stopping = false;
    this.loop ??= this.run().finally(() => (this.loop = null));
  }

  /** Claims again now instead of at the next poll (a job was enqueued here, or a slot freed). */
  wake(): void {
    this.pendingWake = true;
    this.wakeUp?.();
  }

  /** How many jobs this instance is running now. */
  get active(): number {
    return this.running.size;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const free = this.options.concurrency - this.running.size;
      if (free === 0) {
        await this.sleep(this.options.pollIntervalMs); // the end of a job wakes it
        continue;
      }
      this.pendingWake = false;
      const jobs = await this.boss.fetch<unknown>(this.options.name, { batchSize: free, includeMetadata: true });
      if (this.stopping) {
        // Claimed while stopping: hand them straight back (a retry that another instance takes).
        for (const job of jobs) await this.failQuietly(job, new Error('instance stopped before the job started'));
        break;
      }
      for (const job of jobs) this.launch(job);
      this.saturated = jobs.length === free;
      if (this.saturated || this.pendingWake) continue;
      await this.sleep(this.options.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }

  private launch(job: PgBoss.JobWithMetadata<unknown>): void {
    const controller = new AbortController();
    const entry: Running = { job, controller, done: Promise.resolve() };
    entry.done = this.execute(job, controller).finally(() => {
      this.running.delete(job.id);
      if (this.saturated) this.wake();
    });
    this.running.set(job.id, entry);
  }

  private async execute(job: PgBoss.JobWithMetadata<unknown>, controller: AbortController): Promise<void> {
    const { name } = this.options;
    const limitMs = Number(job.expireInSeconds) * 1000;
    let timer: NodeJS.Timeout | undefined;
    const overtime = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`job ran longer than ${limitMs / 1000} s`);
        controller.abort(error);
        reject(error);
      }, limitMs);
    });
    try {
      const context: JobContext = { id: job.id, name, retryCount: job.retryCount, signal: controller.signal };
      const result = await Promise.race([this.options.handler(job.data as never, context), overtime]);
      if (controller.signal.aborted) return; // handed back by stop(): another run owns the job now
      const output = isObject(result) ? result : undefined;
      if (this.completions) await this.completions.complete(job.id, output);
      else await this.boss.complete(name, job.id, output);
    } catch (error) {
      if (controller.signal.aborted && this.stopping) return; // stop() already handed it back
      const final = job.retryCount >= job.retryLimit;
      if (final) this.logger.error({ queue: name, jobId: job.id, retryCount: job.retryCount, err: error }, 'job failed for good: dead-lettered');
      else this.logger.warn({ queue: name, jobId: job.id, retryCount: job.retryCount, err: error }, 'job failed: will retry');
      await this.failQuietly(job, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private async failQuietly(job: PgBoss.JobWithMetadata<unknown>, error: unknown): Promise<void> {
    try {
      const reason = error instanceof Error ? error : new Error(String(error));
      await this.boss.fail(this.options.name, job.id, reason as unknown as object);
    } catch (failure) {
      // The database is unreachable: the job stays active and expires into a retry.
      this.logger.error({ queue: this.options.name, jobId: job.id, err: failure }, 'could not record a job failure');
    }
  }

  /**
   * Stops claiming, waits up to `timeoutMs` for the running jobs, then hands back those still
   * running (failed with a reason, so they retry here or in another instance).
   */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    const pending = [...this.running.values()];
    if (pending.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([Promise.allSettled(pending.map((entry) => entry.done)), waited]);
    clearTimeout(timer);
    if (outcome !== 'timeout') return;
    for (const entry of this.running.values()) {
      const reason = new Error('instance stopped while the job was running');
      entry.controller.abort(reason);
      await this.failQuietly(entry.job, reason);
    }
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
