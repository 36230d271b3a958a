/**
 * The cloud's job queue: pg-boss 10 in its own `pgboss` schema, on the cloud's database.
 *
 * Why pg-boss rather than our own `FOR UPDATE SKIP LOCKED` table: it already has what such a
 * table grows into — claiming with SKIP LOCKED, retries with exponential backoff and jitter,
 * run time limits, jobs of a dead process expired into a retry by its maintenance (one instance
 * at a time), a dead-letter queue that keeps the error, archiving — and it runs unchanged over
 * PGlite through `db.executeSql`. Measured with bench/queue.bench.ts (2 shared cores, load 11–13,
 * Postgres 15): enqueue → start p50 8–14 ms / p95 22–57 ms when the running instance enqueued it,
 * p50 ≈ half the polling interval from another instance; two instances drained 5,000 no-op jobs
 * at 400–630 jobs/s, each job run once; PGlite 200–300 jobs/s, p50 7 ms. Nothing there called for
 * our own table. What we do not take from it: its `work()` loop, measured at 2 jobs/s per worker
 * (see worker.ts), and its cron (node-cron instead, schedules.ts).
 *
 * Connections. On Postgres, pg-boss opens its own small pg pool from `db.url`: some of its SQL is
 * several statements `BEGIN; …; COMMIT;` in one string, and when such a string fails over the
 * shared postgres.js pool the connection goes back to the pool inside an aborted transaction
 * (checked: the next query on it answers "current transaction is aborted"), whereas pg's pool
 * drops a connection whose query failed. A separate pool also keeps polling and maintenance from
 * queueing behind sync requests for a connection. On PGlite (one connection, in this process)
 * pg-boss goes through `CloudDb.executeSql`, which runs a parameterless text with `exec` inside
 * a PGlite transaction (client.ts). A job handler must not enqueue from inside an open
 * `db.system`/`withWorkshop` transaction on PGlite: the enqueue would wait for that transaction.
 *
 * Delivery is at least once: a job whose run outlives `expireInSeconds` (or whose process died)
 * is retried, so handlers must be safe to run again.
 */
import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { CloudDb } from '../db/client.js';
import { QueueWorker, type JobHandler } from './worker.js';

export type { JobContext, JobHandler } from './worker.js';

export const JOBS_SCHEMA = 'pgboss';

export interface DefineOptions {
  /** Retries after the first run before the job is dead-lettered (default 3). */
  retryLimit?: number;
  /** Seconds before a retry (default 30); doubled at each retry, with jitter, when backing off. */
  retryDelay?: number;
  /** Exponential backoff between retries (default true). */
  retryBackoff?: boolean;
  /** A run longer than this fails; a run of a killed process is retried once this has passed (default 900). */
  expireInSeconds?: number;
  /** Jobs of this name run at once in this instance (default 1). */
  concurrency?: number;
  /**
   * The jobs that end in the same turn of the event loop with the same output (what the handler
   * returns) are completed in ONE statement: a busy queue's completions cost one round trip per
   * batch instead of one per job (default false). Worth it when outputs repeat.
   */
  batchCompletions?: boolean;
}

export interface EnqueueOptions {
  /** A given id: enqueuing the same id again while the job is kept does nothing (returns null). */
  id?: string;
  /** With `singletonSeconds`: at most one job per key in each such time slot. */
  singletonKey?: string;
  singletonSeconds?: number;
  /** Not before this instant (a Date) or this many seconds from now. */
  startAfter?: Date | number;
}

export type JobStateName = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/** A job as kept by the queue (for tests and the admin portal). */
export interface JobState {
  id: string;
  name: string;
  state: JobStateName;
  data: unknown;
  retryCount: number;
  retryLimit: number;
  createdOn: Date;
  startAfter: Date;
  startedOn: Date | null;
  completedOn: Date | null;
  /** The last error's message, when the job failed (for good or before a retry). */
  error: string | null;
  output: unknown;
}

