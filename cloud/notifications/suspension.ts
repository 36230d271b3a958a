/**
 * Whether a workshop may not send messages because it is suspended (DESIGN: "never for a
 * suspended workshop"). There is no suspension state yet: subscriptions arrive with issue 10,
 * which answers here from the subscription's state (the transaction is given for that read).
 * Until then the only thing that exists is the workshop itself, and a workshop whose row is gone
 * cannot send.
 */
import type { Tx } from '../db/client.js';
import type { SendContext } from './dispatchSql.js';

export async function workshopSuspended(_tx: Tx, _workshopId: string, workshop: SendContext['workshop']): Promise<boolean> {
  return workshop === null;
}
