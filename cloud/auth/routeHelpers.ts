/** What the accounts routes share: who asks (address and language). */
import type { Request } from 'express';
import { requestLocale } from '../http/errors.js';
import type { Asker } from './accountService.js';

/** The address and language of a public request (behind the loopback proxy, its client's address). */
export function askerOf(req: Request): Asker {
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', locale: requestLocale(req) };
}
