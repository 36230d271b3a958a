/**
 * JobCompletions (completions.ts): completions of one turn of the event loop written together,
 * one write per distinct output; a failed write rejects its own callers only; a later turn's
 * completions go in a later write. Then through the real queue with `batchCompletions: true`, on
 * PGlite and Postgres: 50 jobs each completed once, with its output, in fewer statements than jobs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CloudDb } from '../db/client.js';
import { JobCompletions } from './completions.js';
import { JOBS_SCHEMA } from './queue.js';
import { ENGINES, jobsDatabase, quickJobs, waitFor, type JobsDatabase } from './jobsTesting.js';
import type { Jobs } from './jobs.js';

interface Write {
  ids: string[];
  output: object | undefined;
}

/** Completions whose writes are kept, each settled when the test says so (or at once). */
function recorded(settle: (write: Write) => Promise<void> = async () => undefined) {
  const writes: Write[] = [];
  const completions = new JobCompletions(async (ids, output) => {
    const write = { ids: [...ids], output };
    writes.push(write);
    await settle(write);
  });
  return { writes, completions };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How each promise settled: 'done' or the error's message. */
const outcomes = (promises: Promise<void>[]) =>
  Promise.all(promises.map((p) => p.then(() => 'done', (error: unknown) => (error instanceof Error ? error.message : String(error)))));

describe('JobCompletions', () => {
  it('writes the completions of one turn with the same output ONCE, with every id, and settles each caller', async () => {
    const { writes, completions } = recorded();
    const ids = ['j1', 'j2', 'j3', 'j4'];
    const done = ids.map((id) => completions.complete(id, { sent: true }));
    expect(writes).toEqual([]); // nothing written before the turn ends
    expect(await outcomes(done)).toEqual(['done', 'done', 'done', 'done']);
    expect(writes).toEqual([{ ids, output: { sent: true } }]);
  });

  it('writes once per distinct output, each with its own ids; no output is an output of its own', async () => {
    const { writes, completions } = recorded();
    const done = [
      completions.complete('a1', { status: 'sent' }),
      completions.complete('b1', { status: 'failed' }),
      completions.complete('c1', undefined),
      completions.complete('a2', { status: 'sent' }),
      completions.complete('d1', {}),
      completions.complete('c2', undefined),
      completions.complete('b2', { status: 'failed' }),
    ];
    expect(await outcomes(done)).toEqual(Array(7).fill('done'));
    expect(writes).toHaveLength(4);
    expect(writes).toEqual(
      expect.arrayContaining([
        { ids: ['a1', 'a2'], output: { status: 'sent' } },
        { ids: ['b1', 'b2'], output: { status: 'failed' } },
        { ids: ['c1', 'c2'], output: undefined },
        { ids: ['d1'], output: {} },
      ]),
    );
  });

  it('rejects every caller of a failed write with its error, and none of the other writes', async () => {
    const { writes, completions } = recorded(async (write) => {
      if ((write.output as { status?: string } | undefined)?.status === 'failed') throw new Error('connexion perdue');
    });
    const done = [
      completions.complete('ok1', { status: 'sent' }),
      completions.complete('ko1', { status: 'failed' }),
      completions.complete('ok2', { status: 'sent' }),
      completions.complete('ko2', { status: 'failed' }),
      completions.complete('none', undefined),
    ];
    expect(await outcomes(done)).toEqual(['done', 'connexion perdue', 'done', 'connexion perdue', 'done']);
    expect(writes).toHaveLength(3);
  });

  it('puts a later turn in a later write, also while the earlier write is still running', async () => {
    let finishFirst: () => void = () => undefined;
    const { writes, completions } = recorded((write) => (write.ids.includes('first') ? new Promise<void>((resolve) => (finishFirst = resolve)) : Promise.resolve()));
    const first = [completions.complete('first', { n: 1 }), completions.complete('first-bis', { n: 1 })];
    await nextTurn();
    expect(writes).toEqual([{ ids: ['first', 'first-bis'], output: { n: 1 } }]);

    // The first write has not answered: a completion of this turn, same output, is not added to it.
    const second = completions.complete('second', { n: 1 });
    expect(await outcomes([second])).toEqual(['done']);
    expect(writes).toEqual([
      { ids: ['first', 'first-bis'], output: { n: 1 } },
      { ids: ['second'], output: { n: 1 } },
    ]);
    let firstSettled = false;
    void Promise.all(first).then(() => (firstSettled = true));
    await nextTurn();
    expect(firstSettled).toBe(false);
    finishFirst();
    expect(await outcomes(first)).toEqual(['done', 'done']);

    // And once everything is quiet, the next completion is written on its own.
    await nextTurn();
    await completions.complete('third', { n: 1 });
    expect(writes.map((w) => w.ids)).toEqual([['first', 'first-bis'], ['second'], ['third']]);
  });
});

describe.each(ENGINES)('batched completions through the job queue on %s', (engine) => {
  const NAME = 'batched-echo';
  let database: JobsDatabase;
  let db: CloudDb;
  let jobs: Jobs;
  const runs = new Map<number, number>();
  let openGate: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (openGate = resolve));

  beforeAll(async () => {
    database = await jobsDatabase(engine);
    db = await database.open();
    jobs = quickJobs(db);
    jobs.queue.define(
      NAME,
      async (data: { n: number }) => {
        runs.set(data.n, (runs.get(data.n) ?? 0) + 1);
        await gate; // the first jobs claimed end together
        return { parity: data.n % 2 === 0 ? 'even' : 'odd' };
      },
      { concurrency: 10, batchCompletions: true, retryLimit: 2, retryDelay: 1 },
    );
    await jobs.start();
  });

  afterAll(async () => {
    await jobs?.stop(1000);
    await db?.close();
    await database?.drop();
  });

  it('completes 50 jobs, each once and with its own output, in fewer statements than jobs', async () => {
    const numbers = Array.from({ length: 50 }, (_, i) => i);
    await jobs.queue.enqueueMany(NAME, numbers.map((n) => ({ n })));
    await waitFor('ten jobs running', () => jobs.queue.running(NAME) === 10);
    openGate();

    const stored = await waitFor(
      'the 50 jobs completed',
      async () => {
        const { rows } = await db.executeSql(`SELECT id, state, data, output, retry_count, completed_on::text AS completed_at FROM ${JOBS_SCHEMA}.job WHERE name = $1`, [NAME]);
        return rows.length === 50 && rows.every((r) => r.state === 'completed') ? rows : undefined;
      },
      20_000,
    );
    const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as Record<string, unknown>;
    for (const row of stored) {
      const n = json(row.data).n as number;
      expect(json(row.output), `job ${n}`).toEqual({ parity: n % 2 === 0 ? 'even' : 'odd' });
      expect(Number(row.retry_count), `job ${n}`).toBe(0);
    }
    expect(stored.map((r) => json(r.data).n as number).sort((x, y) => x - y)).toEqual(numbers);
    expect([...runs.keys()].sort((x, y) => x - y)).toEqual(numbers);
    expect([...runs.values()].every((count) => count === 1)).toBe(true);
    // One statement stamps its jobs with one completion time (its transaction's now()).
    const statements = new Set(stored.map((r) => r.completed_at)).size;
    expect(statements).toBeLessThan(50);
    expect(await jobs.queue.deadLetters(NAME)).toEqual([]);
  });
});
