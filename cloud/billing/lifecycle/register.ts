/**
 * The lifecycle sweep as a job (sweep.ts): every 15 minutes (node-cron, UTC) each instance
 * enqueues the tick's job with the same id, so one of them runs it; a run that overlaps another
 * (a slow tick, a retry) shares the rows with it (FOR UPDATE SKIP LOCKED) and writes nothing twice.
 * Boundaries are local midnights, so a transition happens within 15 minutes of its instant.
 */
import type { Jobs } from '../../jobs/jobs.js';
import type { CloudContext } from '../../context.js';
import type { ServerWriter } from '../../sync/serverWrite.js';
import type { Providers } from '../../providers/providers.js';
import type { Catalogue } from '../catalogue.js';
import { sweepLifecycle, type LifecycleSweepOptions, type LifecycleSweepResult } from './sweep.js';

export const LIFECYCLE_JOB = 'billing-lifecycle';
export const LIFECYCLE_SCHEDULE = 'quarter-hourly-billing-lifecycle';

export interface LifecycleDeps {
  ctx: Omit<CloudContext, 'services'>;
  writer: ServerWriter;
  providers: Providers;
  catalogue: Catalogue;
}

export interface LifecycleJobOptions extends LifecycleSweepOptions {
  /** Default every 15 minutes (UTC). */
  cron?: string;
}

export function registerBillingLifecycle(jobs: Jobs, deps: LifecycleDeps, options: LifecycleJobOptions = {}): void {
  const { cron, ...sweep } = options;
  jobs.queue.define(
    LIFECYCLE_JOB,
    async (): Promise<LifecycleSweepResult> => {
      const result = await sweepLifecycle(
        { db: deps.ctx.db, writer: deps.writer, clock: deps.ctx.clock, providers: deps.providers, catalogue: deps.catalogue, logger: jobs.logger },
        deps.ctx.now(),
        sweep,
      );
      jobs.logger.info(result, 'billing lifecycle swept');
      return result;
    },
    { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 },
  );
  jobs.schedules.add(LIFECYCLE_SCHEDULE, cron ?? '*/15 * * * *', LIFECYCLE_JOB, { timezone: 'UTC' });
}
