/**
 * The dispatcher's jobs, defined by the composition root: the send (one job per message, id =
 * the message's id) and the sweep that enqueues, every minute, the queued messages whose enqueue
 * was lost. The sweep's ticks are enqueued with the same id by every instance (schedules.ts), so
 * each tick runs once across instances.
 */
import type { Jobs } from '../jobs/jobs.js';
import { MESSAGE_SEND_JOB, type MessageSendJob } from './dispatchQueue.js';
import type { DispatchResult, MessageDispatcher } from './dispatcher.js';

export const MESSAGE_SWEEP_JOB = 'messages-sweep';
export const MESSAGE_SWEEP_SCHEDULE = 'messages-sweep-every-minute';

export function registerMessageDispatch(jobs: Jobs, dispatcher: MessageDispatcher): void {
  const o = dispatcher.options;
  jobs.queue.define<MessageSendJob>(MESSAGE_SEND_JOB, async (data, job) => jobOutput(await dispatcher.send(data, job)), {
    retryLimit: o.retryLimit,
    retryDelay: o.retryDelaySeconds,
    retryBackoff: o.retryBackoff,
    expireInSeconds: o.expireInSeconds,
    concurrency: o.concurrency,
    batchCompletions: true,
  });
  jobs.queue.define(MESSAGE_SWEEP_JOB, () => dispatcher.sweep(jobs.queue), { retryLimit: 1, retryDelay: 10, expireInSeconds: 60 });
  jobs.schedules.add(MESSAGE_SWEEP_SCHEDULE, o.sweepCron, MESSAGE_SWEEP_JOB);
}

/**
 * What a send job keeps as its output: the outcome without the provider's id (which is in the
 * message's row), so the many sends that end alike are completed in one statement.
 */
function jobOutput(result: DispatchResult): object {
  if (result.outcome === 'sent') return { outcome: 'sent', resend: result.resend };
  return result;
}
