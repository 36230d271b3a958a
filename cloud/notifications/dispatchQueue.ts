/**
 * The contract between what makes a message (a device's sync, the morning's reminders) and what
 * sends it: one job per message, named MESSAGE_SEND_JOB, whose id is the message's own id, so a
 * message enqueued twice (two instances, a rerun, the sweep of forgotten ones) is sent once.
 */
export const MESSAGE_SEND_JOB = 'messages-send';

export interface MessageSendJob {
  workshopId: string;
  messageId: string;
}
