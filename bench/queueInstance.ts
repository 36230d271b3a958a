/**
 * One cloud instance for the queue bench, in its own process: it runs the no-op job `noop` and
 * prints READY once started; on SIGTERM it stops gracefully and prints RAN <jobs it ran>.
 *   npx tsx bench/queueInstance.ts <postgres URL> <concurrency> <pool size> <poll ms>
 */
import { pino } from 'pino';
import { openCloudDb } from '../cloud/db/client.js';
import { createJobs } from '../cloud/jobs/jobs.js';

const [url, concurrency, poolSize, pollMs] = process.argv.slice(2) as [string, string, string, string];
const db = await openCloudDb({ url, maxConnections: 2, syncStateCacheEntries: 0 });
const jobs = createJobs({ db, logger: pino({ level: 'error' }), poolSize: Number(poolSize), pollIntervalMs: Number(pollMs) });
let ran = 0;
jobs.queue.define('noop', async () => void ran++, { concurrency: Number(concurrency) });
await jobs.start();
process.stdout.write('READY\n');
process.on('SIGTERM', () => {
  void (async () => {
    await jobs.stop(5000);
    await db.close();
    process.stdout.write(`RAN ${ran}\n`);
    process.exit(0);
  })();
});
