/**
 * THE server write function. Synced mutations and server-side writes (signup, invitations,
 * delivery statuses…) all go through `applyFields`, so every change is numbered in the workshop's
 * change log and reaches the devices by sync.
 *
 * Sequences are allocated under the workshop's row lock in `workshop_sync`, held until the
 * transaction commits: a change committed late can never get a number below a cursor already
 * handed out. The change log of a transaction is written at its end (`SeqAllocator.flush`), a
 * thousand rows per statement.
 */
import { takeLockedSequence } from '../db/sequenceLock.js';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import type { SyncedTableName } from '../../shared/domain/tables.js';

export interface LogRow {
  seq: number;
  table: SyncedTableName;
  rowId: string;
  hlc: string;
  applied: Record<string, unknown>;
  mutationId: string | null;
  deviceId: string | null;
}

/** Change-log rows per INSERT statement when they are written (8 parameters each). */
const LOG_ROWS_PER_STATEMENT = 1000;

export class SeqAllocator {
  /** The change log of this transaction, written by `flush` in a few statements. */
  private readonly log: LogRow[] = [];

  private constructor(
    readonly workshopId: string,
    private last: number,
    private readonly start: number,
  ) {}

  /** Takes the workshop's lock for the rest of the transaction. */
  static async lock(tx: Tx, workshopId: string): Promise<SeqAllocator> {
    const taken = takeLockedSequence(tx, workshopId);
    if (taken !== undefined) return new SeqAllocator(workshopId, taken, taken);
    const [row] = await rows<{ last_seq: string | number }>(
      tx,
      sql`SELECT last_seq FROM workshop_sync WHERE workshop_id = ${workshopId} FOR UPDATE`,
    );
    if (!row) throw new Error(`workshop_sync manquant pour ${workshopId}`);
    const last = Number(row.last_seq);
    return new SeqAllocator(workshopId, last, last);
  }

  next(): number {
    this.last += 1;
    return this.last;
  }

  get current(): number {
    return this.last;
  }

  record(row: LogRow): void {
    this.log.push(row);
  }

  /** Writes the change log and the workshop's last sequence: once, at the end of the transaction. */
  async flush(tx: Tx): Promise<void> {
    // Sent together, not one after the other's answer: on Postgres the driver pipelines them in
    // one round trip (a prepared statement is not described first). Under the lock they are
    // independent, and one failing fails the transaction either way.
    const statements: PromiseLike<unknown>[] = [];
    for (let from = 0; from < this.log.length; from += LOG_ROWS_PER_STATEMENT) {
      const values = this.log
        .slice(from, from + LOG_ROWS_PER_STATEMENT)
        .map((r) => sql`(${this.workshopId}, ${r.seq}, ${r.table}, ${r.rowId}, ${r.hlc}, ${JSON.stringify(r.applied)}::jsonb, ${r.mutationId}, ${r.deviceId})`);
      statements.push(tx.execute(sql`INSERT INTO change_log (workshop_id, seq, tbl, row_id, hlc, fields, mutation_id, device_id) VALUES ${sql.join(values, sql`, `)}`));
    }
    this.log.length = 0;
    if (this.last !== this.start) {
      statements.push(tx.execute(sql`UPDATE workshop_sync SET last_seq = ${this.last} WHERE workshop_id = ${this.workshopId}`));
    }
    await settledTogether(statements);
  }
}

export interface StoredRow {
  fields: Record<string, unknown>;
  clocks: Record<string, string>;
}

function value(table: SyncedTableName, key: string, v: unknown): SQL {
  if (v === null || v === undefined) return sql`NULL`;
  if (TABLE_META[table].fields.get(key)!.json) return sql`${JSON.stringify(v)}::jsonb`;
  return sql`${v}`;
}

export async function readStoredRow(tx: Tx, table: SyncedTableName, rowId: string): Promise<StoredRow | undefined> {
  return (await StoredRows.read(tx, [{ table, rowId }])).get(table, rowId);
}

/** How a row is named in the maps of one batch (StoredRows, newRows.ts). */
export const rowKey = (table: SyncedTableName, rowId: string) => `${table} ${rowId}`;

/**
 * The stored rows a batch of changes names, one statement per table (a push of 500 mutations read
 * them one by one before). Kept up to date by the caller with `afterApply` as the batch applies.
 */
export class StoredRows {
  private constructor(private readonly rows: Map<string, StoredRow>) {}

  static async read(tx: Tx, refs: readonly { table: SyncedTableName; rowId: string }[]): Promise<StoredRows> {
    const byTable = new Map<SyncedTableName, Set<string>>();
    for (const { table, rowId } of refs) {
      if (!byTable.has(table)) byTable.set(table, new Set());
      byTable.get(table)!.add(rowId);
    }
    const found = new Map<string, StoredRow>();
    for (const [table, ids] of byTable) {
      const meta = TABLE_META[table];
      const list = sql.join([...ids].map((id) => sql`${id}::uuid`), sql`, `);
      for (const row of await rows<Record<string, unknown>>(tx, sql`SELECT * FROM ${sql.identifier(meta.sql)} WHERE id IN (${list})`)) {
        const fields: Record<string, unknown> = {};
        for (const [key, field] of meta.fields) fields[key] = row[field.column] ?? null;
        found.set(rowKey(table, row.id as string), { fields, clocks: { ...((row.clocks ?? {}) as Record<string, string>) } });
      }
    }
    return new StoredRows(found);
  }

