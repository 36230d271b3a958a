/**
 * The job queue on one instance, on PGlite and on Postgres: jobs run with their data, failures
 * are retried with growing delays and end dead-lettered with their error, a run past its time
 * limit fails, and stopping waits for the jobs that are running.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudDb } from '../db/client.js';
import { ENGINES, jobsDatabase, quickJobs, sleep, waitFor, type JobsDatabase } from './jobsTesting.js';
import type { Jobs } from './jobs.js';

describe.each(ENGINES)('the job queue on %s', (engine) => {
  let database: JobsDatabase;
  let db: CloudDb;
  let jobs: Jobs;
  const seen: { name: string; data: unknown; retryCount: number; at: number }[] = [];
  let flakyFailures = 0;
  let slowEnded = false;

  beforeAll(async () => {
    database = await jobsDatabase(engine);
    db = await database.open();
    jobs = quickJobs(db);
    const record = (name: string) => async (data: unknown, job: { retryCount: number }) => {
      seen.push({ name, data, retryCount: job.retryCount, at: Date.now() });
    };
    jobs.queue.define('echo', async (data: { n: number }, job) => {
      await record('echo')(data, job);
      return { doubled: data.n * 2 };
    });
    jobs.queue.define(
      'always-fails',
      async (data: unknown, job) => {
        await record('always-fails')(data, job);
        throw new Error(`échec n° ${job.retryCount + 1}`);
      },
      { retryLimit: 2, retryDelay: 1, retryBackoff: true },
    );
    jobs.queue.define(
      'fails-once',
      async (data: unknown, job) => {
        await record('fails-once')(data, job);
        if (flakyFailures++ === 0) throw new Error('first try fails');
      },
      { retryLimit: 2, retryDelay: 1, retryBackoff: false },
    );
    jobs.queue.define('overtime', () => new Promise(() => undefined), { retryLimit: 0, expireInSeconds: 1 });
    jobs.queue.define('slow', async () => {
      await sleep(400);
      slowEnded = true;
    });
    await jobs.start();
  });

  afterAll(async () => {
    await jobs?.stop(1000);
    await db?.close();
    await database?.drop();
  });

  it('runs a job with its data and keeps it completed with the handler result', async () => {
    const id = (await jobs.queue.enqueue('echo', { n: 21 }))!;
    const state = await waitFor('echo completed', async () => {
      const job = await jobs.queue.job('echo', id);
      return job?.state === 'completed' ? job : undefined;
    });
    expect(state.data).toEqual({ n: 21 });
    expect(state.output).toEqual({ doubled: 42 });
    expect(state.retryCount).toBe(0);
    expect(seen.filter((s) => s.name === 'echo')).toHaveLength(1);
  });

  it('runs many jobs enqueued in one statement, each once', async () => {
    await jobs.queue.enqueueMany('echo', Array.from({ length: 50 }, (_, i) => ({ n: 1000 + i })));
    const mine = () => seen.filter((s) => s.name === 'echo' && (s.data as { n: number }).n >= 1000).map((s) => (s.data as { n: number }).n);
    await waitFor('the 50 jobs', () => mine().length >= 50);
    expect(mine().sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => 1000 + i));
  });

  it('refuses a job nobody defined, and a given id only once', async () => {
    await expect(jobs.queue.enqueue('nobody-runs-this', {})).rejects.toThrow(/unknown job/);
    const id = '00000000-0000-4000-8000-000000000001';
    expect(await jobs.queue.enqueue('echo', { n: 1 }, { id })).toBe(id);
    expect(await jobs.queue.enqueue('echo', { n: 2 }, { id })).toBeNull();
    await waitFor('the job with the given id', async () => (await jobs.queue.job('echo', id))?.state === 'completed');
    expect(seen.filter((s) => s.name === 'echo' && (s.data as { n: number }).n === 2)).toHaveLength(0);
  });

  it('retries a failing job with growing delays, then dead-letters it with its error', async () => {
    const id = (await jobs.queue.enqueue('always-fails', { order: 'B-17' }))!;
    const failed = await waitFor(
      'the job to fail for good',
      async () => {
        const job = await jobs.queue.job('always-fails', id);
        return job?.state === 'failed' ? job : undefined;
      },
      20_000,
    );
    const runs = seen.filter((s) => s.name === 'always-fails');
    expect(runs.map((r) => r.retryCount)).toEqual([0, 1, 2]);
    // Backoff from a 1 s delay: the first retry waits 1–2 s, the second 2–4 s (plus one poll).
    const [first, second] = [runs[1]!.at - runs[0]!.at, runs[2]!.at - runs[1]!.at];
    expect(first).toBeGreaterThanOrEqual(950);
    expect(first).toBeLessThan(2600);
    expect(second).toBeGreaterThanOrEqual(1950);
    expect(second).toBeLessThan(4600);
    expect(failed.retryCount).toBe(2);
    expect(failed.error).toBe('échec n° 3');
    const dead = await jobs.queue.deadLetters('always-fails');
    expect(dead).toHaveLength(1);
    expect(dead[0]!.data).toEqual({ order: 'B-17' });
    expect(dead[0]!.error).toBe('échec n° 3');
  });

  it('completes a job that fails once and then succeeds, and dead-letters nothing', async () => {
    const id = (await jobs.queue.enqueue('fails-once', {}))!;
    const done = await waitFor('the retried job to complete', async () => {
      const job = await jobs.queue.job('fails-once', id);
      return job?.state === 'completed' ? job : undefined;
    });
    expect(done.retryCount).toBe(1);
    expect(seen.filter((s) => s.name === 'fails-once')).toHaveLength(2);
    expect(await jobs.queue.deadLetters('fails-once')).toEqual([]);
  });

  it('fails a run that goes past its time limit', async () => {
    const id = (await jobs.queue.enqueue('overtime', {}))!;
    const failed = await waitFor('the overtime job to fail', async () => {
      const job = await jobs.queue.job('overtime', id);
      return job?.state === 'failed' ? job : undefined;
    });
    expect(failed.error).toBe('job ran longer than 1 s');
  });

  it('waits for a running job when it stops', async () => {
    const id = (await jobs.queue.enqueue('slow', {}))!;
    await waitFor('the slow job to start', () => jobs.queue.running('slow') === 1);
    await jobs.stop(5000);
    expect(slowEnded).toBe(true);
    // Read back through a queue that runs nothing.
    const reader = quickJobs(db, { work: false });
    reader.queue.define('slow', async () => undefined);
    await reader.start();
    expect((await reader.queue.job('slow', id))?.state).toBe('completed');
    await reader.stop();
  });
});
