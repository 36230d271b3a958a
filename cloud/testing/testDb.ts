/**
 * A fresh, empty cloud database for one test file: in-memory PGlite by default, or a new database
 * on the server named by TEST_DATABASE_URL (created here, dropped on close).
 */
import postgres from 'postgres';
import { randomBytes } from 'node:crypto';
import { openCloudDb, type CloudDb } from '../db/client.js';

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export async function openTestDb(): Promise<CloudDb> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return openCloudDb();
  const name = `styliste_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openCloudDb({ url: url.toString(), maxConnections: 20 });
  return {
    ...db,
    async close() {
      await db.close();
      const again = postgres(adminUrl, { max: 1, onnotice: () => undefined });
      await again.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await again.end();
    },
  };
}
