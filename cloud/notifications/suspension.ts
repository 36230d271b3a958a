/**
 * Whether a workshop may not send messages because it is suspended (DESIGN: "never for a
 * suspended workshop"). There is no suspension state yet: subscriptions arrive with issue 10,
 * which answers here from the subscription's state. Until then the only thing that exists is the
 * workshop itself, and a workshop whose row is gone cannot send.
 */
import type { ServerWrites } from '../sync/serverWrite.js';

export async function workshopSuspended(writes: ServerWrites, workshopId: string): Promise<boolean> {
  const workshop = await writes.read('workshop', workshopId);
  return workshop === undefined;
}
