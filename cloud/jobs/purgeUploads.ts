/**
 * The first job: every night, forget the uploads started more than a day ago and never finished
 * (their rows and part files, `Uploads.purgeStale`). The schedule is read in Bénin's time zone,
 * so it runs at night for the workshops, when nobody uploads.
 */
import type { Jobs } from './jobs.js';

export const PURGE_UPLOADS_JOB = 'purge-stale-uploads';
export const PURGE_UPLOADS_SCHEDULE = 'nightly-purge-stale-uploads';

export interface PurgeUploadsOptions {
  /** Default 03:30 every day. */
  cron?: string;
  /** Default 'Africa/Porto-Novo'. */
  timezone?: string;
  /** An unfinished upload older than this is stale (default 24 hours). */
  maxAgeMs?: number;
}

export interface PurgeUploadsResult {
  purged: number;
  before: string;
}

/** Defines the purge job and its nightly schedule; `purgeStale` is `uploads.purgeStale` bound to its service. */
export function registerPurgeUploads(jobs: Jobs, purgeStale: (before: Date) => Promise<number>, options: PurgeUploadsOptions = {}): void {
  const maxAgeMs = options.maxAgeMs ?? 24 * 60 * 60 * 1000;
  jobs.queue.define(
    PURGE_UPLOADS_JOB,
    async (): Promise<PurgeUploadsResult> => {
      const before = new Date(jobs.now().getTime() - maxAgeMs);
      const purged = await purgeStale(before);
      jobs.logger.info({ purged, before: before.toISOString() }, 'stale uploads purged');
      return { purged, before: before.toISOString() };
    },
    { retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 },
  );
  jobs.schedules.add(PURGE_UPLOADS_SCHEDULE, options.cron ?? '30 3 * * *', PURGE_UPLOADS_JOB, {
    timezone: options.timezone ?? 'Africa/Porto-Novo',
  });
}