export interface QueueOptions {
  db: CloudDb;
  logger: Logger;
  /** How often an idle queue looks for jobs enqueued by other instances (default 2000 ms). */
  pollIntervalMs?: number;
  /** How often pg-boss expires, archives and drops jobs (one instance does it per interval; default 60 s). */
  maintenanceIntervalSeconds?: number;
  /** Size of pg-boss's own pool on Postgres (default 4). */
  poolSize?: number;
  /** False: create the queues and accept jobs, but run none in this instance. */
  work?: boolean;
}

interface Definition {
  handler: JobHandler<never>;
  options: Required<DefineOptions>;
}

const DEFAULTS: Required<DefineOptions> = { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 900, concurrency: 1, batchCompletions: false };

/** The queue that keeps a queue's jobs that failed for good, with their error. */
export function deadLetterQueue(name: string): string {
  return `${name}__dead`;
}

function connection(db: CloudDb, poolSize: number): PgBoss.DatabaseOptions {
  if (db.url) return { connectionString: db.url, max: poolSize, application_name: 'styliste-jobs' };
  return { db: { executeSql: (text, values) => db.executeSql(text, values ?? []) } };
}

export class JobQueue {
  private readonly boss: PgBoss;
  private readonly definitions = new Map<string, Definition>();
  private readonly workers = new Map<string, QueueWorker>();
  private readonly logger: Logger;
  private readonly pollIntervalMs: number;
  private readonly work: boolean;
  private started = false;
  private readonly db: CloudDb;

  constructor(options: QueueOptions) {
    this.db = options.db;
    this.logger = options.logger.child({ area: 'jobs' });
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
    this.work = options.work ?? true;
    this.boss = new PgBoss({
      ...connection(options.db, options.poolSize ?? 4),
      schema: JOBS_SCHEMA,
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
      schedule: false, // schedules are node-cron's (schedules.ts)
    });
    this.boss.on('error', (error) => this.logger.error({ err: error }, 'job queue error'));
  }

  /** Declares a kind of job and who runs it; before `start`. */
  define<T>(name: string, handler: JobHandler<T>, options: DefineOptions = {}): void {
    if (this.started) throw new Error(`define(${name}) after the job queue started`);
    if (this.definitions.has(name)) throw new Error(`job ${name} is defined twice`);
    this.definitions.set(name, { handler: handler as JobHandler<never>, options: { ...DEFAULTS, ...options } });
  }

