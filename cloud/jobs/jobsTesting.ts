/**
 * Test helpers for the jobs area (its *.test.ts, its fixture and the queue bench): a database on
 * either engine — in-memory or folder PGlite, or a scratch database on the machine's Postgres
 * (TEST_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test, so that the tests that need
 * two instances run in both CI passes) — quick queue settings, and a patient wait.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino, type Logger } from 'pino';
import { openCloudDb, type CloudDb } from '../db/client.js';
import { createScratchDatabase } from '../testing/testDb.js';
import { createJobs, type Jobs, type JobsOptions } from './jobs.js';

export const POSTGRES_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type Engine = 'pglite' | 'postgres';
export const ENGINES: Engine[] = ['pglite', 'postgres'];

/** Where a test's database lives; `open` gives one more connection to it (another "instance"). */
export interface JobsDatabase {
  engine: Engine;
  /** The Postgres URL, or the PGlite data folder (undefined: in memory). */
  location: string | undefined;
  open(): Promise<CloudDb>;
  /** Removes the scratch database or data folder. */
  drop(): Promise<void>;
}

export async function jobsDatabase(engine: Engine, options: { pgliteFolder?: boolean } = {}): Promise<JobsDatabase> {
  if (engine === 'postgres') {
    const scratch = await createScratchDatabase(POSTGRES_ADMIN_URL, 'styliste_jobs');
    return {
      engine,
      location: scratch.url,
      open: () => openCloudDb({ url: scratch.url, maxConnections: 4, syncStateCacheEntries: 0 }),
      drop: () => scratch.drop(),
    };
  }
  const dataDir = options.pgliteFolder ? mkdtempSync(join(tmpdir(), 'styliste-jobs-')) : undefined;
  return {
    engine,
    location: dataDir,
    open: () => openCloudDb({ dataDir, syncStateCacheEntries: 0 }),
    drop: async () => {
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const silentLogger: Logger = pino({ level: process.env.JOBS_TEST_LOG ?? 'silent' });

/** Jobs that poll often and maintain every second, so that tests do not wait. */
export function quickJobs(db: CloudDb, options: Partial<JobsOptions> = {}): Jobs {
  return createJobs({ db, logger: silentLogger, pollIntervalMs: 100, maintenanceIntervalSeconds: 1, poolSize: 3, ...options });
}

/** Waits until `probe` returns something other than undefined/false; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
