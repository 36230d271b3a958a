/**
 * The cloud database: PGlite in a local folder by default, any Postgres via postgres.js when a
 * URL is given. Workshop work runs in `withWorkshop`: a transaction under the RLS role with the
 * workshop set, so a query that forgets its filter still sees nothing of another workshop.
 * `system` is for what is not one workshop's: accounts, tokens, cross-workshop jobs.
 */
import { enterAndLockSequence } from './sequenceLock.js';
import { preparingClient, StatementBudget } from './preparedStatements.js';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema.js';
import { installSyncState, syncStateQuery, toSyncState, type SyncState } from './syncState.js';
import { CHANGES_CHANNEL, installChangeNotices, parseNotice } from './changeNotices.js';
import { SyncStateCache, type SyncStateCacheStats } from './syncStateCache.js';
import { listenForNotices, type NoticeHandlers, type NoticeListener } from './noticeListener.js';
import { randomBytes } from 'node:crypto';

export type Schema = typeof schema;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
type AnyDb = PgDatabase<PgQueryResultHKT, Schema>;

export const APP_ROLE = 'styliste_app';
const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export interface CloudDb {
  kind: 'pglite' | 'postgres';
  /**
   * One transaction as the RLS role, scoped to one workshop. `lockSequence`: the statement that
   * enters the workshop also takes its write lock (the server-write helper's first step), one
   * round trip instead of two (sequenceLock.ts).
   */
  withWorkshop<T>(workshopId: string, work: (tx: Tx) => Promise<T>, options?: { lockSequence?: boolean }): Promise<T>;
  /**
   * A read-only transaction on ONE snapshot (repeatable read), as the RLS role: every statement
   * sees the same committed state, so a pull never mixes rows from before and after a push.
   */
  readWorkshop<T>(workshopId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * A sync's checks in one statement, without an explicit transaction (see syncState.ts): the
   * member, the device and the workshop's head; null when the workshop has no sync state.
   * Answered from memory until the workshop changes (syncStateCache.ts).
   */
  syncState(workshopId: string, memberId: string, userId: string, deviceId: string): Promise<SyncState | null>;
  /** The same statement, always run (never from memory). */
  readSyncState(workshopId: string, memberId: string, userId: string, deviceId: string): Promise<SyncState | null>;
  /** How the sync-state cache is doing (hits, misses, whether it is live). */
  syncStateCache(): SyncStateCacheStats;
  /** One transaction without workshop scope (accounts, tokens, jobs). */
  system<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * One raw statement outside any transaction, with `$1…` parameters, as the database owner
   * (for libraries that bring their own SQL: the job queue, the rate limiter). On PGlite, a text
   * without parameters may hold several statements and runs as one transaction.
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** The postgres:// URL when on Postgres (libraries that open their own connections); undefined on PGlite. */
  url: string | undefined;
  close(): Promise<void>;
}

/** Rows of a raw query, whatever the driver (PGlite returns {rows}, postgres.js an array). */
export async function rows<T>(tx: Tx | AnyDb, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export interface OpenOptions {
  /** postgres:// URL; without it, PGlite. */
  url?: string;
  /** PGlite data folder; undefined means in memory. */
  dataDir?: string;
  /** postgres.js pool size (at least 2: opening migrates on one connection while another holds the lock). */
  maxConnections?: number;
  /** Most sync-state answers kept in memory (0: none); default 100,000. */
  syncStateCacheEntries?: number;
}

async function bootstrapRole(db: AnyDb): Promise<void> {
  await db.execute(sql.raw(`DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
      CREATE ROLE ${APP_ROLE} NOLOGIN;
    END IF;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END $$`));
}

async function grantAppRole(db: AnyDb): Promise<void> {
  await db.execute(sql.raw(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE}`));
  await db.execute(sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE}`));
  // Receipt numbers are taken inside a workshop's transaction.
  await db.execute(sql.raw(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE}`));
  // Insert-only ledgers: a correction is a new row, never an edit (the credits' balance is their sum).
  for (const table of INSERT_ONLY_CLOUD_TABLES) await db.execute(sql.raw(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM ${APP_ROLE}`));
  // The platform admins' accounts are never a workshop's business: the application's role cannot even read them.
  for (const table of SYSTEM_ONLY_CLOUD_TABLES) await db.execute(sql.raw(`REVOKE ALL ON ${table} FROM ${APP_ROLE}`));
}

/** Workshop tables the application's role may only read and insert into (the ledgers)… */
export const INSERT_ONLY_WORKSHOP_TABLES = ['credit_ledger', 'billing_payments'] as const;
/** …and the admin portal's audit log (not a workshop table: written as the system, insert-only for every role by its trigger too). */
export const INSERT_ONLY_CLOUD_TABLES = [...INSERT_ONLY_WORKSHOP_TABLES, 'admin_audit'] as const;

/** Cloud tables only the system (the database owner) touches: the admin portal's accounts and sessions. */
export const SYSTEM_ONLY_CLOUD_TABLES = ['admins', 'admin_sessions', 'admin_recovery_codes'] as const;

/** One round trip: become the RLS role and set the workshop, both for this transaction only. */
export async function enterWorkshop(tx: Tx, workshopId: string): Promise<void> {
  await tx.execute(sql`SELECT set_config('role', ${APP_ROLE}, true), set_config('app.workshop_id', ${workshopId}, true)`);
}

