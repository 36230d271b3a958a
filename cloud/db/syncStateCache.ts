/**
 * The answers of the sync-state statement (syncState.ts), kept in memory until the workshop
 * changes. A device checking for news every few minutes then costs the hub no database round trip
 * at all when nothing happened: on a 2-core machine that round trip was half the server's work
 * and all of Postgres's (bench/sync.bench.ts).
 *
 * When a cached answer is dropped:
 * - at once, on this instance, after any transaction of the workshop (`withWorkshop`): pushes,
 *   member and device changes, "last seen";
 * - on every instance, when the change notice of the workshop arrives (changeNotices.ts: a trigger
 *   on workshop_sync, members and devices, delivered at commit by LISTEN/NOTIFY);
 * - all of them when the listening connection is lost; nothing is served from memory until it is
 *   listening again.
 * And nothing is served from memory while the instance's own heartbeat — a notice it sends itself
 * every second on the listening connection — has not come back for three seconds: a connection
 * that died without a word, or an event loop too late to have read its notices.
 *
 * So a change made through another instance reaches a device at its first sync after the notice
 * (a millisecond after the commit on a healthy connection); a listening connection that dies
 * without a word is noticed within three seconds. A load that raced with a change is never kept:
 * an answer is stored only if its workshop was not dropped while the statement ran.
 */
import type { SyncState } from './syncState.js';
import { beatPayload, type ChangeNotice } from './changeNotices.js';

export interface SyncStateCacheOptions {
  /** The statement itself (uncached). */
  load(workshopId: string, memberId: string, userId: string, deviceId: string): Promise<SyncState | null>;
  /** Sends a notice on the changes channel (the heartbeat), on the listening connection itself. */
  notify(payload: string): Promise<void>;
  /** This instance's name in its heartbeats. */
  instance: string;
  /** Most answers kept (0: no cache); past it, the longest-cached workshops are dropped. */
  maxEntries: number;
  beatEveryMs?: number;
  /** Without its own heartbeat back for this long, the instance trusts nothing it cached. */
  beatTimeoutMs?: number;
  /** Monotonic milliseconds (injectable in tests). */
  clock?: () => number;
}

export interface SyncStateCacheStats {
  hits: number;
  misses: number;
  stored: number;
  /** Answers loaded but not kept: their workshop changed meanwhile, or the cache was not live. */
  discarded: number;
  entries: number;
  live: boolean;
}

interface WorkshopEntry {
  states: Map<string, SyncState>;
}

export class SyncStateCache {
  private workshops = new Map<string, WorkshopEntry>();
  private entries = 0;
  private subscribed = false;
  private lastBeatAt = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setInterval> | null = null;
  private beatWaiters: (() => void)[] = [];
  private readonly counts = { hits: 0, misses: 0, stored: 0, discarded: 0 };
  private readonly clock: () => number;
  private readonly beatEveryMs: number;
  private readonly beatTimeoutMs: number;

  constructor(private readonly options: SyncStateCacheOptions) {
    this.clock = options.clock ?? (() => performance.now());
    this.beatEveryMs = options.beatEveryMs ?? 1000;
    this.beatTimeoutMs = options.beatTimeoutMs ?? 3000;
  }

  /** Whether cached answers may be served: listening, and the last heartbeat came back in time. */
  get live(): boolean {
    return this.options.maxEntries > 0 && this.subscribed && this.clock() - this.lastBeatAt <= this.beatTimeoutMs;
  }

  stats(): SyncStateCacheStats {
    return { ...this.counts, entries: this.entries, live: this.live };
  }

  async get(workshopId: string, memberId: string, userId: string, deviceId: string): Promise<SyncState | null> {
    const key = `${memberId} ${userId} ${deviceId}`;
    const live = this.live;
    let entry = live ? this.workshops.get(workshopId) : undefined;
    const cached = entry?.states.get(key);
    if (cached) {
      this.counts.hits += 1;
      return cached;
    }
    this.counts.misses += 1;
    if (live && !entry) {
      entry = { states: new Map() };
      this.workshops.set(workshopId, entry);
    }
    const state = await this.options.load(workshopId, memberId, userId, deviceId);
    // Kept only if nothing dropped this workshop (or everything) while the statement ran.
    if (state && entry && this.live && this.workshops.get(workshopId) === entry) {
      entry.states.set(key, state);
      this.entries += 1;
      this.counts.stored += 1;
      this.evictOverflow();
    } else if (state) this.counts.discarded += 1;
    return state;
  }

  /** Drops what is cached of one workshop (its rows changed). */
  invalidate(workshopId: string): void {
    const entry = this.workshops.get(workshopId);
    if (!entry) return;
    this.workshops.delete(workshopId);
    this.entries -= entry.states.size;
  }

  /** Drops everything (notices may have been missed). */
  reset(): void {
    this.workshops = new Map();
    this.entries = 0;
  }

  /** The listening connection is (again) subscribed: what was cached before may be stale. */
  listening(): void {
    this.reset();
    this.subscribed = true;
  }

  /** The listening connection is lost: nothing is served from memory until it is back. */
  lost(): void {
    this.subscribed = false;
    this.reset();
  }

  /** A notice arrived on the changes channel. */
  heard(notice: ChangeNotice): void {
    if (notice.kind === 'workshop') return this.invalidate(notice.workshopId);
    if (notice.instance !== this.options.instance) return;
    // Notices come in commit order on one connection: with the heartbeat back, every notice sent
    // before it was heard too, so a late heartbeat loses nothing (a lost connection does: lost()).
    this.lastBeatAt = this.clock();
    for (const wake of this.beatWaiters.splice(0)) wake();
  }

  /** Sends a heartbeat now and every second; resolves when the first one came back (or after the timeout). */
  async start(): Promise<void> {
    if (this.options.maxEntries <= 0 || this.timer) return;
    this.timer = setInterval(() => void this.beat(), this.beatEveryMs);
    this.timer.unref();
    const back = new Promise<void>((resolve) => {
      this.beatWaiters.push(resolve);
      setTimeout(resolve, this.beatTimeoutMs).unref();
    });
    await this.beat();
    await back;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.subscribed = false;
    this.reset();
    for (const wake of this.beatWaiters.splice(0)) wake();
  }

  /** A heartbeat that cannot be sent is simply not heard: the cache stops serving (`live`). */
  private async beat(): Promise<void> {
    await this.options.notify(beatPayload(this.options.instance)).catch(() => undefined);
  }

  private evictOverflow(): void {
    for (const [workshopId] of this.workshops) {
      if (this.entries <= this.options.maxEntries) return;
      this.invalidate(workshopId);
    }
  }
}
