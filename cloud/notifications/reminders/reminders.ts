/**
 * The scheduled reminders as a job: every hour (node-cron, UTC) each instance enqueues the tick's
 * job with the same id, so one of them runs the sweep (sweep.ts), which writes what each
 * workshop's morning calls for. A workshop's zone decides when its reminders go: the first tick
 * after 08:00 in Cotonou, in Abidjan or in Tokyo, and later ticks until 20:00 for what became due
 * meanwhile (a fitting set this afternoon for tomorrow).
 */
import type { CloudDb } from '../../db/client.js';
import type { Jobs } from '../../jobs/jobs.js';
import type { ServerWriter } from '../../sync/serverWrite.js';
import type { MessageSendJob } from '../dispatchQueue.js';
import { sweepReminders, type SweepOptions, type SweepResult } from './sweep.js';

export const REMINDERS_JOB = 'message-reminders';
export const REMINDERS_SCHEDULE = 'hourly-message-reminders';

export interface RemindersDeps {
  db: CloudDb;
  writer: ServerWriter;
  publicUrl: string;
  /** Hands new reminders to the dispatcher (dispatchQueue.ts `enqueueMessageSends`, through `MessagesService.enqueue`). */
  enqueue(items: MessageSendJob[]): Promise<void>;
}

export interface RemindersOptions extends SweepOptions {
  /** Default every hour on the hour (UTC). */
  cron?: string;
}

/** Defines the sweep's job and its hourly schedule. */
export function registerReminders(jobs: Jobs, deps: RemindersDeps, options: RemindersOptions = {}): void {
  const { cron, ...sweep } = options;
  jobs.queue.define(
    REMINDERS_JOB,
    async (): Promise<SweepResult> => {
      const result = await sweepReminders({ ...deps, logger: jobs.logger }, jobs.now(), sweep);
      jobs.logger.info({ ...result, written: undefined, fittings: result.written.fitting_reminder, balances: result.written.balance_due }, 'reminders swept');
      return result;
    },
    { retryLimit: 2, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 },
  );
  jobs.schedules.add(REMINDERS_SCHEDULE, cron ?? '0 * * * *', REMINDERS_JOB, { timezone: 'UTC' });
}
