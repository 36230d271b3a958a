/**
 * A dispatching process SIGKILLed in the middle of its sends (dispatchKilled.fixture.ts, a child
 * process with 8 sends at once): no message is lost, and the ones sent twice are counted.
 *
 * The kill lands at the worst moment on purpose: the loopback provider kills the child the
 * instant it accepts the 20th message, before its answer leaves, so at least that message was
 * accepted and never recorded. Another instance takes the killed runs back once their time limit
 * has passed, finds their messages `sending`, and sends them again (at least once, dispatcher.ts).
 * What is stated: every message ends `sent`, each was charged once, and the messages that reached
 * the provider twice are at least 1 and at most those that were `sending` at the kill — at most
 * the job's concurrency (8).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openCloudDb, rows, type CloudDb } from '../db/client.js';
import { createScratchDatabase, usingPostgres } from '../testing/testDb.js';
import { startTestServer } from '../testing/testServer.js';
import { startAfricasTalkingLoopback, type AfricasTalkingLoopback } from '../providers/testing/africasTalkingLoopback.js';
import { AT, KILLED_TUNING, PUBLIC_URL, Shop, sleep } from './dispatchTesting.js';

const fixture = fileURLToPath(new URL('./dispatchKilled.fixture.ts', import.meta.url));
const engine = usingPostgres ? 'postgres' : 'pglite';
const MESSAGES = 60;
const KILL_AT = 20;
const CONCURRENCY = KILLED_TUNING.messages!.concurrency!;

let at: AfricasTalkingLoopback;
let cleanup: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

function atEnv(url: string): Record<string, string> {
  return {
    PUBLIC_URL,
    AFRICASTALKING_USERNAME: AT.username,
    AFRICASTALKING_API_KEY: AT.apiKey,
    AFRICASTALKING_SENDER_ID: AT.senderId,
    AFRICASTALKING_WEBHOOK_TOKEN: AT.webhookToken,
    AFRICASTALKING_BASE_URL: url,
  };
}

/** Runs the fixture; the loopback kills it with SIGKILL as it accepts message number KILL_AT. */
function runUntilKilled(location: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, engine, location, at.url], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const push = at.sent.push.bind(at.sent);
    at.sent.push = (...items) => {
      const length = push(...items);
      if (length >= KILL_AT) child.kill('SIGKILL'); // before the loopback's answer is written
      return length;
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the child never reached ${KILL_AT} sends: ${errors}`));
    }, 60_000);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      at.sent.push = push;
      if (signal === 'SIGKILL' && at.sent.length >= KILL_AT) resolve();
      else reject(new Error(`the child ended by itself (${signal}): ${errors}`));
    });
  });
}

async function statusCounts(db: CloudDb): Promise<Record<string, number>> {
  const found = await db.system((tx) => rows<{ status: string; n: number }>(tx, sql`SELECT status, count(*)::int AS n FROM messages GROUP BY status`));
  return Object.fromEntries(found.map((row) => [row.status, Number(row.n)]));
}

describe(`a dispatching process killed with SIGKILL on ${engine}`, () => {
  it('loses no message; sends twice at least the one accepted at the kill, at most those in flight', async () => {
    at = await startAfricasTalkingLoopback(AT);
    cleanup.push(() => at.close());
    let location: string;
    if (engine === 'postgres') {
      const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, 'styliste_killed');
      cleanup.push(() => scratch.drop());
      location = scratch.url;
    } else {
      location = mkdtempSync(join(tmpdir(), 'styliste-killed-'));
      cleanup.push(async () => rmSync(location, { recursive: true, force: true }));
    }
    const open = () => openCloudDb(engine === 'postgres' ? { url: location, maxConnections: 10, syncStateCacheEntries: 0 } : { dataDir: location, syncStateCacheEntries: 0 });

    // 1. A workshop's device pushes 60 messages to a server whose jobs do not run, then it stops.
    const first = await startTestServer(atEnv(at.url), { db: await open(), tuning: KILLED_TUNING });
    const shop = await Shop.open(first, 1_000);
    const clients = await Promise.all(Array.from({ length: 6 }, () => shop.client()));
    const mutations = Array.from({ length: MESSAGES }, (_, i) => {
      const client = clients[i % clients.length]!;
      return shop.device.mutation('messages', crypto.randomUUID(), shop.messageFields(client.clientId, 'sms', client.phone, `Message ${i}`));
    });
    expect((await shop.device.sync(mutations)).acked).toHaveLength(MESSAGES);
    const workshopId = shop.workshopId;
    await first.close();

    // 2. Another process sweeps them into its queue, sends, and is killed mid-send.
    await runUntilKilled(location);
    const acceptedBeforeKill = at.sent.length;

    // 3. What the kill left, then a survivor on the same database.
    const db = await open();
    const atKill = await statusCounts(db);
    const inFlight = atKill.sending ?? 0;
    const survivor = await startTestServer(atEnv(at.url), { db, tuning: KILLED_TUNING });
    cleanup.push(() => survivor.close());
    await survivor.ctx.services.jobs.start();
    cleanup.push(() => survivor.ctx.services.jobs.stop(1_000));
    const deadline = Date.now() + 45_000;
    while (((await statusCounts(db)).sent ?? 0) < MESSAGES) {
      if (Date.now() > deadline) throw new Error(`not all sent: ${JSON.stringify(await statusCounts(db))}`);
      await sleep(200);
    }
    await sleep(500); // a late second copy would land now

    const copies = new Map<string, number>();
    for (const m of at.sent) copies.set(m.message, (copies.get(m.message) ?? 0) + 1);
    const twice = [...copies.values()].filter((n) => n === 2).length;
    expect(await statusCounts(db)).toEqual({ sent: MESSAGES });
    expect(copies.size).toBe(MESSAGES);
    expect([...copies.values()].every((n) => n === 1 || n === 2)).toBe(true);
    expect(twice).toBeGreaterThanOrEqual(1);
    expect(twice).toBeLessThanOrEqual(inFlight);
    expect(inFlight).toBeLessThanOrEqual(CONCURRENCY);
    const charged = await db.withWorkshop(workshopId, (tx) =>
      rows<{ n: number; total: number }>(tx, sql`SELECT count(*)::int AS n, COALESCE(SUM(amount), 0)::int AS total FROM credit_ledger WHERE kind = 'message'`),
    );
    expect(charged[0]).toEqual({ n: MESSAGES, total: -MESSAGES });
    console.info(
      `[${engine}] SIGKILL at the ${KILL_AT}th acceptance (${acceptedBeforeKill} accepted by then): ${inFlight} messages were sending at the kill, ` +
        `${twice} of ${MESSAGES} reached the provider twice, none lost, each charged once`,
    );
  }, 120_000);
});
