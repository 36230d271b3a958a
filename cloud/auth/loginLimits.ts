/**
 * The rate limits of sign-in and invitation codes, built once per server (services.ts) over the
 * shared limiter (rateLimit.ts: one Postgres table for every instance, memory on PGlite):
 * - per IP address: 20 failed attempts in 10 minutes, for sign-ins (`login:<ip>`) and for
 *   invitation codes (`invite:<ip>`), each key its own budget;
 * - per IP address and identifier: 10 failed sign-ins in 10 minutes (`login:<ip>|<identifier>`).
 * An attempt is taken before the work and given back when it succeeds: many people share one
 * address (shop Wi-Fi, operators' NAT), and only failures count against them.
 */
import type { CloudDb } from '../db/client.js';
import type { Locale } from '../../shared/i18n/index.js';
import { createRateLimiter, waitText, type RateLimiter } from './rateLimit.js';
import { failLater } from './texts.js';

export const LOGIN_LIMITS = { perIp: 20, perIdentifier: 10, windowMs: 10 * 60_000 };

export interface AuthLimiters {
  /** Per IP address (keys `login:<ip>` and `invite:<ip>`). */
  ip: RateLimiter;
  /** Per IP address and identifier (key `login:<ip>|<identifier>`). */
  loginPair: RateLimiter;
}

export function createAuthLimiters(db: CloudDb, secret: string, onStoreError?: (error: unknown) => void): AuthLimiters {
  const common = { windowMs: LOGIN_LIMITS.windowMs, secret, onStoreError };
  return {
    ip: createRateLimiter(db, { name: 'auth-ip', limit: LOGIN_LIMITS.perIp, ...common }),
    loginPair: createRateLimiter(db, { name: 'login-pair', limit: LOGIN_LIMITS.perIdentifier, ...common }),
  };
}

export const loginKeys = {
  ip: (ip: string) => `login:${ip}`,
  pair: (ip: string, identifier: string) => `login:${ip}|${identifier}`,
  invite: (ip: string) => `invite:${ip}`,
};

/** Takes one attempt for `key`, or throws 429 too_many_requests saying how long to wait. */
export async function takeAttempt(limiter: RateLimiter, key: string, locale: Locale): Promise<void> {
  const taken = await limiter.take(key);
  if (!taken.ok) throw failLater(locale, 'too_many_requests', taken.retryAfterMs, { wait: waitText(taken.retryAfterMs) });
}
