/**
 * The tracking page's limit against guessing, on the shared limiter (auth/rateLimit.ts: one
 * Postgres table for every instance, memory on PGlite; keys stored as a keyed hash, so no client
 * address is ever stored): 30 lookups per client address in 10 minutes. A lookup is taken before
 * anything else (so parallel guesses cannot slip past) and given back when it found an order:
 * many clients share one address (mobile operators' NAT, a shop's Wi-Fi), and only misses count.
 * A token has 95 bits, so the limit is not what makes a link unguessable; it keeps a guesser
 * from costing the database more than 30 statements per 10 minutes and per address.
 *
 * An IPv6 client is counted by its /64 (one subscriber's network): it could otherwise take a new
 * address for every guess.
 */
import { isIPv4, isIPv6 } from 'node:net';
import type { CloudContext } from '../context.js';
import { createRateLimiter, type RateLimiter } from '../auth/rateLimit.js';

export const TRACKING_LIMITS = { perAddress: 30, windowMs: 10 * 60_000 };

export function createTrackingLimiter(ctx: Pick<CloudContext, 'db' | 'config' | 'logger'>): RateLimiter {
  return createRateLimiter(ctx.db, {
    name: 'tracking-ip',
    limit: TRACKING_LIMITS.perAddress,
    windowMs: TRACKING_LIMITS.windowMs,
    secret: ctx.config.jwtSecret,
    onStoreError: (error) => ctx.logger.warn({ code: (error as { code?: unknown } | null)?.code }, 'rate-limit store unavailable: counting in memory'),
  });
}

/** '2001:db8:a:b:1:2:3:4' → '2001:db8:a:b' (the first four groups, expanded and without leading zeros). */
function prefix64(address: string): string {
  const bare = address.split('%')[0]!;
  const [head = '', tail] = bare.split('::');
  const groups = (part: string) => (part ? part.split(':').flatMap((g) => (isIPv4(g) ? ['0', '0'] : [g])) : []);
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const all = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':');
}

/** The limiter's key for a client address: IPv4 as is (also when mapped into IPv6), IPv6 by its /64. */
export function addressKey(ip: string | undefined): string {
  const address = (ip ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  if (isIPv4(address)) return `track:${address}`;
  if (isIPv6(address)) return `track:${prefix64(address)}::/64`;
  return 'track:unknown';
}
