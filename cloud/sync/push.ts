/**
 * Applying a device's pushed mutations. Each one is checked on its own: table and fields by the
 * shared row schemas, the action by the shared role table, the clock against the hub's time, the
 * row against the workshop (another workshop's id is refused). A refused mutation writes nothing;
 * the rest of the batch still applies. A mutation id seen before is acknowledged again, once.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';
import type { Mutation, Rejection } from '../../shared/sync/protocol.js';
import { parseHlc, type HybridClock } from '../../shared/sync/hlc.js';
import { INSERT_SCHEMAS, PATCH_SCHEMAS, unknownField } from '../../shared/domain/rowSchemas.js';
import { actionOfChange, can, type Role } from '../../shared/domain/roles.js';
import { INSERT_ONLY_TABLES } from '../../shared/engine/schema.js';
import { parseInput } from '../../shared/domain/validation.js';
import { isEngineError } from '../../shared/domain/errors.js';
import { text, type Locale } from '../../shared/i18n/index.js';
import { pushRefusalTexts } from './texts.js';
import { isSyncedTableName, type SyncedTableName } from '../../shared/domain/tables.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import { SeqAllocator, StoredRows, updateRow, winningFields, type StoredRow } from './hubWrite.js';
import { NewRowBuffer } from './newRows.js';
import { PortfolioBudget, portfolioChange } from './portfolioBudget.js';
import { deviceMessageRefusal, type DeviceMessageRefusal } from '../../shared/messaging/deviceRules.js';
import type { MessageStatus } from '../../shared/messaging/messageOptions.js';

const MESSAGE_REFUSALS = {
  hubField: 'messageHubField',
  createdStatus: 'messageCreatedStatus',
  notQueued: 'messageNotQueued',
  onlyCancel: 'messageOnlyCancel',
} as const satisfies Record<DeviceMessageRefusal, keyof typeof pushRefusalTexts.fr>;

export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

/** A mutation whose table the hub knows (the protocol lets any short name through). */
type KnownMutation = Mutation & { table: SyncedTableName };
const isKnown = (m: Mutation): m is KnownMutation => isSyncedTableName(m.table);

/**
 * Whether another workshop has a row with this id (invisible here under row-level security): an
 * insert that yields to it, undone at once. Only asked for a mutation that is neither a valid new
 * row nor a change of one of this workshop's rows, to tell "another workshop's row" (forbidden)
 * from "a new row missing a field" (invalid, naming it).
 */
async function takenElsewhere(tx: Tx, workshopId: string, table: SyncedTableName, rowId: string): Promise<boolean> {
  await tx.execute(sql`SAVEPOINT id_probe`);
  try {
    const inserted = await rows<{ id: string }>(
      tx,
      sql`INSERT INTO ${sql.identifier(TABLE_META[table].sql)} (workshop_id, id, last_seq) VALUES (${workshopId}, ${rowId}, 0)
        ON CONFLICT (id) DO NOTHING RETURNING id`,
    );
    return inserted.length === 0;
  } finally {
    await tx.execute(sql`ROLLBACK TO SAVEPOINT id_probe`);
    await tx.execute(sql`RELEASE SAVEPOINT id_probe`);
  }
}

export interface PushOutcome {
  acked: string[];
  rejected: Rejection[];
  /** Sequences written by this request (not echoed back to the device that sent them). */
  ownSeqs: Set<number>;
}

export interface PushContext {
  workshopId: string;
  role: Role;
  deviceId: string;
  locale: Locale;
  now: Date;
  /** The hub's clock, for what the hub writes back during a push (a message's state re-asserted). */
  clock: HybridClock;
}

