/**
 * Keeps a device in sync in the background: a sync after each local change (debounced), every
 * `intervalMs` otherwise, and after a failure a growing delay (2 s … 5 min). It stops for good on
 * `access_revoked` (the host locks and wipes) and `upgrade_required` (the outbox is kept).
 */
import { backoffDelay, SyncFailure, type SyncClient, type SyncReport } from './client.js';

export type SyncState =
  | { status: 'idle'; lastSync: string | null; lastReport: SyncReport | null }
  | { status: 'syncing' }
  | { status: 'offline'; failures: number; retryAt: string; message: string }
  | { status: 'stopped'; reason: 'access_revoked' | 'upgrade_required' | 'unauthorized'; message: string };

export interface SyncLoopOptions {
  intervalMs?: number;
  debounceMs?: number;
  onState?(state: SyncState): void;
  now?: () => Date;
}

export class SyncLoop {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private stopped = false;
  private lastSync: string | null = null;

  constructor(
    private readonly client: SyncClient,
    private readonly options: SyncLoopOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** A local change was made, or the network came back: sync soon. */
  poke(): void {
    if (!this.stopped) this.schedule(this.options.debounceMs ?? 1_000);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private emit(state: SyncState): void {
    this.options.onState?.(state);
  }

  async tick(): Promise<void> {
    if (this.stopped) return;
    this.emit({ status: 'syncing' });
    try {
      const report = await this.client.sync();
      this.failures = 0;
      this.lastSync = (this.options.now?.() ?? new Date()).toISOString();
      this.emit({ status: 'idle', lastSync: this.lastSync, lastReport: report });
      this.schedule(this.options.intervalMs ?? 60_000);
    } catch (error) {
      if (error instanceof SyncFailure && (error.kind === 'access_revoked' || error.kind === 'upgrade_required' || error.kind === 'unauthorized')) {
        this.stop();
        this.emit({ status: 'stopped', reason: error.kind, message: error.message });
        return;
      }
      this.failures += 1;
      const delay = backoffDelay(this.failures);
      const retryAt = new Date((this.options.now?.() ?? new Date()).getTime() + delay).toISOString();
      this.emit({ status: 'offline', failures: this.failures, retryAt, message: (error as Error).message });
      this.schedule(delay);
    }
  }
}
