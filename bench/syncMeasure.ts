/**
 * One load run of the sync benchmark with what the machine did meanwhile: CPU of the server
 * child, of every Postgres process and of the load generator over the measured window, the
 * bench database's statistics (optional), and the window on the profile clock.
 */
import { runLoad, type LoadDevice, type LoadResult } from './syncLoad.js';
import { pgCounters, type BenchDb, type PgCounters } from './syncFixture.js';
import { postgresCpuDelta, postgresCpuMs, processCpuMs, type ChildServer } from './syncServer.js';
import { monotonicMicros } from './syncProfile.js';

export interface Measured {
  result: LoadResult;
  /** CPU ms over the measured window. */
  cpu: { server: number; postgres: number; bench: number };
  /** Differences of the database counters over the window (null when not asked). */
  pg: Record<string, number> | null;
  span: { from: number; to: number };
}

export interface MeasureOptions {
  label: string;
  child: ChildServer;
  devices: LoadDevice[];
  check: (body: string) => boolean;
  warmupSeconds: number;
  seconds: number;
  /** Read the bench database's statistics before and after. */
  stats?: BenchDb;
  /** Open loop at this total rate (see syncLoad.ts); absent: closed loop. */
  ratePerSecond?: number;
}

export async function measureLoad(o: MeasureOptions): Promise<Measured> {
  const cpu = { server: 0, postgres: 0, bench: 0 };
  let marks = { server: 0, pg: new Map<number, number>(), bench: process.cpuUsage(), counters: null as PgCounters | null };
  const out: { pg: Record<string, number> | null } = { pg: null };
  const span = { from: 0, to: 0 };
  const result = await runLoad({
    label: o.label,
    baseUrl: o.child.url,
    path: '/api/sync',
    devices: o.devices,
    warmupSeconds: o.warmupSeconds,
    seconds: o.seconds,
    check: o.check,
    ratePerSecond: o.ratePerSecond,
    onWindow: (phase) => {
      if (phase === 'start') {
        span.from = monotonicMicros();
        marks = { server: processCpuMs(o.child.pid), pg: postgresCpuMs(), bench: process.cpuUsage(), counters: null };
        if (o.stats) void pgCounters(o.stats.ctx, o.stats.name).then((c) => (marks.counters = c));
        return;
      }
      span.to = monotonicMicros();
      cpu.server = processCpuMs(o.child.pid) - marks.server;
      cpu.postgres = postgresCpuDelta(marks.pg, postgresCpuMs());
      const used = process.cpuUsage(marks.bench);
      cpu.bench = (used.user + used.system) / 1000;
      const before = marks.counters;
      if (o.stats && before) {
        void pgCounters(o.stats.ctx, o.stats.name).then((c) => {
          out.pg = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v - before[k as keyof PgCounters]]));
        });
      }
    },
  });
  // Let the last statistics read land.
  await new Promise((r) => setTimeout(r, 300));
  return { result, cpu, pg: out.pg, span };
}
