/**
 * What-ifs for the bulk paths of sync, on the database alone (postgres.js, the hub's RLS role and
 * workshop setting), measured against the same data as the benchmark — the row-by-row way the
 * hub first did them ("row by row") against set-based statements ("set-based"):
 * - a first-sync page: nine statements (each table's rows after the cursor, `limit + 1` of each,
 *   then sorted in JS, most of them thrown away) versus one statement finding the page's last
 *   sequence from the (workshop_id, last_seq) indexes merged by sequence, then each table's rows
 *   up to it — what the hub does now (cloud/sync/pull.ts);
 * - a push of a batch of new rows: three statements per mutation (read, insert row, insert log)
 *   versus three per batch (which ids exist, rows and log entries inserted from one JSON parameter
 *   each with jsonb_populate_recordset). The hub now reads a batch's rows in one statement per
 *   table and inserts new rows and log entries a few hundred per statement (cloud/sync/push.ts).
 */
import postgres from 'postgres';
import { APP_ROLE } from '../cloud/db/client.js';
import { TABLE_META } from '../shared/engine/tableMeta.js';
import { SYNCED_TABLE_NAMES, type SyncedTableName } from '../shared/domain/tables.js';
import { newId } from '../shared/domain/ids.js';
import type { Mutation } from '../shared/sync/protocol.js';

export interface BatchWhatIf {
  label: string;
  today: { statements: number; rows: number; ms: number };
  proposed: { statements: number; rows: number; ms: number };
}

async function timed(runs: number, work: () => Promise<number>): Promise<{ ms: number; rows: number }> {
  let rows = await work();
  const t = performance.now();
  for (let i = 0; i < runs; i += 1) rows = await work();
  return { ms: (performance.now() - t) / runs, rows };
}

export async function pullWhatIf(url: string, workshopId: string, limit: number, runs = 3): Promise<BatchWhatIf> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const scoped = <T>(work: (tx: postgres.TransactionSql) => Promise<T>) =>
      sql.begin('isolation level repeatable read read only', async (tx) => {
        await tx`SELECT set_config('role', ${APP_ROLE}, true), set_config('app.workshop_id', ${workshopId}, true)`;
        return work(tx);
      });
    const today = await timed(runs, () =>
      scoped(async (tx) => {
        let n = 0;
        for (const table of SYNCED_TABLE_NAMES) {
          n += (await tx`SELECT * FROM ${tx(TABLE_META[table].sql)} WHERE workshop_id = ${workshopId} AND last_seq > 0 ORDER BY last_seq LIMIT ${limit + 1}`).length;
        }
        return n;
      }),
    );
    // The page's last sequence from the index alone (merged by sequence), then each table's rows up to it.
    const branches = SYNCED_TABLE_NAMES.map(
      (table) => `(SELECT last_seq FROM "${TABLE_META[table].sql}" WHERE workshop_id = $1 AND last_seq > $2 ORDER BY last_seq LIMIT $3)`,
    ).join(' UNION ALL ');
    const proposed = await timed(runs, () =>
      scoped(async (tx) => {
        const [bound] = await tx.unsafe(`SELECT max(last_seq) AS upto FROM (SELECT last_seq FROM (${branches}) u ORDER BY last_seq LIMIT $3) v`, [workshopId, 0, limit]);
        const upTo = Number(bound?.upto ?? 0);
        let n = 0;
        for (const table of SYNCED_TABLE_NAMES) {
          n += (await tx`SELECT * FROM ${tx(TABLE_META[table].sql)} WHERE workshop_id = ${workshopId} AND last_seq > 0 AND last_seq <= ${upTo} ORDER BY last_seq`).length;
        }
        return n;
      }),
    );
    return {
      label: `first-sync page (cursor 0, ${limit} rows)`,
      today: { statements: SYNCED_TABLE_NAMES.length, ...today },
      proposed: { statements: 1 + SYNCED_TABLE_NAMES.length, ...proposed },
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** Rows and change-log entries of new-row mutations, as the hub would store them. */
function stored(table: SyncedTableName, workshopId: string, mutations: Mutation[], firstSeq: number) {
  const meta = TABLE_META[table];
  const rows = mutations.map((m, i) => {
    const row: Record<string, unknown> = { workshop_id: workshopId, id: m.rowId, last_seq: firstSeq + i };
    for (const [key, v] of Object.entries(m.fields)) row[meta.fields.get(key)!.column] = v;
    row.clocks = Object.fromEntries(Object.keys(m.fields).map((k) => [k, m.hlc]));
    row.seqs = Object.fromEntries(Object.keys(m.fields).map((k) => [k, firstSeq + i]));
    return row;
  });
  const log = mutations.map((m, i) => ({ workshop_id: workshopId, seq: firstSeq + i, tbl: table, row_id: m.rowId, hlc: m.hlc, fields: m.fields, mutation_id: m.id, device_id: null, at: new Date().toISOString() }));
  return { rows, log };
}

/** `mutations`: new rows of one table (fresh ids are given on each run). */
export async function pushWhatIf(url: string, workshopId: string, table: SyncedTableName, mutations: Mutation[], runs = 3): Promise<BatchWhatIf> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  const meta = TABLE_META[table];
  let seq = 1_000_000_000;
  const fresh = () => mutations.map((m) => ({ ...m, id: newId(), rowId: newId() }));
  try {
    const scoped = <T>(work: (tx: postgres.TransactionSql) => Promise<T>) =>
      sql.begin(async (tx) => {
        await tx`SELECT set_config('role', ${APP_ROLE}, true), set_config('app.workshop_id', ${workshopId}, true)`;
        return work(tx);
      });
    const today = await timed(runs, () =>
      scoped(async (tx) => {
        const batch = fresh();
        const { rows, log } = stored(table, workshopId, batch, (seq += batch.length));
        for (let i = 0; i < batch.length; i += 1) {
          await tx`SELECT * FROM ${tx(meta.sql)} WHERE id = ${batch[i]!.rowId}`;
          await tx`INSERT INTO ${tx(meta.sql)} ${tx(rows[i]!)} ON CONFLICT (id) DO NOTHING RETURNING id`;
          const e = log[i]!;
          await tx`INSERT INTO change_log (workshop_id, seq, tbl, row_id, hlc, fields, mutation_id, device_id)
            VALUES (${e.workshop_id}, ${e.seq}, ${e.tbl}, ${e.row_id}, ${e.hlc}, ${JSON.stringify(e.fields)}::text::jsonb, ${e.mutation_id}, NULL)`;
        }
        return batch.length;
      }),
    );
    const proposed = await timed(runs, () =>
      scoped(async (tx) => {
        const batch = fresh();
        const { rows, log } = stored(table, workshopId, batch, (seq += batch.length));
        await tx`SELECT id FROM ${tx(meta.sql)} WHERE id = ANY(${batch.map((m) => m.rowId)}::uuid[])`;
        const inserted = await tx`INSERT INTO ${tx(meta.sql)} SELECT * FROM jsonb_populate_recordset(NULL::${tx(meta.sql)}, ${JSON.stringify(rows)}::text::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id`;
        await tx`INSERT INTO change_log SELECT * FROM jsonb_populate_recordset(NULL::change_log, ${JSON.stringify(log)}::text::jsonb)`;
        return inserted.length;
      }),
    );
    return {
      label: `push of ${mutations.length} new ${table}`,
      today: { statements: mutations.length * 3, ...today },
      proposed: { statements: 3, ...proposed },
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