export async function openCloudDb(options: OpenOptions = {}): Promise<CloudDb> {
  let db: AnyDb;
  let close: () => Promise<void>;
  let kind: CloudDb['kind'];
  /** Subscribes to the change notices (noticeListener.ts says when). */
  let listen: (handlers: NoticeHandlers) => Promise<NoticeListener>;
  let executeSql: CloudDb['executeSql'];
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    // At least two: the migration holds one connection for its lock while it runs on another.
    const client = postgres(options.url, { max: Math.max(2, options.maxConnections ?? 10), onnotice: () => undefined });
    const pg = drizzle(preparingClient(client, new StatementBudget()), { schema });
    db = pg as unknown as AnyDb;
    kind = 'postgres';
    close = () => client.end({ timeout: 5 });
    listen = (handlers) => listenForNotices(postgres, options.url!, handlers);
    executeSql = async (text, values = []) => ({ rows: [...(await client.unsafe(text, values as never[]))] as Record<string, unknown>[] });
    // Several instances may start together: one migrates at a time.
    await client.begin(async (lock) => {
      await lock`SELECT pg_advisory_xact_lock(7041977)`;
      await bootstrapRole(db);
    });
    const reserved = await client.reserve();
    try {
      await reserved`SELECT pg_advisory_lock(7041978)`;
      await migrate(pg, { migrationsFolder: MIGRATIONS });
      await grantAppRole(db);
      await installSyncState(db, APP_ROLE);
      await installChangeNotices(db);
    } finally {
      await reserved`SELECT pg_advisory_unlock(7041978)`;
      reserved.release();
    }
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    // The directory's distance search needs cube and earthdistance (migration 0007).
    const { cube } = await import('@electric-sql/pglite/contrib/cube');
    const { earthdistance } = await import('@electric-sql/pglite/contrib/earthdistance');
    const extensions = { cube, earthdistance };
    const client = options.dataDir ? new PGlite(options.dataDir, { extensions }) : new PGlite({ extensions });
    const pg = drizzle(client, { schema });
    db = pg as unknown as AnyDb;
    kind = 'pglite';
    close = () => client.close();
    executeSql = async (text, values = []) => {
      if (values.length > 0) return { rows: (await client.query<Record<string, unknown>>(text, values)).rows };
      // Without parameters the text may hold several statements (pg-boss sends `BEGIN; …; COMMIT;`),
      // which only exec runs. Inside PGlite's own transaction, a failure part-way is rolled back
      // instead of leaving the one connection in an aborted transaction for every later query.
      const results = await client.transaction((tx) => tx.exec(text));
      return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
    };
    // In the same process as every writer: a notice can only be lost with the database itself.
    listen = async ({ onNotice, onListening }) => {
      await client.listen(CHANGES_CHANNEL, onNotice);
      onListening();
      return {
        notify: async (payload) => void (await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, payload])),
        close: async () => undefined,
      };
    };
    await bootstrapRole(db);
    await migrate(pg, { migrationsFolder: MIGRATIONS });
    await grantAppRole(db);
    await installSyncState(db, APP_ROLE);
    await installChangeNotices(db);
  }

  const readSyncState: CloudDb['readSyncState'] = async (workshopId, memberId, userId, deviceId) =>
    toSyncState((await rows<Parameters<typeof toSyncState>[0] & object>(db, syncStateQuery(workshopId, memberId, userId, deviceId)))[0]);
  const maxEntries = options.syncStateCacheEntries ?? 100_000;
  let listener: NoticeListener | null = null;
  const cache = new SyncStateCache({
    load: readSyncState,
    notify: async (payload) => listener?.notify(payload),
    instance: randomBytes(6).toString('hex'),
    maxEntries,
  });
  if (maxEntries > 0) {
    listener = await listen({ onNotice: (payload) => cache.heard(parseNotice(payload)), onListening: () => cache.listening(), onLost: () => cache.lost() });
    await cache.start();
  }
  /** A workshop transaction, and this instance forgets what it cached of the workshop once it ends. */
  const invalidating = async <T>(workshopId: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } finally {
      cache.invalidate(workshopId);
    }
  };

  return {
    kind,
    withWorkshop(workshopId, work, options = {}) {
      return invalidating(workshopId, () =>
        db.transaction(async (tx) => {
          if (options.lockSequence) await enterAndLockSequence(tx as Tx, APP_ROLE, workshopId);
          else await enterWorkshop(tx as Tx, workshopId);
          return work(tx as Tx);
        }),
      );
    },
    readWorkshop(workshopId, work) {
      return db.transaction(
        async (tx) => {
          await enterWorkshop(tx as Tx, workshopId);
          return work(tx as Tx);
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
    },
    syncState: (workshopId, memberId, userId, deviceId) => cache.get(workshopId, memberId, userId, deviceId),
    readSyncState,
    syncStateCache: () => cache.stats(),
    system(work) {
      return db.transaction((tx) => work(tx as Tx));
    },
    executeSql: (text, values) => executeSql(text, values),
    url: options.url,
    async close() {
      cache.stop();
      await listener?.close();
      await close();
    },
  };
}
