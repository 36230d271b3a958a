/**
 * Test fixture, run as a child process by dispatch.killed.test.ts and killed there with SIGKILL
 * in the middle of sending: an instance (a real server's services, jobs running) on the test's
 * database whose SMS provider is the test's Africa's Talking loopback. It sweeps the queued
 * messages into the send queue, prints READY, and sends until it is killed.
 *   args: <engine: pglite|postgres> <PGlite data folder | Postgres URL> <Africa's Talking loopback URL>
 */
import { openCloudDb } from '../db/client.js';
import { startTestServer } from '../testing/testServer.js';
import { KILLED_TUNING, smsProviderEnv } from './dispatchTesting.js';

const [engine, location, atUrl] = process.argv.slice(2) as [string, string, string];
const db = await openCloudDb(engine === 'postgres' ? { url: location, maxConnections: 10, syncStateCacheEntries: 0 } : { dataDir: location, syncStateCacheEntries: 0 });
const server = await startTestServer(
  smsProviderEnv(atUrl),
  { db, tuning: KILLED_TUNING },
);
await server.ctx.services.jobs.start();
const { enqueued } = await server.ctx.services.dispatcher.sweep(server.ctx.services.jobs.queue);
process.stdout.write(`READY ${enqueued}\n`);
