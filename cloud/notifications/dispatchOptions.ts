/**
 * How the dispatcher retries and how often it sweeps. The defaults are the production ones;
 * tests and benchmarks shorten them (CloudContext `tuning.messages`).
 */
export interface DispatchOptions {
  /** Retries after the first attempt before a message that keeps failing transiently is failed (default 6). */
  retryLimit?: number;
  /**
   * Seconds before the first retry (default 20); doubled at each retry with jitter when backing
   * off (pg-boss: delay × 2^n × 1–2), so the default 6 retries span 21 to 42 minutes.
   */
  retryDelaySeconds?: number;
  /** Exponential backoff between retries (default true). */
  retryBackoff?: boolean;
  /**
   * A run longer than this is given up and retried, a killed process's run too once this has
   * passed (default 120 s: well above the providers' 15 s timeout and SMTP's 10 s + 30 s).
   */
  expireInSeconds?: number;
  /** Messages sent at once by one instance (default 16). */
  concurrency?: number;
  /** The sweep enqueues `queued` messages older than this that have no job (default 30 s). */
  sweepAfterMs?: number;
  /**
   * The sweep fails a `sending` message whose send job is gone for good once it is older than the
   * job's time limit plus this margin (default 60 s).
   */
  stuckMarginMs?: number;
  /** When the sweep runs (cron, default every minute). */
  sweepCron?: string;
}

export const DISPATCH_DEFAULTS: Required<DispatchOptions> = {
  retryLimit: 6,
  retryDelaySeconds: 20,
  retryBackoff: true,
  expireInSeconds: 120,
  concurrency: 16,
  sweepAfterMs: 30_000,
  stuckMarginMs: 60_000,
  sweepCron: '* * * * *',
};
