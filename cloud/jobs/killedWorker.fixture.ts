/**
 * Test fixture, run as a child process by killed.test.ts and killed there with SIGKILL: an
 * instance that enqueues one job `killable`, claims it and stops dead in its handler
 * (prints STARTED <id> <retryCount>).
 *   args: <engine: pglite|postgres> <Postgres URL | PGlite data folder>
 */
import { openCloudDb } from '../db/client.js';
import { quickJobs } from './jobsTesting.js';
import { KILLABLE, KILLABLE_OPTIONS } from './killable.js';

const [engine, location] = process.argv.slice(2) as [string, string];
const db = await openCloudDb(engine === 'postgres' ? { url: location, maxConnections: 2, syncStateCacheEntries: 0 } : { dataDir: location, syncStateCacheEntries: 0 });
const jobs = quickJobs(db);
jobs.queue.define(
  KILLABLE,
  async (_data, job) => {
    process.stdout.write(`STARTED ${job.id} ${job.retryCount}\n`);
    await new Promise(() => undefined); // until SIGKILL
  },
  KILLABLE_OPTIONS,
);
await jobs.start();
await jobs.queue.enqueue(KILLABLE, { photo: 'abc' });
