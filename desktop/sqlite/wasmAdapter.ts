/**
 * SqlPort over the official SQLite WASM build (oo1 API). In the browser it runs inside the engine's
 * Web Worker on the `opfs-sahpool` VFS (the workshop persists in the origin-private file system);
 * under Node it runs in memory, which lets the engine's tests run on the very same adapter.
 * The oo1 API is synchronous; the port's promises only keep one shape for both hosts.
 */
import type { Database, PreparedStatement, Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { runTransaction, type SqlExecutor, type SqlParams, type SqlPort, type SqlValue } from '../../shared/engine/sqlPort.js';

export function wasmPort(db: Database): SqlPort {
  const statements = new Map<string, PreparedStatement>();
  const prepare = (sql: string): PreparedStatement => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const withStatement = <T>(sql: string, params: SqlParams | undefined, use: (s: PreparedStatement) => T): T => {
    const statement = prepare(sql);
    try {
      if (params && params.length > 0) statement.bind([...params] as SqlValue[]);
      return use(statement);
    } finally {
      statement.reset(true);
    }
  };

  const executor: SqlExecutor = {
    async run(sql, params) {
      withStatement(sql, params, (s) => {
        while (s.step()) {
          /* drain */
        }
      });
      return { changes: Number(db.changes()) };
    },
    async all<T>(sql: string, params?: SqlParams) {
      return withStatement(sql, params, (s) => {
        const rows: T[] = [];
        while (s.step()) rows.push(s.get({}) as T);
        return rows;
      });
    },
    async get<T>(sql: string, params?: SqlParams) {
      return withStatement(sql, params, (s) => (s.step() ? (s.get({}) as T) : undefined));
    },
    async exec(sql) {
      db.exec(sql);
    },
  };

  return {
    ...executor,
    transaction: (work) => runTransaction((sql) => db.exec(sql), executor, work),
    async close() {
      for (const statement of statements.values()) statement.finalize();
      statements.clear();
      db.close();
    },
  };
}

/** Opens the workshop database in OPFS through the SAH-pool VFS (browser worker only). */
export async function openOpfsDatabase(sqlite3: Sqlite3Static, name: string): Promise<{ port: SqlPort; wipe(): Promise<void> }> {
  const pool = await sqlite3.installOpfsSAHPoolVfs({ name: 'styliste-sahpool', directory: '/styliste', initialCapacity: 8 });
  const db = new pool.OpfsSAHPoolDb(`/${name}.sqlite3`);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -16384;');
  const port = wasmPort(db);
  return {
    port,
    async wipe() {
      await port.close();
      await pool.wipeFiles();
    },
  };
}

/** An in-memory database (Node tests, or a browser without OPFS). */
export function openMemoryDatabase(sqlite3: Sqlite3Static): SqlPort {
  return wasmPort(new sqlite3.oo1.DB(':memory:', 'c'));
}
