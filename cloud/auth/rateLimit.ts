/**
 * Rate limits that hold across cloud instances: at most `limit` attempts per key in a fixed window
 * of `windowMs`, counted by rate-limiter-flexible. On Postgres the counts live in one table that
 * every instance shares (rateLimitStore.ts); on PGlite, which a single process owns, in memory.
 * The durable protection of an account remains its lock in the database (users.failed_logins /
 * locked_until); these limits slow down guessing across accounts and invitation codes.
 *
 * Attempts are taken before the work (so parallel requests cannot slip past the limit) and a
 * successful sign-in gives its attempt back: many people share one IP address (shop Wi-Fi,
 * mobile operators' NAT), and only failures should count against them.
 *
 * Time is the machine's (`Date.now()`): the library reads it itself and cannot be given another
 * clock, so tests that need a window to pass use short windows.
 */
import { createHmac } from 'node:crypto';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { CloudDb } from '../db/client.js';
import { ensureRateLimitTable, pgLikeClient, RATE_LIMIT_TABLE } from './rateLimitStore.js';

export type Take = { ok: true } | { ok: false; retryAfterMs: number };


export interface RateLimiter {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
  /** Takes one attempt for `key`, or says how long until the window ends. */
  take(key: string): Promise<Take>;
  /** Gives back exactly one attempt taken for `key` (after a success). */
  refund(key: string): Promise<void>;
  /** Resolves once the store is usable (its table exists); take and refund wait for it anyway. */
  ready(): Promise<void>;
}

export interface RateLimiterOptions {
  /** Names the limiter's keys in the shared store: lowercase letters, digits and dashes ('login-ip'). */
  name: string;
  limit: number;
  /** A whole number of milliseconds that is also exact in seconds (the library counts in seconds). */
  windowMs: number;
  /**
   * Keys the hash of every key (HMAC-SHA-256): a bare hash of a phone number is undone by trying
   * every number, a keyed one is not without the secret, which the database does not hold.
   */
  secret: string;
  /** Told when the shared store fails; this instance then counts alone until it answers again. */
  onStoreError?: (error: unknown) => void;
}

/** What reaches the store for `key`: 128 bits of its keyed hash, never the key itself. */
export function storeKey(secret: string, name: string, key: string): string {
  return createHmac('sha256', secret).update(`rate-limit:${name}:${key}`).digest('hex').slice(0, 32);
}

function checkOptions({ name, limit, windowMs, secret }: RateLimiterOptions): void {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(name)) throw new Error(`rate limiter name "${name}": lowercase letters, digits and dashes`);
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`rate limiter ${name}: limit must be a positive whole number`);
  // The library stores Date.now() + (windowMs / 1000) * 1000 in a bigint column: it must stay whole.
  if (!Number.isInteger(windowMs) || windowMs < 1 || (windowMs / 1000) * 1000 !== windowMs) {
    throw new Error(`rate limiter ${name}: windowMs ${windowMs} is not exact in seconds`);
  }
  if (secret.length < 16) throw new Error(`rate limiter ${name}: the secret is too short`);
}

export function createRateLimiter(db: CloudDb, options: RateLimiterOptions): RateLimiter {
  checkOptions(options);
  const { name, limit, windowMs, secret, onStoreError } = options;
  const counting = { keyPrefix: name, points: limit, duration: windowMs / 1000 };
  /** The limiter to count with now; never fails (on Postgres, memory stands in for the table). */
  let current: () => Promise<RateLimiterAbstract>;
  /** Fails when the shared store cannot be opened. */
  let ready: () => Promise<void>;

  if (db.kind === 'pglite') {
    const memory = Promise.resolve(new RateLimiterMemory(counting));
    current = () => memory;
    ready = async () => undefined;
  } else {
    /*
     * When a statement fails, the library answers from this instance's memory instead (its
     * `insuranceLimiter`): a database hiccup neither refuses every sign-in (failing closed would
     * lock out every tailor at once) nor lets unlimited guesses through (failing open); for its
     * length each instance counts alone, as the old per-process limiter did.
     */
    const insurance = new RateLimiterMemory(counting);
    const open = async (): Promise<RateLimiterAbstract> => {
      await ensureRateLimitTable(db);
      return new RateLimiterPostgres({
        ...counting,
        storeClient: pgLikeClient(db, onStoreError),
        storeType: 'client',
        tableName: RATE_LIMIT_TABLE,
        tableCreated: true,
        insuranceLimiter: insurance,
        // Once a key is over its limit, this instance refuses it from memory until the window
        // ends: a flood of guesses does not become a flood of upserts on one row.
        inMemoryBlockOnConsumed: limit + 1,
      });
    };
    let opening: Promise<RateLimiterAbstract> | undefined;
    const shared = async () => {
      const attempt = (opening ??= open());
      try {
        return await attempt;
      } catch (error) {
        if (opening === attempt) opening = undefined; // tried again on the next call
        throw error;
      }
    };
    // The table could not be created (database down at start): count in memory meanwhile.
    current = () =>
      shared().catch((error: unknown) => {
        onStoreError?.(error);
        return insurance;
      });
    ready = async () => void (await shared());
  }

  const hashed = (key: string) => storeKey(secret, name, key);
  return {
    name,
    limit,
    windowMs,
    async take(key) {
      const limiter = await current();
      try {
        await limiter.consume(hashed(key));
        return { ok: true };
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return { ok: false, retryAfterMs: Math.min(windowMs, Math.max(1, Math.ceil(refusal.msBeforeNext))) };
      }
    },
    async refund(key) {
      const limiter = await current();
      const stored = hashed(key);
      const after = await limiter.reward(stored, 1);
      // The window ended between the take and its refund: the reward opened a new window at -1,
      // which would be one attempt more than the limit. Take that point back: the refund of an
      // attempt from a window that is over gives nothing.
      if (after.consumedPoints < 0) await limiter.penalty(stored, 1);
    },
    ready,
  };
}

/** '15 minutes', '1 minute' (the same words in French and English). */
export function waitText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}
