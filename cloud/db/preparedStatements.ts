/**
 * Prepared statements for drizzle's queries over postgres.js.
 *
 * drizzle's postgres-js session runs every query it did not name with `prepare: false`. For a
 * query with parameters postgres.js then sends Parse + Describe and WAITS for the parameter types
 * before it sends Bind + Execute: two round trips, and the server parses and plans the text every
 * time. A prepared statement is parsed once per connection and then costs one round trip. On this
 * 2-core machine a round trip is mostly system time (the socket write wakes the server), so the
 * dispatcher's ~20 statements per message made write syscalls its largest cost.
 *
 * postgres.js never forgets a prepared statement (one per distinct text, per connection, for the
 * connection's life), so only texts that repeat are worth it and the set must stay bounded:
 * a statement is prepared only when it is a plain SELECT/INSERT/UPDATE/DELETE/WITH of at most
 * MAX_PARAMETERS parameters (the variable-arity ones — multi-row inserts, long IN lists — are the
 * texts that would keep growing), and only among the first MAX_TEXTS distinct texts this process
 * has prepared; any later one runs unnamed as before. Row-level security stays right: the server
 * re-plans a cached statement when the role or the row-security setting it was planned under
 * changes, and the workshop id is read by `current_setting` when the statement executes.
 */
import type { Sql } from 'postgres';

export const MAX_PARAMETERS = 24;
export const MAX_TEXTS = 600;

const PLAIN = /^\s*(select|insert|update|delete|with)\b/i;

export class StatementBudget {
  private readonly prepared = new Set<string>();

  constructor(
    private readonly maxTexts = MAX_TEXTS,
    private readonly maxParameters = MAX_PARAMETERS,
  ) {}

  /** Whether this text should run as a prepared statement. */
  admits(text: string, parameterCount: number): boolean {
    if (this.prepared.has(text)) return true;
    if (parameterCount > this.maxParameters || this.prepared.size >= this.maxTexts || !PLAIN.test(text) || text.includes(';')) return false;
    this.prepared.add(text);
    return true;
  }

  get size(): number {
    return this.prepared.size;
  }
}

type AnySql = Sql<Record<string, never>>;
type Unsafe = AnySql['unsafe'];

/**
 * The client drizzle is given: `unsafe` (what drizzle runs every query through) prepares what the
 * budget admits, and the transaction and savepoint clients handed to drizzle do the same.
 */
export function preparingClient<T extends object>(client: T, budget: StatementBudget): T {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'unsafe') {
        const unsafe = value as Unsafe;
        return (text: string, parameters?: unknown[], options?: { prepare?: boolean }) =>
          unsafe.call(target, text, parameters as never, { ...options, prepare: budget.admits(text, parameters?.length ?? 0) });
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const work = args[last] as (tx: object) => unknown;
          args[last] = (tx: object) => work(preparingClient(tx, budget));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
}
