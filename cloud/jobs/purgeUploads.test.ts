/**
 * The first job, for real: the nightly tick of the purge enqueues it, it forgets an upload left
 * unfinished for more than a day (its row and its part file) and keeps a fresh one; on PGlite and
 * on Postgres. Its schedule is read in Bénin's time zone.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { CloudDb } from '../db/client.js';
import { LocalFileStorage } from '../files/localStorage.js';
import { Uploads } from '../files/uploads.js';
import { ENGINES, jobsDatabase, quickJobs, silentLogger, waitFor, type JobsDatabase } from './jobsTesting.js';
import type { Jobs } from './jobs.js';
import { PURGE_UPLOADS_JOB, PURGE_UPLOADS_SCHEDULE, registerPurgeUploads, type PurgeUploadsResult } from './purgeUploads.js';

/** Starts an upload of 100 bytes and sends only its first 10: a row "uploading" and a part file. */
async function startUpload(uploads: Uploads, workshopId: string): Promise<string> {
  const bytes = randomBytes(100);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const result = await uploads.receive(workshopId, hash, 'fabric', { start: 0, end: 9, total: 100 }, bytes.subarray(0, 10), 'fr');
  expect(result.completed).toBe(false);
  return hash;
}

describe.each(ENGINES)('the purge of stale uploads on %s', (engine) => {
  let database: JobsDatabase;
  let db: CloudDb;
  let dataDir: string;
  let uploads: Uploads;
  let jobs: Jobs;
  const now = new Date();

  beforeAll(async () => {
    database = await jobsDatabase(engine);
    db = await database.open();
    dataDir = mkdtempSync(join(tmpdir(), 'styliste-purge-'));
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', JWT_SECRET: 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz', DATA_DIR: dataDir });
    uploads = new Uploads({ config, db, logger: silentLogger }, new LocalFileStorage(dataDir));
    jobs = quickJobs(db, { now: () => now });
    registerPurgeUploads(jobs, (before) => uploads.purgeStale(before));
    await jobs.start();
  });

  afterAll(async () => {
    await jobs?.stop(1000);
    await db?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('forgets an upload unfinished for more than a day, row and part file, and keeps a fresh one', async () => {
    const workshopId = randomUUID();
    const stale = await startUpload(uploads, workshopId);
    const fresh = await startUpload(uploads, workshopId);
    await db.system((tx) => tx.execute(sql`UPDATE files SET created_at = ${new Date(now.getTime() - 25 * 3600_000).toISOString()}::timestamptz WHERE hash = ${stale}`));
    expect(existsSync(uploads.partPath(workshopId, stale))).toBe(true);

    const id = (await jobs.schedules.tick(PURGE_UPLOADS_SCHEDULE, new Date()))!;
    expect(id).toBeTruthy();
    const done = await waitFor('the purge to complete', async () => {
      const job = await jobs.queue.job(PURGE_UPLOADS_JOB, id);
      return job?.state === 'completed' ? job : undefined;
    });
    expect(done.output as PurgeUploadsResult).toEqual({ purged: 1, before: new Date(now.getTime() - 24 * 3600_000).toISOString() });
    expect(await uploads.find(workshopId, stale)).toBeNull();
    expect(existsSync(uploads.partPath(workshopId, stale))).toBe(false);
    expect((await uploads.find(workshopId, fresh))?.state).toBe('uploading');
    expect(existsSync(uploads.partPath(workshopId, fresh))).toBe(true);
  });

  it('ticks at 03:30 in Porto-Novo, 02:30 UTC', () => {
    const next = jobs.schedules.nextRun(PURGE_UPLOADS_SCHEDULE)!;
    expect(next.getUTCHours()).toBe(2);
    expect(next.getUTCMinutes()).toBe(30);
    expect(next.getTime()).toBeGreaterThan(Date.now());
    expect(next.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
  });
});
