/**
 * THE server write function. Synced mutations and server-side writes (signup, invitations,
 * delivery statuses…) all go through `applyFields`, so every change is numbered in the workshop's
 * change log and reaches the devices by sync.
 *
 * Sequences are allocated under the workshop's row lock in `workshop_sync`, held until the
 * transaction commits: a change committed late can never get a number below a cursor already
 * handed out.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import type { SyncedTableName } from '../../shared/domain/tables.js';

export class SeqAllocator {
  private constructor(
    readonly workshopId: string,
    private last: number,
    private readonly start: number,
  ) {}

  /** Takes the workshop's lock for the rest of the transaction. */
  static async lock(tx: Tx, workshopId: string): Promise<SeqAllocator> {
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

  async flush(tx: Tx): Promise<void> {
    if (this.last !== this.start) {
      await tx.execute(sql`UPDATE workshop_sync SET last_seq = ${this.last} WHERE workshop_id = ${this.workshopId}`);
    }
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
  const meta = TABLE_META[table];
  const [row] = await rows<Record<string, unknown>>(tx, sql`SELECT * FROM ${sql.identifier(meta.sql)} WHERE id = ${rowId}`);
  if (!row) return undefined;
  const fields: Record<string, unknown> = {};
  for (const [key, field] of meta.fields) fields[key] = row[field.column] ?? null;
  return { fields, clocks: (row.clocks ?? {}) as Record<string, string> };
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
  const meta = TABLE_META[table];
  const seq = seqs.next();
  const applied: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(fields)) {
    const current = existing?.clocks[key];
    if (current === undefined || hlc > current) applied[key] = v;
  }
  const keys = Object.keys(applied);
  if (keys.length > 0) {
    const clockPatch = JSON.stringify(Object.fromEntries(keys.map((k) => [k, hlc])));
    const seqPatch = JSON.stringify(Object.fromEntries(keys.map((k) => [k, seq])));
    if (existing) {
      const sets = keys.map((k) => sql`${sql.identifier(meta.fields.get(k)!.column)} = ${value(table, k, applied[k])}`);
      await tx.execute(sql`UPDATE ${sql.identifier(meta.sql)} SET ${sql.join(sets, sql`, `)},
        clocks = clocks || ${clockPatch}::jsonb, seqs = seqs || ${seqPatch}::jsonb, last_seq = ${seq}
        WHERE id = ${rowId}`);
    } else {
      const columns = keys.map((k) => sql.identifier(meta.fields.get(k)!.column));
      const values = keys.map((k) => value(table, k, applied[k]));
      const inserted = await rows<{ id: string }>(
        tx,
        sql`INSERT INTO ${sql.identifier(meta.sql)} (workshop_id, id, ${sql.join(columns, sql`, `)}, clocks, seqs, last_seq)
          VALUES (${seqs.workshopId}, ${rowId}, ${sql.join(values, sql`, `)}, ${clockPatch}::jsonb, ${seqPatch}::jsonb, ${seq})
          ON CONFLICT (id) DO NOTHING RETURNING id`,
      );
      // Invisible to this workshop (RLS) yet taken: the id is another workshop's.
      if (inserted.length === 0) throw new ForeignRowError();
    }
  }
  await tx.execute(sql`INSERT INTO change_log (workshop_id, seq, tbl, row_id, hlc, fields, mutation_id, device_id)
    VALUES (${seqs.workshopId}, ${seq}, ${table}, ${rowId}, ${hlc}, ${JSON.stringify(applied)}::jsonb, ${origin.mutationId ?? null}, ${origin.deviceId ?? null})`);
  return { applied, seq };
}
