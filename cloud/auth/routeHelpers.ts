/** What the accounts routes share: who asks (address, language), and the Retry-After of a 429. */
import type { Request, Response } from 'express';
import { requestLocale } from '../http/errors.js';
import type { Asker } from './accountService.js';
import { RetryLater } from './texts.js';

/** The address and language of a public request (behind the loopback proxy, its client's address). */
export function askerOf(req: Request): Asker {
  return { ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', locale: requestLocale(req) };
}

/** Awaits a service call; a refusal that says when to try again also gets its Retry-After header. */
export async function withRetryAfter<T>(res: Response, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof RetryLater) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))));
    throw error;
  }
}
