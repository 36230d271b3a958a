/**
 * What a send leaves in the message's row, written through the server-write helper so devices
 * receive it by sync, and never backwards (`statusMayAdvance`: a `delivered` that a report wrote
 * stays, a `failed` is not turned into `sent`). A failure gives the credits back, once.
 */
import type { Tx } from '../db/client.js';
import type { ServerWrites } from '../sync/serverWrite.js';
import { statusMayAdvance, type MessageStatus } from '../../shared/messaging/messageOptions.js';
import { refundCredits } from './credits.js';

async function currentStatus(writes: ServerWrites, messageId: string): Promise<MessageStatus | null> {
  const row = await writes.read('messages', messageId);
  return row ? (row.fields.status as MessageStatus) : null;
}

/** `failed` with the tailor's reason, and the credits back; false when the message had already moved on. */
export async function failMessage(tx: Tx, writes: ServerWrites, workshopId: string, messageId: string, reason: string): Promise<boolean> {
  const status = await currentStatus(writes, messageId);
  if (!status || !statusMayAdvance(status, 'failed')) return false;
  await writes.write('messages', messageId, { status: 'failed', failureReason: reason.slice(0, 300) });
  await refundCredits(tx, workshopId, messageId);
  return true;
}

/** `sent` with the provider's id and the time; false when the message had already moved on. */
export async function markSent(writes: ServerWrites, messageId: string, providerId: string, at: Date): Promise<boolean> {
  const status = await currentStatus(writes, messageId);
  if (!status || !statusMayAdvance(status, 'sent')) return false;
  await writes.write('messages', messageId, { status: 'sent', providerId: providerId.slice(0, 120), sentAt: at.toISOString() });
  return true;
}

/**
 * `failed` (with the credits back, once) for a message left `sending` by a job that died for good,
 * read again under the workshop's lock: only while it is still `sending` with no provider id (a
 * recorded provider id means the provider accepted it). False when it had moved on.
 */
export async function failStuckMessage(tx: Tx, writes: ServerWrites, workshopId: string, messageId: string, reason: string): Promise<boolean> {
  const row = await writes.read('messages', messageId);
  if (!row || row.fields.status !== 'sending' || row.fields.providerId) return false;
  return failMessage(tx, writes, workshopId, messageId, reason);
}
