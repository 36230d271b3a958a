/**
 * Where one sync request's time goes, without touching the cloud code: the real app (createApp)
 * in this process over a CloudDb whose transactions count and time every statement the hub
 * sends (`tx.execute`), plus the transaction as a whole. Requests are sent one at a time, so the
 * figures are those of an unloaded server: per request, the statements (by kind), the time in
 * them, the time in the transaction and the rest (HTTP, middleware, auth, JSON).
 */
import { Agent, request, type Server } from 'node:http';
import { pino } from 'pino';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { SQLWrapper } from 'drizzle-orm';
import { loadConfig } from '../cloud/config.js';
import { createContext } from '../cloud/server.js';
import { createApp } from '../cloud/app.js';
import { openCloudDb, type CloudDb, type Tx } from '../cloud/db/client.js';
import type { BenchDb } from './syncFixture.js';
import { CLIENT_HEADERS } from './syncLoad.js';

export interface StatementStat {
  label: string;
  count: number;
  ms: number;
  /** Rows the statement returned. */
  rows: number;
}

export interface TraceReport {
  requests: number;
  /** Mean per request. */
  requestMs: number;
  transactionMs: number;
  statementMs: number;
  statements: number;
  transactions: number;
  byStatement: StatementStat[];
}

const dialect = new PgDialect();

function labelOf(query: SQLWrapper | string): string {
  const text = typeof query === 'string' ? query : dialect.sqlToQuery(query.getSQL()).sql;
  const flat = text.replace(/\s+/g, ' ').replace(/\$\d+/g, '?').trim();
  // One label per statement shape: the table-by-table pull queries are grouped.
  return flat.replace(/^(SELECT \* FROM) "\w+" (WHERE workshop_id = \? AND last_seq)/, '$1 <each synced table> $2').slice(0, 110);
}

export class TracedApp {
  private stats = new Map<string, StatementStat>();
  private txMs = 0;
  private txCount = 0;
  private server: Server | null = null;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  url = '';

  private constructor(private readonly inner: CloudDb) {}

  static async start(bench: BenchDb, env: Record<string, string> = {}): Promise<TracedApp> {
    const inner = await openCloudDb({ url: bench.url });
    const traced = new TracedApp(inner);
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: bench.jwtSecret, DATABASE_URL: bench.url, LOG_LEVEL: 'silent', DATA_DIR: '/tmp/styliste-bench-unused', ...env });
    const ctx = await createContext(config, { logger: pino({ level: 'silent' }), db: traced.db() });
    const app = createApp(ctx);
    await new Promise<void>((resolve) => {
      traced.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    const address = traced.server!.address();
    traced.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return traced;
  }

  private wrap(tx: Tx): Tx {
    const record = (label: string, ms: number, result: unknown) => {
      const s = this.stats.get(label) ?? { label, count: 0, ms: 0, rows: 0 };
      s.count += 1;
      s.ms += ms;
      s.rows += Array.isArray(result) ? result.length : 0;
      this.stats.set(label, s);
    };
    return new Proxy(tx, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (prop !== 'execute' || typeof value !== 'function') return value;
        return async (query: SQLWrapper | string) => {
          const t = performance.now();
          const result: unknown = await target.execute(query);
          record(labelOf(query), performance.now() - t, result);
          return result;
        };
      },
    });
  }

  /**
   * The database as the app sees it, every transaction method wrapped whatever the interface
   * holds (withWorkshop, system, read-only variants…): its callback receives a counting `tx`, and
   * the whole transaction (BEGIN, role and workshop settings, COMMIT included) is timed.
   */
  private db(): CloudDb {
    const wrap = (tx: Tx) => this.wrap(tx);
    const done = (ms: number) => {
      this.txMs += ms;
      this.txCount += 1;
    };
    return new Proxy(this.inner, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function' || prop === 'close') return value;
        return (...args: unknown[]) => {
          const work = args.at(-1);
          if (typeof work === 'function') args[args.length - 1] = (tx: Tx) => work(wrap(tx));
          const t = performance.now();
          return Promise.resolve(Reflect.apply(value, target, args)).finally(() => done(performance.now() - t));
        };
      },
    });
  }

  /** One POST; `bytes` is the body as received (compressed when the server compressed it). */
  post(path: string, token: string, body: string): Promise<{ status: number; text: string; bytes: number }> {
    const url = new URL(this.url);
    return new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, path, method: 'POST', agent: this.agent, headers: { ...CLIENT_HEADERS, 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const raw = Buffer.concat(chunks);
            resolve({ status: res.statusCode ?? 0, text: res.headers['content-encoding'] ? '' : raw.toString('utf8'), bytes: raw.length });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Sends `body()` `n` times in a row and reports the mean per request. */
  async trace(n: number, token: string, body: (i: number) => string): Promise<TraceReport & { responseBytes: number }> {
    this.stats.clear();
    this.txMs = 0;
    this.txCount = 0;
    const t = performance.now();
    let responseBytes = 0;
    for (let i = 0; i < n; i += 1) {
      const res = await this.post('/api/sync', token, body(i));
      if (res.status !== 200) throw new Error(`sync ${res.status}: ${res.text.slice(0, 300)}`);
      responseBytes += res.bytes;
    }
    const total = performance.now() - t;
    const byStatement = [...this.stats.values()].sort((a, b) => b.ms - a.ms);
    return {
      responseBytes: responseBytes / n,
      requests: n,
      requestMs: total / n,
      transactionMs: this.txMs / n,
      statementMs: byStatement.reduce((s, x) => s + x.ms, 0) / n,
      statements: byStatement.reduce((s, x) => s + x.count, 0) / n,
      transactions: this.txCount / n,
      byStatement: byStatement.map((s) => ({ label: s.label, count: s.count / n, ms: s.ms / n, rows: s.rows / n })),
    };
  }

  async close(): Promise<void> {
    this.agent.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await this.inner.close();
  }
}
