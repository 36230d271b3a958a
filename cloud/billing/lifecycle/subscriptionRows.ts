/**
 * The synced `subscription` rows of a whole sweep batch in a few statements (storeSubscription's
 * companion: "the table row, then a batched synced-row write"), with exactly the hub write's
 * rules (sync/hubWrite.ts, which it reuses where it can): the batch's write locks taken first in
 * one statement (`lockSequences`, in id order), each row stamped by the hub's clock after every
 * clock it holds (per-field last writer wins, so every field wins), checked with the row schema
 * devices use, numbered with the workshop's next sequence, logged in `change_log`, and the
 * workshop's head moved — so devices receive it by sync exactly as a `ServerWriter` write.
 *
 * Why: a worst-case sweep (every subscription changing at once) spent its time in the five round
 * trips of each workshop's write; here it is four statements for the batch. It writes only this
 * one row, whose id is its workshop's id (a row of that id in another workshop fails the batch,
 * which is then written workshop by workshop through ServerWriter, the general path). It runs as
 * the database owner (before the batch enters any workshop) with every workshop id explicit.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import { lockSequences, takeLockedSequence } from '../../db/sequenceLock.js';
import { ForeignRowError, settledTogether, winningFields } from '../../sync/hubWrite.js';
import { ROW_SCHEMAS } from '../../../shared/domain/rowSchemas.js';
import { TABLE_META } from '../../../shared/engine/tableMeta.js';
import type { HybridClock } from '../../../shared/sync/hlc.js';
import type { SubscriptionRow } from '../../../shared/billing/subscriptionRow.js';

const META = TABLE_META.subscription;
const FIELDS = [...META.fields.entries()];
const COLUMNS = FIELDS.map(([, f]) => f.column);
const RECORD = sql.raw(FIELDS.map(([, f]) => `${f.column} ${f.json ? 'jsonb' : 'text'}`).join(', '));
const INSERT_COLUMNS = sql.raw(COLUMNS.join(', '));
const SELECT_COLUMNS = sql.raw(COLUMNS.map((c) => `v.${c}`).join(', '));
const UPDATES = sql.raw(COLUMNS.map((c) => `${c} = EXCLUDED.${c}`).join(', '));

const uuidArray = (ids: readonly string[]) => `{${ids.join(',')}}`;

export async function writeSubscriptionRows(tx: Tx, clock: HybridClock, written: readonly { workshopId: string; fields: SubscriptionRow }[]): Promise<void> {
  if (written.length === 0) return;
  const ids = written.map((w) => w.workshopId);
  await lockSequences(tx, ids);
  const stored = new Map(
    (await rows<{ id: string; workshop_id: string; clocks: Record<string, string> | string | null }>(tx, sql`SELECT id, workshop_id, clocks FROM subscription WHERE id = ANY(${uuidArray(ids)}::uuid[])`)).map(
      (r) => [String(r.id), { workshopId: String(r.workshop_id), clocks: (typeof r.clocks === 'string' ? JSON.parse(r.clocks) : (r.clocks ?? {})) as Record<string, string> }],
    ),
  );
  const upserts: Record<string, unknown>[] = [];
  const log: Record<string, unknown>[] = [];
  const heads: { workshop_id: string; seq: number }[] = [];
  for (const { workshopId, fields } of written) {
    const before = stored.get(workshopId);
    if (before && before.workshopId !== workshopId) throw new ForeignRowError();
    const checked = ROW_SCHEMAS.subscription.parse(fields) as Record<string, unknown>;
    for (const c of Object.values(before?.clocks ?? {})) clock.observe(c);
    const hlc = clock.now();
    const last = takeLockedSequence(tx, workshopId);
    if (last === undefined) throw new Error(`writeSubscriptionRows: ${workshopId} not locked`);
    const seq = last + 1;
    const applied = winningFields(before ? { fields: {}, clocks: before.clocks } : undefined, hlc, checked);
    const keys = Object.keys(applied);
    if (keys.length !== FIELDS.length) throw new Error(`writeSubscriptionRows: a field of ${workshopId} lost to a later clock`);
    const row: Record<string, unknown> = { workshop_id: workshopId, clocks: Object.fromEntries(keys.map((k) => [k, hlc])), seqs: Object.fromEntries(keys.map((k) => [k, seq])), seq };
    for (const [key, field] of FIELDS) row[field.column] = applied[key] ?? null;
    upserts.push(row);
    log.push({ workshop_id: workshopId, seq, hlc, fields: applied });
    heads.push({ workshop_id: workshopId, seq });
  }
  let upserted: Promise<{ id: string }[]>;
  await settledTogether([
    (upserted = rows<{ id: string }>(
      tx,
      sql`INSERT INTO subscription (workshop_id, id, ${INSERT_COLUMNS}, clocks, seqs, last_seq)
        SELECT v.workshop_id, v.workshop_id, ${SELECT_COLUMNS}, v.clocks, v.seqs, v.seq
        FROM jsonb_to_recordset(${JSON.stringify(upserts)}::jsonb) AS v(workshop_id uuid, ${RECORD}, clocks jsonb, seqs jsonb, seq bigint)
        ON CONFLICT (id) DO UPDATE SET ${UPDATES}, clocks = subscription.clocks || EXCLUDED.clocks, seqs = subscription.seqs || EXCLUDED.seqs, last_seq = EXCLUDED.last_seq
        WHERE subscription.workshop_id = EXCLUDED.workshop_id
        RETURNING id`,
    )),
    tx.execute(sql`INSERT INTO change_log (workshop_id, seq, tbl, row_id, hlc, fields, mutation_id, device_id)
      SELECT v.workshop_id, v.seq, 'subscription', v.workshop_id, v.hlc, v.fields, NULL, NULL
      FROM jsonb_to_recordset(${JSON.stringify(log)}::jsonb) AS v(workshop_id uuid, seq bigint, hlc text, fields jsonb)`),
    tx.execute(sql`UPDATE workshop_sync ws SET last_seq = v.seq
      FROM jsonb_to_recordset(${JSON.stringify(heads)}::jsonb) AS v(workshop_id uuid, seq bigint) WHERE ws.workshop_id = v.workshop_id`),
  ]);
  if ((await upserted).length !== written.length) throw new ForeignRowError();
}