  /** Installs or migrates pg-boss's schema, creates the defined queues and starts running jobs. */
  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    await this.oneAtATime(async () => {
      for (const [name, { options }] of this.definitions) {
        const settings = {
          name,
          retryLimit: options.retryLimit,
          retryDelay: options.retryDelay,
          retryBackoff: options.retryBackoff,
          expireInSeconds: options.expireInSeconds,
          deadLetter: deadLetterQueue(name),
        };
        const dead = deadLetterQueue(name);
        if (!(await this.boss.getQueue(dead))) await this.boss.createQueue(dead, { name: dead });
        if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, settings);
        else await this.boss.updateQueue(name, settings); // the code's settings win over older ones
      }
    });
    this.started = true;
    if (!this.work) return;
    for (const [name, { handler, options }] of this.definitions) {
      const worker = new QueueWorker(this.boss, { name, handler, concurrency: options.concurrency, batchCompletions: options.batchCompletions, pollIntervalMs: this.pollIntervalMs }, this.logger);
      this.workers.set(name, worker);
      worker.start();
    }
  }

  /**
   * Runs `work` while no other instance runs it. Creating a queue is DDL on pg-boss's partitioned
   * job table: two instances creating the same queues at once were measured to deadlock. On
   * Postgres the lock is held by a transaction of the cloud's own pool while pg-boss's pool does
   * the work; on PGlite there is one instance per data folder (and such a transaction would hold
   * the one connection pg-boss needs), so no lock.
   */
  private async oneAtATime(work: () => Promise<void>): Promise<void> {
    if (!this.db.url) return work();
    await this.db.system(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('styliste:jobs:queues'))`);
      await work();
    });
  }

  /** Stops claiming jobs, waits up to `timeoutMs` for running ones (the rest retry later), closes. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await Promise.all([...this.workers.values()].map((worker) => worker.stop(timeoutMs)));
    this.workers.clear();
    await this.boss.stop({ graceful: false, close: true });
  }

  /** Adds a job; its id, or null when a job with this id (or singleton slot) is already kept. */
  async enqueue(name: string, data: object = {}, options: EnqueueOptions = {}): Promise<string | null> {
    if (!this.started) throw new Error(`enqueue(${name}) before the job queue started`);
    // pg-boss silently drops a job for a queue that does not exist: refuse it loudly instead.
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    const send: PgBoss.SendOptions = {};
    if (options.id) send.id = options.id;
    if (options.singletonKey) send.singletonKey = options.singletonKey;
    if (options.singletonSeconds) send.singletonSeconds = options.singletonSeconds;
    if (options.startAfter !== undefined) send.startAfter = options.startAfter;
    const id = await this.boss.send(name, data, send);
    const startsNow = options.startAfter === undefined || (typeof options.startAfter === 'number' && options.startAfter <= 0);
    if (id && startsNow) this.workers.get(name)?.wake();
    return id;
  }

  /**
   * Adds many jobs of one name in one statement (each with its data), to start now. With `ids`
   * (one per item), a job whose id is already kept is left as it is, like `enqueue` with an id.
   */
  async enqueueMany(name: string, items: object[], options: { ids?: string[] } = {}): Promise<void> {
    if (!this.started) throw new Error(`enqueueMany(${name}) before the job queue started`);
    if (!this.definitions.has(name)) throw new Error(`unknown job ${name}`);
    if (items.length === 0) return;
    const ids = options.ids;
    if (ids && ids.length !== items.length) throw new Error(`enqueueMany(${name}): ${ids.length} ids for ${items.length} jobs`);
    await this.boss.insert(items.map((data, i) => ({ name, data, ...(ids ? { id: ids[i]! } : {}) })));
    this.workers.get(name)?.wake();
  }

  /** A job's state, also once archived; null when unknown. */
  async job(name: string, id: string): Promise<JobState | null> {
    const row = await this.boss.getJobById<unknown>(name, id, { includeArchive: true });
    return row ? toJobState(row) : null;
  }

  /** The jobs of `name` that failed for good, newest first, each with its data and error. */
  async deadLetters(name: string, limit = 100): Promise<JobState[]> {
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT id FROM ${JOBS_SCHEMA}.job WHERE name = $1 ORDER BY created_on DESC LIMIT $2`,
      [deadLetterQueue(name), limit],
    );
    const states = await Promise.all(rows.map((row: { id: string }) => this.job(deadLetterQueue(name), row.id)));
    return states.filter((state): state is JobState => state !== null);
  }

  /** Jobs of this name running in this instance now. */
  running(name: string): number {
    return this.workers.get(name)?.active ?? 0;
  }
}

function toJobState(row: PgBoss.JobWithMetadata<unknown>): JobState {
  const output = (row.output ?? null) as { message?: unknown } | null;
  const failed = row.state === 'failed' || row.state === 'retry' || row.name.endsWith('__dead');
  return {
    id: row.id,
    name: row.name,
    state: row.state,
    data: row.data,
    retryCount: row.retryCount,
    retryLimit: row.retryLimit,
    createdOn: new Date(row.createdOn),
    startAfter: new Date(row.startAfter),
    startedOn: row.startedOn ? new Date(row.startedOn) : null,
    completedOn: row.completedOn ? new Date(row.completedOn) : null,
    error: failed && output && typeof output.message === 'string' ? output.message : null,
    output,
  };
}
