/**
 * The device side of the sync benchmark: engines on real SQLite files with the real SyncClient
 * and the desktop's fetch (leanFetch: the bytes the app puts on the wire), timed per phase (until
 * the answer's headers, local apply, the rest: download, decompression, JSON and schema parsing),
 * through the byte-counting proxy.
 */
import Database from 'better-sqlite3';
import { openFileEngine } from '../desktop/sqlite/testing.js';
import type { Engine } from '../shared/engine/engine.js';
import { SyncClient, type SyncEngine, type SyncReport } from '../shared/sync/client.js';
import { createLeanFetch } from '../desktop/main/leanFetch.js';
import type { Exchange, WireProxy, WireTotals } from './syncWire.js';

export interface Timing {
  /** Sum over round trips of the time until the response headers arrived (server + network). */
  untilHeadersMs: number;
  /** Sum of engine.applyChanges (the local apply, one SQLite transaction per page). */
  applyMs: number;
  /** Sum of engine.settlePush (the outbox bookkeeping). */
  settleMs: number;
  /** Sum of engine.pendingMutations (reading the outbox). */
  outboxMs: number;
}

export interface TimedDevice {
  path: string;
  engine: Engine;
  client: SyncClient;
  readonly timing: Timing;
  resetTiming(): void;
}

const zero = (): Timing => ({ untilHeadersMs: 0, applyMs: 0, settleMs: 0, outboxMs: 0 });

async function timed<T>(state: { timing: Timing }, key: keyof Timing, work: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await work();
  } finally {
    state.timing[key] += performance.now() - t;
  }
}

/** A device (engine on a SQLite file, real clock) whose sync client is timed phase by phase. */
export async function openTimedDevice(path: string, baseUrl: string, token: () => string, engine?: Engine): Promise<TimedDevice> {
  const e = engine ?? (await openFileEngine(path));
  const state = { timing: zero() };
  const syncEngine: SyncEngine = {
    get deviceId() {
      return e.deviceId;
    },
    get clockOffsetMs() {
      return e.clockOffsetMs;
    },
    pendingMutations: (limit) => timed(state, 'outboxMs', () => e.pendingMutations(limit)),
    settlePush: (acked, rejected) => timed(state, 'settleMs', () => e.settlePush(acked, rejected)),
    applyChanges: (changes, cursor) => timed(state, 'applyMs', () => e.applyChanges(changes, cursor)),
    cursor: () => e.cursor(),
    setClockOffset: (offset) => e.setClockOffset(offset),
    correctClockAhead: (serverTime, tolerance) => e.correctClockAhead(serverTime, tolerance),
    wallTime: () => e.wallTime(),
  };
  // The desktop's fetch, one per device as in the app (its own keep-alive connection).
  const leanFetch = createLeanFetch();
  const timedFetch: typeof fetch = (input, init) => timed(state, 'untilHeadersMs', () => leanFetch(input, init));
  const client = new SyncClient({ engine: syncEngine, baseUrl, accessToken: async () => token(), fetch: timedFetch });
  return {
    path,
    engine: e,
    client,
    get timing() {
      return state.timing;
    },
    resetTiming: () => {
      state.timing = zero();
    },
  };
}

export interface SyncRun {
  report: SyncReport;
  ms: number;
  wire: WireTotals;
  exchanges: Exchange[];
  timing: Timing;
}

/** One `client.sync()` through the proxy: bytes both ways, time, round trips, phases. */
export async function measuredSync(device: TimedDevice, proxy: WireProxy, capture = true): Promise<SyncRun> {
  proxy.reset(capture);
  device.resetTiming();
  const t = performance.now();
  const report = await device.client.sync();
  const ms = performance.now() - t;
  const wire = proxy.read();
  const exchanges = capture ? proxy.exchanges() : [];
  proxy.reset(false);
  return { report, ms, wire, exchanges, timing: { ...device.timing } };
}

/** Row counts of a device's SQLite file (read-only connection beside the engine). */
export function deviceCounts(path: string, tables: readonly string[]): Record<string, number> {
  const raw = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(tables.map((t) => [t, Number(raw.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get())]));
  } finally {
    raw.close();
  }
}

export function firstValue(path: string, query: string): string {
  const raw = new Database(path, { readonly: true });
  try {
    return String(raw.prepare(query).pluck().get());
  } finally {
    raw.close();
  }
}
