/**
 * One cloud instance for the messages bench, in its own process: a real server (its services,
 * its jobs running, the dispatcher sending through the Africa's Talking SDK to the bench's
 * loopback). Prints `READY <url>`; on the line SWEEP it enqueues every queued message at once and
 * prints `SWEPT <n>`; on CPU it prints `CPU <ms of CPU used so far>`; on STOP it stops and prints
 * `SENT <messages it sent>`.
 *   npx tsx bench/messagesInstance.ts <postgres URL> <Africa's Talking loopback URL> <concurrency> <pool>
 */
import { createInterface } from 'node:readline';
import { openCloudDb } from '../cloud/db/client.js';
import { startTestServer } from '../cloud/testing/testServer.js';
import { smsProviderEnv } from '../cloud/notifications/dispatchTesting.js';

const [url, atUrl, concurrency, pool] = process.argv.slice(2) as [string, string, string, string];
const db = await openCloudDb({ url, maxConnections: Number(pool), syncStateCacheEntries: 100_000 });
const server = await startTestServer(
  smsProviderEnv(atUrl),
  // Production waits, except: every queued message may be swept (SWEEP), and no sweep on its own.
  { db, tuning: { messages: { concurrency: Number(concurrency), sweepAfterMs: 0, sweepCron: '0 0 1 1 *' } } },
);
await server.ctx.services.jobs.start();
process.stdout.write(`READY ${server.url}\n`);

async function sent(): Promise<number> {
  const metric = await server.ctx.metrics.getSingleMetric('messages_dispatched_total')?.get();
  return (metric?.values ?? []).filter((v) => v.labels.outcome === 'sent').reduce((sum, v) => sum + v.value, 0);
}

for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'CPU') {
    const { user, system } = process.cpuUsage();
    process.stdout.write(`CPU ${((user + system) / 1000).toFixed(0)}\n`);
  } else if (line === 'SWEEP') {
    const { enqueued } = await server.ctx.services.dispatcher.sweep(server.ctx.services.jobs.queue, 1_000_000);
    process.stdout.write(`SWEPT ${enqueued}\n`);
  } else if (line === 'STOP') {
    await server.ctx.services.jobs.stop(5_000);
    const count = await sent();
    process.stderr.write(`batches ${JSON.stringify(server.ctx.services.dispatcher.batches.stats)}\n`);
    await server.close();
    process.stdout.write(`SENT ${count}\n`);
    break;
  }
}
// The parent keeps our stdin open: let go of it so the process ends on its own once stopped
// (server and jobs leave nothing running), and a profile, when asked for, is written then.
process.stdin.destroy();
