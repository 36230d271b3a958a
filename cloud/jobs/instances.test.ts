/**
 * Two cloud instances on one Postgres database (two connections, two queues, two sets of
 * schedules, as two servers would have): every job runs once across both, and every tick of a
 * schedule that both run does its work once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudDb } from '../db/client.js';
import { jobsDatabase, quickJobs, sleep, waitFor, type JobsDatabase } from './jobsTesting.js';
import type { Jobs } from './jobs.js';
import type { TickData } from './schedules.js';

interface Instance {
  db: CloudDb;
  jobs: Jobs;
  ran: string[];
  ticks: string[];
}

describe('two instances on one Postgres', () => {
  let database: JobsDatabase;
  const instances: Instance[] = [];

  beforeAll(async () => {
    database = await jobsDatabase('postgres');
    for (let i = 0; i < 2; i++) {
      const db = await database.open();
      const jobs = quickJobs(db);
      const instance: Instance = { db, jobs, ran: [], ticks: [] };
      jobs.queue.define(
        'work',
        async (data: { n: number }) => {
          instance.ran.push(String(data.n));
          await sleep(5);
        },
        { concurrency: 4 },
      );
      jobs.queue.define('tick-work', async (data: TickData) => void instance.ticks.push(data.tick));
      jobs.schedules.add('every-second', '* * * * * *', 'tick-work', { timezone: 'Africa/Porto-Novo' });
      jobs.schedules.add('by-hand', '0 0 1 1 *', 'tick-work');
      instances.push(instance);
    }
    // Both start together, as servers of one deployment do (pg-boss installs its schema once).
    await Promise.all(instances.map((instance) => instance.jobs.start()));
  });

  afterAll(async () => {
    for (const { jobs, db } of instances) {
      await jobs.stop(1000);
      await db.close();
    }
    await database?.drop();
  });

  it('runs each of 300 jobs exactly once, shared between the two', async () => {
    const [a, b] = instances as [Instance, Instance];
    const expected: string[] = [];
    for (let n = 0; n < 300; n++) {
      await (n % 2 === 0 ? a : b).jobs.queue.enqueue('work', { n });
      expected.push(String(n));
    }
    await waitFor('every job to run', () => a.ran.length + b.ran.length >= 300, 20_000);
    await sleep(300); // a job run twice would show up now
    const all = [...a.ran, ...b.ran].sort();
    expect(all).toEqual(expected.sort());
    expect(a.ran.length).toBeGreaterThan(0);
    expect(b.ran.length).toBeGreaterThan(0);
  });

  it('does the work of a tick once when both instances tick at the same second', async () => {
    const [a, b] = instances as [Instance, Instance];
    const before = a.ticks.length + b.ticks.length;
    const at = new Date('2027-01-01T00:00:00.400Z');
    const ids = await Promise.all([a.jobs.schedules.tick('by-hand', at), b.jobs.schedules.tick('by-hand', new Date('2027-01-01T00:00:00.900Z'))]);
    expect(ids.filter((id) => id !== null)).toHaveLength(1);
    await waitFor('the tick to run', () => a.ticks.length + b.ticks.length > before);
    await sleep(300);
    const ran = [...a.ticks, ...b.ticks].filter((tick) => tick === '2027-01-01T00:00:00.000Z');
    expect(ran).toEqual(['2027-01-01T00:00:00.000Z']);
  });

  it('runs an every-second schedule of both instances once per second', async () => {
    const [a, b] = instances as [Instance, Instance];
    const started = Date.now();
    const counted = instances.map((instance) => instance.jobs.schedules.tickCounts('every-second'));
    await sleep(3200);
    await sleep(500); // the last tick's job runs
    const [aCounts, bCounts] = instances.map((instance, i) => {
      const now = instance.jobs.schedules.tickCounts('every-second');
      return { ticked: now.ticked - counted[i]!.ticked, enqueued: now.enqueued - counted[i]!.enqueued };
    }) as [{ ticked: number; enqueued: number }, { ticked: number; enqueued: number }];
    // Both instances ticked every second; between them each tick was enqueued once.
    expect(aCounts.ticked).toBeGreaterThanOrEqual(3);
    expect(bCounts.ticked).toBeGreaterThanOrEqual(3);
    expect(Math.abs(aCounts.ticked - bCounts.ticked)).toBeLessThanOrEqual(1);
    expect(aCounts.enqueued + bCounts.enqueued).toBeLessThanOrEqual(Math.max(aCounts.ticked, bCounts.ticked));
    const ticks = [...a.ticks, ...b.ticks].filter((tick) => Date.parse(tick) >= started - 1000 && !tick.startsWith('2027'));
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ticks).size).toBe(ticks.length);
    for (const tick of ticks) expect(tick).toMatch(/:\d\d\.000Z$/);
  });
});
