/**
 * A fresh, empty cloud database for one test file: in-memory PGlite by default, or a new database
 * on the server named by TEST_DATABASE_URL (created here, dropped on close).
 */
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { openCloudDb, type CloudDb } from '../db/client.js';

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** A new, empty database on the Postgres server of `adminUrl`; `drop()` removes it. */
export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const again = postgres(adminUrl, { max: 1, onnotice: () => undefined });
      await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}

export async function openTestDb(): Promise<CloudDb> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return openCloudDb();
  const scratch = await createScratchDatabase(adminUrl, 'styliste_test');
  const db = await openCloudDb({ url: scratch.url, maxConnections: 20 });
  return {
    ...db,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}
