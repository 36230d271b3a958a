/**
 * Request and response schemas of the sync area. The sync messages themselves are the protocol's
 * (shared/sync/protocol.ts: the device's sync client parses with the very same schemas); this file
 * gathers what the routes declare.
 */
import { z } from 'zod';
import { idSchema } from '../../shared/domain/fields.js';

export { orderHistoryResponseSchema, syncRequestSchema, syncResponseSchema, PROTOCOL_VERSION } from '../../shared/sync/protocol.js';

/** Just the protocol number, read before the strict schema: an old client must hear "upgrade", not "invalid". */
export const protocolOnly = z.object({ protocol: z.number().int() }).loose();

export const orderHistoryParams = z.strictObject({ orderId: idSchema });
