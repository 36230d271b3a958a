/**
 * A small in-memory limiter: at most `limit` attempts per key in a fixed window. It is per
 * process (several cloud instances each keep their own count); the durable protection of an
 * account is its lock in the database (users.failed_logins / locked_until).
 *
 * Attempts are taken before the work (so parallel requests cannot slip past the limit) and a
 * successful sign-in gives its attempt back: many people share one IP address (shop Wi-Fi,
 * mobile operators' NAT), and only failures should count against them.
 */
export type Take = { ok: true } | { ok: false; retryAfterMs: number };

interface Bucket {
  count: number;
  resetAt: number;
}

export class WindowLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string): Take {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetAt <= now) {
      if (!bucket && this.buckets.size >= this.maxKeys) this.sweep(now);
      bucket = { count: 0, resetAt: now + this.windowMs };
      this.buckets.set(key, bucket);
    }
    if (bucket.count >= this.limit) return { ok: false, retryAfterMs: bucket.resetAt - now };
    bucket.count += 1;
    return { ok: true };
  }

  /** Gives back one attempt (after a success). */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket && bucket.count > 0) bucket.count -= 1;
  }

  private sweep(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.resetAt <= now) this.buckets.delete(key);
    // Still full (a flood of distinct keys): drop the oldest half rather than grow without bound.
    if (this.buckets.size >= this.maxKeys) {
      let drop = Math.ceil(this.buckets.size / 2);
      for (const key of this.buckets.keys()) {
        if (drop-- <= 0) break;
        this.buckets.delete(key);
      }
    }
  }
}

/** '15 minutes', '1 minute' (the same words in French and English). */
export function waitText(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  return `${minutes} minute${minutes > 1 ? 's' : ''}`;
}