export async function applyPush(tx: Tx, push: PushContext, mutations: readonly Mutation[]): Promise<PushOutcome> {
  const outcome: PushOutcome = { acked: [], rejected: [], ownSeqs: new Set() };
  if (mutations.length === 0) return outcome;
  const seen = new Set(
    (
      await rows<{ mutation_id: string }>(
        tx,
        sql`SELECT mutation_id FROM change_log WHERE workshop_id = ${push.workshopId}
          AND mutation_id IN (${sql.join(mutations.map((m) => sql`${m.id}::uuid`), sql`, `)})`,
      )
    ).map((r) => r.mutation_id),
  );
  const seqs = await SeqAllocator.lock(tx, push.workshopId);
  // Read under the workshop's lock, so a push committed meanwhile is seen.
  const stored = await StoredRows.read(tx, mutations.filter((m): m is KnownMutation => isKnown(m) && !seen.has(m.id)));
  const reject = (m: Mutation, code: string, message: string) => outcome.rejected.push({ id: m.id, code, message });
  const done = (m: KnownMutation, seq: number, applied: Record<string, unknown>) => {
    seqs.record({ seq, table: m.table, rowId: m.rowId, hlc: m.hlc, applied, mutationId: m.id, deviceId: push.deviceId });
    stored.afterApply(m.table, m.rowId, m.hlc, applied);
    outcome.ownSeqs.add(seq);
    seen.add(m.id);
    outcome.acked.push(m.id);
  };
  /** Writes the stored values of the fields `m` named, stamped later than `m`, for every device (this one too). */
  const reassert = async (m: KnownMutation, existing: StoredRow) => {
    for (const clock of [m.hlc, ...Object.values(existing.clocks)]) push.clock.observe(clock);
    const fields = Object.fromEntries(Object.keys(m.fields).filter((key) => key in existing.fields).map((key) => [key, existing.fields[key]]));
    if (Object.keys(fields).length === 0) return;
    const hlc = push.clock.now();
    const seq = seqs.next();
    await updateRow(tx, m.table, m.rowId, hlc, seq, fields);
    seqs.record({ seq, table: m.table, rowId: m.rowId, hlc, applied: fields, mutationId: null, deviceId: null });
    stored.afterApply(m.table, m.rowId, hlc, fields);
  };
  const portfolio = new PortfolioBudget(tx, push.workshopId);
  const newRows = new NewRowBuffer<KnownMutation>();
  const heldIds = new Set<string>();
  const writeNewRows = async () => {
    heldIds.clear();
    const written = await newRows.write(tx, push.workshopId);
    for (const row of written.inserted) done(row.origin, row.seq, row.applied);
    for (const row of written.foreign) reject(row.origin, 'forbidden', text(pushRefusalTexts, push.locale, 'foreign'));
  };

  for (const m of mutations) {
    // A row held back is written before anything else touches it, and before a mutation with
    // the same id (sent twice, even naming another row) is weighed: that one is then a repeat.
    if ((isKnown(m) && newRows.holds(m.table, m.rowId)) || heldIds.has(m.id)) await writeNewRows();
    if (seen.has(m.id)) {
      outcome.acked.push(m.id);
      continue;
    }
    // A later version's table or field (schema evolution): refused on its own, never near SQL.
    if (!isKnown(m)) {
      reject(m, 'unknown_table', text(pushRefusalTexts, push.locale, 'unknownTable', { table: m.table }));
      continue;
    }
    const stray = unknownField(m.table, m.fields);
    if (stray !== undefined) {
      reject(m, 'unknown_field', text(pushRefusalTexts, push.locale, 'unknownField', { table: m.table, field: stray }));
      continue;
    }
    if (parseHlc(m.hlc).millis > push.now.getTime() + MAX_CLOCK_AHEAD_MS) {
      reject(m, 'clock_skew', text(pushRefusalTexts, push.locale, 'skew'));
      continue;
    }
    const existing = stored.get(m.table, m.rowId);
    // One row per workshop, its id the workshop's: the workshop itself and its public profile.
    if ((m.table === 'workshop' || m.table === 'directory_profile') && m.rowId !== push.workshopId) {
      reject(m, 'forbidden', text(pushRefusalTexts, push.locale, m.table === 'workshop' ? 'workshopRow' : 'profileRow'));
      continue;
    }
    if (existing && INSERT_ONLY_TABLES.has(m.table)) {
      reject(m, 'forbidden', text(pushRefusalTexts, push.locale, 'insertOnly'));
      continue;
    }
    if (!can(push.role, m.table, actionOfChange(m.table, Boolean(existing), m.fields))) {
      reject(m, 'forbidden', text(pushRefusalTexts, push.locale, 'forbidden'));
      continue;
    }
    // A message's life after `queued` is the hub's (DESIGN "Messages to clients").
    const messageRefusal = m.table === 'messages' ? deviceMessageRefusal(existing?.fields.status as MessageStatus | undefined, m.fields) : null;
    if (messageRefusal && existing) {
      // The device shows its own change until it pulls one with a later clock: the hub writes its
      // own values of those fields back, later than the refused change, so the device comes round
      // (a cancel that came after the send shows "envoyé" again).
      await reassert(m, existing);
      // The same message written by two devices (an automatic message's derived id, both offline):
      // the second is already here, nothing is wrong.
      if (messageRefusal === 'onlyCancel' && 'createdAt' in m.fields) {
        outcome.acked.push(m.id);
        continue;
      }
    }
    if (messageRefusal) {
      reject(m, 'forbidden', text(pushRefusalTexts, push.locale, MESSAGE_REFUSALS[messageRefusal]));
      continue;
    }
    if (
      !existing &&
      !INSERT_SCHEMAS[m.table].safeParse(m.fields).success &&
      PATCH_SCHEMAS[m.table].safeParse(m.fields).success &&
      (await takenElsewhere(tx, push.workshopId, m.table, m.rowId))
    ) {
      // A change to another workshop's row. (A new row that lacks a field is `invalid` below.)
      reject(m, 'forbidden', text(pushRefusalTexts, push.locale, 'foreign'));
      continue;
    }
    let fields: Record<string, unknown>;
    try {
      fields = parseInput(existing ? PATCH_SCHEMAS[m.table] : INSERT_SCHEMAS[m.table], m.fields, push.locale);
    } catch (error) {
      if (!isEngineError(error)) throw error;
      reject(m, 'invalid', error.message);
      continue;
    }
    if (m.table === 'portfolio_items') {
      const overLimit = await portfolio.apply(portfolioChange(existing, fields), push.locale);
      if (overLimit) {
        reject(m, 'forbidden', overLimit);
        continue;
      }
    }
    const seq = seqs.next();
    const applied = winningFields(existing, m.hlc, fields);
    if (Object.keys(applied).length === 0) done(m, seq, applied);
    else if (existing) {
      await updateRow(tx, m.table, m.rowId, m.hlc, seq, applied);
      done(m, seq, applied);
    } else {
      newRows.add({ table: m.table, rowId: m.rowId, hlc: m.hlc, seq, applied, origin: m });
      heldIds.add(m.id);
    }
  }
  await writeNewRows();
  await seqs.flush(tx);
  return outcome;
}
