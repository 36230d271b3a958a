/**
 * The cloud's jobs, built once per server by the composition root: the queue (queue.ts) and the
 * schedules that feed it (schedules.ts). Define every job and add every schedule, then `start`;
 * `stop` before the database closes.
 */
import type { Logger } from 'pino';
import type { CloudDb } from '../db/client.js';
import { JobQueue, type QueueOptions } from './queue.js';
import { Schedules } from './schedules.js';

export interface JobsOptions extends Omit<QueueOptions, 'logger'> {
  db: CloudDb;
  logger: Logger;
  /** The current instant, for jobs that reason about time (injectable in tests). */
  now?: () => Date;
}

export interface Jobs {
  queue: JobQueue;
  schedules: Schedules;
  logger: Logger;
  now(): Date;
  /** Whether `start` has run (and `stop` not since): jobs may be enqueued. Test servers leave it false. */
  readonly started: boolean;
  start(): Promise<void>;
  /** Stops the schedules, then the queue (waiting up to `timeoutMs` for running jobs). */
  stop(timeoutMs?: number): Promise<void>;
}

export function createJobs(options: JobsOptions): Jobs {
  const logger = options.logger.child({ area: 'jobs' });
  const queue = new JobQueue({ ...options, logger: options.logger });
  const schedules = new Schedules(queue, logger);
  let started = false;
  return {
    queue,
    schedules,
    logger,
    now: options.now ?? (() => new Date()),
    get started() {
      return started;
    },
    async start() {
      await queue.start();
      schedules.start();
      started = true;
    },
    async stop(timeoutMs) {
      started = false;
      await schedules.stop();
      await queue.stop(timeoutMs);
    },
  };
}