  get(table: SyncedTableName, rowId: string): StoredRow | undefined {
    return this.rows.get(rowKey(table, rowId));
  }

  /** What `applyFields` wrote, as the database now holds it. */
  afterApply(table: SyncedTableName, rowId: string, hlc: string, applied: Record<string, unknown>): void {
    const keys = Object.keys(applied);
    if (keys.length === 0) return;
    const row = this.rows.get(rowKey(table, rowId)) ?? { fields: {}, clocks: {} };
    for (const key of keys) {
      row.fields[key] = applied[key];
      row.clocks[key] = hlc;
    }
    this.rows.set(rowKey(table, rowId), row);
  }
}

export class ForeignRowError extends Error {
  constructor() {
    super('row belongs to another workshop');
  }
}

export interface ApplyResult {
  applied: Record<string, unknown>;
  seq: number;
}

/** The fields of a change that win over the stored row: per-field last writer wins. */
export function winningFields(existing: StoredRow | undefined, hlc: string, fields: Record<string, unknown>): Record<string, unknown> {
  const applied: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(fields)) {
    const current = existing?.clocks[key];
    if (current === undefined || hlc > current) applied[key] = v;
  }
  return applied;
}

const patchOf = (keys: string[], value: string | number) => JSON.stringify(Object.fromEntries(keys.map((k) => [k, value])));

export async function updateRow(tx: Tx, table: SyncedTableName, rowId: string, hlc: string, seq: number, applied: Record<string, unknown>): Promise<void> {
  const meta = TABLE_META[table];
  const keys = Object.keys(applied);
  const sets = keys.map((k) => sql`${sql.identifier(meta.fields.get(k)!.column)} = ${value(table, k, applied[k])}`);
  await tx.execute(sql`UPDATE ${sql.identifier(meta.sql)} SET ${sql.join(sets, sql`, `)},
    clocks = clocks || ${patchOf(keys, hlc)}::jsonb, seqs = seqs || ${patchOf(keys, seq)}::jsonb, last_seq = ${seq}
    WHERE id = ${rowId}`);
}

export interface NewRow {
  rowId: string;
  hlc: string;
  seq: number;
  applied: Record<string, unknown>;
}

/**
 * New rows of one table, all with the same fields (`keys`), in ONE statement. Returns the ids
 * inserted: an id missing from it is taken by another workshop (invisible here under RLS).
 */
export async function insertNewRows(tx: Tx, workshopId: string, table: SyncedTableName, keys: string[], newRows: readonly NewRow[]): Promise<Set<string>> {
  const meta = TABLE_META[table];
  const columns = keys.map((k) => sql.identifier(meta.fields.get(k)!.column));
  const values = newRows.map(
    (r) => sql`(${workshopId}, ${r.rowId}, ${sql.join(keys.map((k) => value(table, k, r.applied[k])), sql`, `)}, ${patchOf(keys, r.hlc)}::jsonb, ${patchOf(keys, r.seq)}::jsonb, ${r.seq})`,
  );
  const inserted = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO ${sql.identifier(meta.sql)} (workshop_id, id, ${sql.join(columns, sql`, `)}, clocks, seqs, last_seq)
      VALUES ${sql.join(values, sql`, `)} ON CONFLICT (id) DO NOTHING RETURNING id`,
  );
  return new Set(inserted.map((r) => r.id));
}

/**
 * Merges `fields` stamped `hlc` into the row (per-field last writer wins), numbers the change and
 * logs it. `existing` is the row as read in this transaction (undefined: a new row).
 */
export async function applyFields(
  tx: Tx,
  seqs: SeqAllocator,
  table: SyncedTableName,
  rowId: string,
  hlc: string,
  fields: Record<string, unknown>,
  existing: StoredRow | undefined,
  origin: { mutationId?: string; deviceId?: string } = {},
): Promise<ApplyResult> {
  const seq = seqs.next();
  const applied = winningFields(existing, hlc, fields);
  const keys = Object.keys(applied);
  if (keys.length > 0 && existing) await updateRow(tx, table, rowId, hlc, seq, applied);
  if (keys.length > 0 && !existing) {
    const inserted = await insertNewRows(tx, seqs.workshopId, table, keys, [{ rowId, hlc, seq, applied }]);
    if (!inserted.has(rowId)) throw new ForeignRowError();
  }
  seqs.record({ seq, table, rowId, hlc, applied, mutationId: origin.mutationId ?? null, deviceId: origin.deviceId ?? null });
  return { applied, seq };
}

/**
 * Waits for every statement, then throws the first failure: never leaves one still running when
 * the transaction ends (Promise.all would reject while the other is in flight).
 */
export async function settledTogether(statements: readonly PromiseLike<unknown>[]): Promise<void> {
  const settled = await Promise.allSettled(statements);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw failure.reason;
}
