/**
 * Rate limits on the test database of this run (PGlite: memory; Postgres: the shared table), and
 * always on a real Postgres with two instances (two CloudDb, two pools) sharing one budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { openCloudDb, type CloudDb } from '../db/client.js';
import { createScratchDatabase, openTestDb } from '../testing/testDb.js';
import { createRateLimiter, storeKey, type RateLimiter, type RateLimiterOptions } from './rateLimit.js';
import { RATE_LIMIT_TABLE } from './rateLimitStore.js';

const SECRET = 'rate-limit-test-secret-0123456789';
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PHONE = '+22997000001';
const IP = '203.0.113.7';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const limiterOn = (db: CloudDb, name: string, limit: number, windowMs: number, extra: Partial<RateLimiterOptions> = {}) =>
  createRateLimiter(db, { name, limit, windowMs, secret: SECRET, ...extra });
const passes = async (limiter: RateLimiter, key: string, n: number) => {
  for (let i = 0; i < n; i += 1) expect(await limiter.take(key), `take ${i + 1} of ${n}`).toEqual({ ok: true });
};
const refused = async (limiter: RateLimiter, key: string) => {
  const taken = await limiter.take(key);
  expect(taken.ok).toBe(false);
  return taken.ok ? 0 : taken.retryAfterMs;
};
const storedRows = async (db: CloudDb) =>
  (await db.executeSql(`SELECT key, points, expire FROM ${RATE_LIMIT_TABLE} ORDER BY key`)).rows as { key: string; points: number; expire: string }[];

describe('one instance, on the database of this run', () => {
  let db: CloudDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('lets L takes through, refuses the next until the window ends, then lets takes through again', async () => {
    const limiter = limiterOn(db, 'window', 4, 400);
    await limiter.ready();
    await passes(limiter, IP, 4);
    const wait = await refused(limiter, IP);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(400);
    await sleep(wait + 50);
    await passes(limiter, IP, 4);
    await refused(limiter, IP);
  });

  it('a refund gives back exactly one attempt', async () => {
    const limiter = limiterOn(db, 'refund', 3, 60_000);
    await passes(limiter, PHONE, 3);
    await limiter.refund(PHONE);
    await passes(limiter, PHONE, 1);
    await refused(limiter, PHONE);
    // A refused take was an attempt too: one refund after it does not reopen the window.
    await limiter.refund(PHONE);
    await refused(limiter, PHONE);
  });

  it('the refund of an attempt whose window is over gives nothing to the next window', async () => {
    const limiter = limiterOn(db, 'late-refund', 2, 300);
    await passes(limiter, IP, 1);
    await sleep(350);
    await limiter.refund(IP);
    await passes(limiter, IP, 2);
    await refused(limiter, IP);
  });

  it('distinct keys, and limiters of distinct names, count apart', async () => {
    const byIp = limiterOn(db, 'apart-ip', 2, 60_000);
    const byPair = limiterOn(db, 'apart-pair', 2, 60_000);
    await passes(byIp, IP, 2);
    await refused(byIp, IP);
    await passes(byIp, '198.51.100.1', 2);
    await passes(byPair, IP, 2);
  });

  it('refuses options the store cannot keep exactly', () => {
    expect(() => limiterOn(db, 'odd', 3, 1001)).toThrow(/not exact in seconds/);
    expect(() => limiterOn(db, 'Login IP', 3, 1000)).toThrow(/lowercase/);
    expect(() => limiterOn(db, 'zero', 0, 1000)).toThrow(/positive/);
    expect(() => limiterOn(db, 'weak', 3, 1000, { secret: 'short' })).toThrow(/secret/);
  });
});

describe('two instances on one Postgres database', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let a: CloudDb;
  let b: CloudDb;
  beforeAll(async () => {
    scratch = await createScratchDatabase(ADMIN_URL, 'styliste_ratelimit');
    const opened = await Promise.all([1, 2].map(() => openCloudDb({ url: scratch.url, maxConnections: 5, syncStateCacheEntries: 0 })));
    a = opened[0]!;
    b = opened[1]!;
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    await scratch?.drop();
  });

  it('both create the table when they start together', async () => {
    await Promise.all([a, b].flatMap((db) => ['start-1', 'start-2'].map((name) => limiterOn(db, name, 1, 1000).ready())));
    expect(await storedRows(a)).toEqual([]);
  });

  it('share one budget: L/2 takes on A and L/2 on B, then the next on either is refused', async () => {
    const onA = limiterOn(a, 'shared', 6, 60_000);
    const onB = limiterOn(b, 'shared', 6, 60_000);
    await passes(onA, PHONE, 3);
    await passes(onB, PHONE, 3);
    const wait = await refused(onA, PHONE);
    expect(wait).toBeGreaterThan(59_000);
    expect(wait).toBeLessThanOrEqual(60_000);
    await refused(onB, PHONE);
  });

  it('a refund on B gives back an attempt taken on A', async () => {
    const onA = limiterOn(a, 'cross-refund', 2, 60_000);
    const onB = limiterOn(b, 'cross-refund', 2, 60_000);
    await passes(onA, IP, 2);
    await onB.refund(IP);
    await passes(onA, IP, 1);
    await refused(onB, IP);
  });

  it('of 3L concurrent takes from both instances, exactly L get through', async () => {
    const limit = 10;
    const limiters = [limiterOn(a, 'concurrent', limit, 60_000), limiterOn(b, 'concurrent', limit, 60_000)];
    const takes = await Promise.all(Array.from({ length: 3 * limit }, (_, i) => limiters[i % 2]!.take(IP)));
    expect(takes.filter((t) => t.ok)).toHaveLength(limit);
    const [row] = (await storedRows(a)).filter((r) => r.key.startsWith('concurrent:'));
    // Every attempt reached the table until the first refusal blocked the key in each instance's memory.
    expect(row!.points).toBeGreaterThan(limit);
  });

  it('the table holds no phone number or address, only the limiter name and a keyed hash', async () => {
    const onA = limiterOn(a, 'hygiene', 5, 60_000);
    await onA.take(PHONE);
    await onA.take(`${IP}|${PHONE}`);
    const stored = await storedRows(a);
    expect(stored.length).toBeGreaterThan(0);
    for (const { key } of stored) expect(key).toMatch(/^[a-z0-9-]+:[0-9a-f]{32}$/);
    const keys = stored.map((r) => r.key).join(' ');
    for (const personal of ['22997000001', '97000001', '203.0.113']) expect(keys).not.toContain(personal);
    expect(stored.map((r) => r.key)).toContain(`hygiene:${storeKey(SECRET, 'hygiene', PHONE)}`);
  });

  it('when the table fails, each instance counts alone in memory: nobody locked out, no unlimited guesses', async () => {
    const errors: unknown[] = [];
    const onA = limiterOn(a, 'hiccup', 3, 60_000, { onStoreError: (error) => errors.push(error) });
    await onA.ready();
    await passes(onA, PHONE, 1);
    const admin = postgres(scratch.url, { max: 1, onnotice: () => undefined });
    try {
      await admin.unsafe(`ALTER TABLE ${RATE_LIMIT_TABLE} RENAME TO ${RATE_LIMIT_TABLE}_away`);
      await passes(onA, PHONE, 3); // the memory stand-in starts from zero: the shared count is unreadable
      await refused(onA, PHONE);
      expect(errors.length).toBeGreaterThan(0);
      expect(String((errors[0] as Error).message)).toMatch(/does not exist/);
    } finally {
      await admin.unsafe(`ALTER TABLE ${RATE_LIMIT_TABLE}_away RENAME TO ${RATE_LIMIT_TABLE}`);
      await admin.end();
    }
    // Back on the shared table, which still holds the one attempt taken before the hiccup.
    const onB = limiterOn(b, 'hiccup', 3, 60_000);
    await passes(onB, PHONE, 2);
    await refused(onB, PHONE);
  });
});
