/**
 * The small SQL port the engine is written against. Every method returns a promise so that
 * both hosts fit: better-sqlite3 in the Electron main process (synchronous underneath) and the
 * official SQLite WASM in a browser worker. The engine serialises its own work, so an adapter
 * never sees two transactions interleaved.
 */

export type SqlValue = string | number | null | Uint8Array;
export type SqlParams = readonly SqlValue[];
export type SqlRow = Record<string, SqlValue>;

export interface SqlExecutor {
  /** Run one statement that returns no rows. */
  run(sql: string, params?: SqlParams): Promise<{ changes: number }>;
  /** Every row of one query, as objects keyed by column name. */
  all<T = SqlRow>(sql: string, params?: SqlParams): Promise<T[]>;
  /** The first row of one query, or undefined. */
  get<T = SqlRow>(sql: string, params?: SqlParams): Promise<T | undefined>;
  /** Run a script of several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlPort extends SqlExecutor {
  /**
   * Run `work` inside ONE transaction (BEGIN IMMEDIATE … COMMIT). If `work` throws, everything it
   * wrote is rolled back and the error is rethrown.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * BEGIN IMMEDIATE … COMMIT around `work`, rolling back on failure: the one way both adapters run
 * a transaction over their synchronous `exec`.
 */
export async function runTransaction<T>(exec: (sql: string) => void, executor: SqlExecutor, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  exec('BEGIN IMMEDIATE');
  try {
    const result = await work(executor);
    exec('COMMIT');
    return result;
  } catch (error) {
    try {
      exec('ROLLBACK');
    } catch {
      /* the transaction is already gone (closed database, or SQLite rolled it back) */
    }
    throw error;
  }
}
