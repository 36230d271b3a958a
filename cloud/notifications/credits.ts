/**
 * A workshop's message credits: the insert-only ledger `credit_ledger` (DESIGN "Subscriptions").
 * The balance is the sum of its entries. A message's cost is reserved (a negative entry) before
 * the provider is called, under a per-workshop lock, so 50 sends at once never take the balance
 * below zero; a send that fails is refunded once (`(message_id, kind)` is unique).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rows } from '../db/client.js';

export const LEDGER_KINDS = ['grant', 'purchase', 'message', 'refund'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** The expression that takes the workshop's credits lock until the transaction ends (a statement may select it). */
export function creditsLock(workshopId: string): SQL {
  return sql`pg_advisory_xact_lock(hashtextextended(${`credits:${workshopId}`}, 0))`;
}

/** Serialises the credit checks of one workshop until the transaction ends. */
async function lockCredits(tx: Tx, workshopId: string): Promise<void> {
  await tx.execute(sql`SELECT ${creditsLock(workshopId)}`);
}

export async function creditBalance(tx: Tx, workshopId: string): Promise<number> {
  const [row] = await rows<{ balance: string | number | null }>(
    tx,
    sql`SELECT COALESCE(SUM(amount), 0) AS balance FROM credit_ledger WHERE workshop_id = ${workshopId}`,
  );
  return Number(row?.balance ?? 0);
}

/**
 * Adds credits (the trial's grant, a purchase). `reference` says what for, without personal data.
 * With a `grantKey` (a payment's transaction, a month of a period) the entry is written once per
 * workshop and key: a second call with the same key adds nothing. Returns whether it was written.
 */
export async function addCredits(tx: Tx, workshopId: string, kind: 'grant' | 'purchase', amount: number, reference: string, grantKey?: string): Promise<boolean> {
  if (!Number.isInteger(amount) || amount <= 0) throw new Error(`addCredits: a positive whole amount, not ${amount}`);
  if (grantKey === undefined) {
    await tx.execute(sql`INSERT INTO credit_ledger (workshop_id, kind, amount, reference) VALUES (${workshopId}, ${kind}, ${amount}, ${reference})`);
    return true;
  }
  const written = await rows<{ id: unknown }>(
    tx,
    sql`INSERT INTO credit_ledger (workshop_id, kind, amount, reference, grant_key) VALUES (${workshopId}, ${kind}, ${amount}, ${reference}, ${grantKey})
      ON CONFLICT (workshop_id, grant_key) WHERE grant_key IS NOT NULL DO NOTHING RETURNING id`,
  );
  return written.length > 0;
}

export type Reservation = { reserved: true; balance: number } | { reserved: false; balance: number };

/**
 * Takes a message's cost from the balance, once: a second reservation of the same message is a
 * success that takes nothing more. Refused (nothing written) when the balance is short.
 *
 * Two statements: the lock, then one that reads and inserts. They cannot be one: a statement's
 * snapshot is taken when it starts, so a balance read in the statement that waited for the lock
 * would miss the reservation committed by the transaction it waited for.
 */
export async function reserveCredits(tx: Tx, workshopId: string, messageId: string, cost: number, options: { locked?: boolean } = {}): Promise<Reservation> {
  // `locked`: an earlier statement of this transaction selected `creditsLock` (one round trip less).
  if (!options.locked) await lockCredits(tx, workshopId);
  const [row] = await rows<{ balance: string | number; already: boolean; taken: boolean }>(
    tx,
    sql`WITH already AS (
        SELECT 1 FROM credit_ledger WHERE message_id = ${messageId} AND kind = 'message'
      ), current AS (
        SELECT COALESCE(SUM(amount), 0) AS balance FROM credit_ledger WHERE workshop_id = ${workshopId}
      ), taken AS (
        INSERT INTO credit_ledger (workshop_id, kind, amount, message_id)
        SELECT ${workshopId}, 'message', ${-cost}, ${messageId} FROM current
        WHERE ${cost} > 0 AND current.balance >= ${cost} AND NOT EXISTS (SELECT 1 FROM already)
        RETURNING amount
      )
      SELECT (SELECT balance FROM current) AS balance, EXISTS (SELECT 1 FROM already) AS already, EXISTS (SELECT 1 FROM taken) AS taken`,
  );
  const balance = Number(row?.balance ?? 0);
  if (row?.already || cost === 0) return { reserved: true, balance };
  if (row?.taken) return { reserved: true, balance: balance - cost };
  return { reserved: false, balance };
}

/** Gives back what a message was charged, once (nothing when it was never charged). Returns the credits refunded. */
export async function refundCredits(tx: Tx, workshopId: string, messageId: string): Promise<number> {
  const inserted = await rows<{ amount: number }>(
    tx,
    sql`INSERT INTO credit_ledger (workshop_id, kind, amount, message_id)
      SELECT workshop_id, 'refund', -amount, message_id FROM credit_ledger
      WHERE workshop_id = ${workshopId} AND message_id = ${messageId} AND kind = 'message'
      ON CONFLICT (message_id, kind) WHERE message_id IS NOT NULL DO NOTHING
      RETURNING amount`,
  );
  return inserted[0] ? Number(inserted[0].amount) : 0;
}

export interface CreditEntry {
  kind: LedgerKind;
  amount: number;
  createdAt: string;
}

/** The latest entries of the ledger, newest first (the credits screen). */
export async function creditEntries(tx: Tx, workshopId: string, limit: number): Promise<CreditEntry[]> {
  const found = await rows<{ kind: LedgerKind; amount: number | string; created_at: string | Date }>(
    tx,
    sql`SELECT kind, amount, created_at FROM credit_ledger WHERE workshop_id = ${workshopId} ORDER BY created_at DESC, id DESC LIMIT ${limit}`,
  );
  return found.map((row) => ({ kind: row.kind, amount: Number(row.amount), createdAt: new Date(row.created_at).toISOString() }));
}
