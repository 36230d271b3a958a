/**
 * A job whose process is killed with SIGKILL in the middle of its handler runs again, in another
 * instance once its time limit has passed: on PGlite (the same data folder, opened again after
 * the kill) and on Postgres.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, jobsDatabase, quickJobs, waitFor, type JobsDatabase } from './jobsTesting.js';
import { KILLABLE, KILLABLE_OPTIONS } from './killable.js';

const fixture = fileURLToPath(new URL('./killedWorker.fixture.ts', import.meta.url));

/** Runs the fixture until it has started its job, kills it with SIGKILL; which job, when. */
function runUntilStartedThenKill(database: JobsDatabase): Promise<{ id: string; startedAt: number; retryCount: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, database.engine, database.location!], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    let started: { id: string; startedAt: number; retryCount: number } | null = null;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the worker never started the job: ${output} ${errors}`));
    }, 25_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /STARTED ([0-9a-f-]{36}) (\d+)/.exec(output);
      if (match && !started) {
        started = { id: match[1]!, startedAt: Date.now(), retryCount: Number(match[2]) };
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL' && started) resolve(started);
      else reject(new Error(`the worker ended by itself (${signal}): ${errors}`));
    });
  });
}

describe.each(ENGINES)('a job killed mid-run on %s', (engine) => {
  let database: JobsDatabase | undefined;
  afterEach(async () => database?.drop());

  it('runs again in another instance after its time limit, to completion', async () => {
    database = await jobsDatabase(engine, { pgliteFolder: true });
    const killed = await runUntilStartedThenKill(database);
    expect(killed.retryCount).toBe(0);
    const id = killed.id;

    const db = await database.open();
    const runs: { retryCount: number; at: number; data: unknown }[] = [];
    const survivor = quickJobs(db);
    survivor.queue.define(KILLABLE, async (data, job) => void runs.push({ retryCount: job.retryCount, at: Date.now(), data }), KILLABLE_OPTIONS);
    await survivor.start();
    try {
      const done = await waitFor(
        'the killed job to complete',
        async () => {
          const job = await survivor.queue.job(KILLABLE, id);
          return job?.state === 'completed' ? job : undefined;
        },
        20_000,
      );
      expect(runs).toHaveLength(1);
      expect(runs[0]!.retryCount).toBe(1);
      expect(runs[0]!.data).toEqual({ photo: 'abc' });
      expect(done.retryCount).toBe(1);
      // Not taken back before the killed run's time limit (2 s from its start).
      expect(runs[0]!.at - killed.startedAt).toBeGreaterThanOrEqual(1000);
    } finally {
      await survivor.stop(1000);
      await db.close();
    }
  }, 60_000); // two PGlite openings of a data folder, slow on a busy machine
});
