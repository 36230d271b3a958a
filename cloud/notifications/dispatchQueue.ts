/**
 * The contract between what makes a message (a device's sync, the morning's reminders) and what
 * sends it: one job per message, named MESSAGE_SEND_JOB, whose id is the message's own id, so a
 * message enqueued twice (two instances, a rerun, the sweep of forgotten ones) is sent once.
 */
import type { JobQueue } from '../jobs/queue.js';

export const MESSAGE_SEND_JOB = 'messages-send';

export interface MessageSendJob {
  workshopId: string;
  messageId: string;
}

/**
 * Enqueues one send per message, in one statement; a message whose job is already kept is left
 * as it is. Call it once the transaction that wrote the messages has committed (never from inside
 * an open transaction: on PGlite the enqueue would wait for it).
 */
export async function enqueueMessageSends(queue: JobQueue, items: readonly MessageSendJob[]): Promise<void> {
  const unique = [...new Map(items.map((item) => [item.messageId, { workshopId: item.workshopId, messageId: item.messageId }])).values()];
  if (unique.length === 0) return;
  await queue.enqueueMany(MESSAGE_SEND_JOB, unique, { ids: unique.map((item) => item.messageId) });
}
