/**
 * SqlPort over better-sqlite3: one file on disk, WAL journal, synchronous=FULL so that a
 * committed transaction survives a power cut. Used by the Electron main process and by tests.
 */
import Database from 'better-sqlite3';
import { runTransaction, type SqlExecutor, type SqlParams, type SqlPort } from '../../shared/engine/sqlPort.js';

export interface BetterSqliteOptions {
  /** Busy timeout in ms when another process holds the write lock. */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

export function openBetterSqlite(path: string, options: BetterSqliteOptions = {}): SqlPort {
  const db = new Database(path, { readonly: options.readonly ?? false });
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  // 32 MB of page cache: the screens' queries scan orders and payments of a busy workshop.
  db.pragma('cache_size = -32768');

  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const args = (params?: SqlParams): unknown[] => (params ? [...params] : []);

  const executor: SqlExecutor = {
    async run(sql, params) {
      const result = prepare(sql).run(...args(params));
      return { changes: result.changes };
    },
    async all<T>(sql: string, params?: SqlParams) {
      return prepare(sql).all(...args(params)) as T[];
    },
    async get<T>(sql: string, params?: SqlParams) {
      return prepare(sql).get(...args(params)) as T | undefined;
    },
    async exec(sql) {
      db.exec(sql);
    },
  };

  return {
    ...executor,
    transaction: (work) => runTransaction((sql) => db.exec(sql), executor, work),
    async close() {
      statements.clear();
      db.close();
    },
  };
}
