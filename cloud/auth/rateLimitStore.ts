/**
 * Where rate-limiter-flexible keeps its counts on Postgres: one table, `rate_limits`, created at
 * start, and the `pg`-like client its RateLimiterPostgres talks to.
 *
 * The library knows `pg`, Knex, Sequelize and TypeORM clients, not postgres.js. Rather than open a
 * second pool with `pg` (only present as a dependency of pg-boss, so it could vanish with an
 * upgrade, and it would double each instance's connections), the limiter is given the one method
 * it calls on a plain client, `query({text, values})`, answered by `CloudDb.executeSql` over the
 * instance's existing pool. Every statement the library sends is a single self-contained upsert,
 * select or delete, so running each outside a transaction is what it expects of `pg` as well.
 */
import type { CloudDb } from '../db/client.js';

export const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * The library writes `INSERT INTO rate_limits VALUES ($1, $2, $3)`: the columns must be exactly
 * key, points, expire (ms since 1970), in this order, as its own CREATE TABLE makes them. Keys are
 * `<limiter name>:<keyed hash>` (rateLimit.ts): no phone number or address is ever stored.
 *
 * Created here rather than by the library (`tableCreated: false`) so that instances starting
 * together wait for one another on an advisory lock instead of racing on the catalogue (Postgres
 * can fail a concurrent CREATE TABLE IF NOT EXISTS with a unique violation on pg_type). The DO
 * block is one statement, so the transaction-level lock is held until the table exists.
 */
const CREATE_TABLE = `DO $$ BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('styliste.${RATE_LIMIT_TABLE}'));
  CREATE TABLE IF NOT EXISTS ${RATE_LIMIT_TABLE} (
    key varchar(255) PRIMARY KEY,
    points integer NOT NULL DEFAULT 0,
    expire bigint
  );
END $$`;

const created = new WeakMap<CloudDb, Promise<void>>();

/** Creates the table once per database handle; a failure is forgotten so the next call tries again. */
export function ensureRateLimitTable(db: CloudDb): Promise<void> {
  let pending = created.get(db);
  if (!pending) {
    pending = db.executeSql(CREATE_TABLE).then(() => undefined);
    created.set(db, pending);
    pending.catch(() => created.delete(db));
  }
  return pending;
}

/** What RateLimiterPostgres (storeType 'client') calls: `query({text, values, name?})`. */
export interface PgLikeClient {
  query(statement: { text: string; values?: unknown[]; name?: string }): Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
}

/**
 * `name` (a prepared-statement name for `pg`) is not needed: postgres.js runs the text with its
 * parameters as it is. `rowCount` is the number of rows returned, which is what the library reads
 * it for after its SELECT (and its upsert, which RETURNs the row); after its DELETE (not used by
 * rateLimit.ts) it would read 0.
 */
export function pgLikeClient(db: CloudDb, onError?: (error: unknown) => void): PgLikeClient {
  return {
    async query({ text, values }) {
      try {
        const { rows } = await db.executeSql(text, values ?? []);
        return { rows, rowCount: rows.length };
      } catch (error) {
        onError?.(error);
        throw error;
      }
    },
  };
}
