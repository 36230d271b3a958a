/**
 * The audience's statements (cloud/db/directorySchema.ts): the day's salt, one count per visitor,
 * day and kind, the owner's statistics, the reports.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import type { AudienceKind, DayCounts, ReportReason } from '../../../shared/directory/audienceRules.js';

/**
 * The salt of a UTC day: created by the first request of the day (ON CONFLICT: instances starting
 * the day together all get the one that won). Each instance asks once a day (counter.ts keeps it),
 * and every older salt is deleted then, together with the visitors of days before yesterday —
 * once the salt is gone their hashes cannot be linked to anyone, and the dedupe rows of a day are
 * only needed while it lasts. Run as the system.
 */
export async function daySalt(tx: Tx, day: string, candidate: string): Promise<string> {
  const [row] = await rows<{ salt: string }>(
    tx,
    sql`INSERT INTO directory_salts (day, salt) VALUES (${day}, ${candidate})
        ON CONFLICT (day) DO UPDATE SET salt = directory_salts.salt
        RETURNING salt`,
  );
  await tx.execute(sql`DELETE FROM directory_salts WHERE day < ${day}::date`);
  await tx.execute(sql`DELETE FROM directory_visitors WHERE day < ${day}::date - 1`);
  return row!.salt;
}

/** The workshop's time zone (its synced `workshop` row), or null when unknown. */
export async function workshopTimeZone(tx: Tx, workshopId: string): Promise<string | null> {
  const [row] = await rows<{ timezone: string | null }>(tx, sql`SELECT timezone FROM workshop WHERE workshop_id = ${workshopId} AND id = ${workshopId}`);
  return row?.timezone ?? null;
}

const COLUMN = { view: sql.raw('views'), whatsapp: sql.raw('whatsapp_taps'), call: sql.raw('call_taps') } as const;

/**
 * Counts once per visitor, day and kind, in the workshop's transaction: the visitor row first
 * (the primary key decides between parallel requests), the day's counter only when it was new.
 * True when counted.
 */
export async function countOnce(tx: Tx, workshopId: string, day: string, kind: AudienceKind, visitorHash: string): Promise<boolean> {
  const inserted = await rows<{ one: number }>(
    tx,
    sql`INSERT INTO directory_visitors (day, workshop_id, kind, visitor_hash) VALUES (${day}, ${workshopId}, ${kind}, ${visitorHash})
        ON CONFLICT DO NOTHING RETURNING 1 AS one`,
  );
  if (inserted.length === 0) return false;
  const column = COLUMN[kind];
  await tx.execute(sql`INSERT INTO directory_daily_stats (workshop_id, day, ${column}) VALUES (${workshopId}, ${day}, 1)
      ON CONFLICT (workshop_id, day) DO UPDATE SET ${column} = directory_daily_stats.${column} + 1`);
  return true;
}

/** The stored counts of the days from `first` to `last` (inclusive). */
export async function storedCounts(tx: Tx, workshopId: string, first: string, last: string): Promise<DayCounts[]> {
  const found = await rows<{ day: string; views: number; whatsapp_taps: number; call_taps: number }>(
    tx,
    sql`SELECT day::text AS day, views, whatsapp_taps, call_taps FROM directory_daily_stats
         WHERE workshop_id = ${workshopId} AND day BETWEEN ${first}::date AND ${last}::date ORDER BY day`,
  );
  return found.map((r) => ({ day: String(r.day), views: Number(r.views), whatsappTaps: Number(r.whatsapp_taps), callTaps: Number(r.call_taps) }));
}

export interface NewReport {
  id: string;
  workshopId: string;
  itemId: string | null;
  reason: ReportReason;
  details: string | null;
  visitorHash: string;
}

/** A "Signaler ce profil" report, pending until an admin looks at it (issue 12). */
export async function insertReport(tx: Tx, report: NewReport): Promise<void> {
  await tx.execute(sql`INSERT INTO directory_reports (id, workshop_id, item_id, reason, details, visitor_hash, status)
      VALUES (${report.id}, ${report.workshopId}, ${report.itemId}, ${report.reason}, ${report.details}, ${report.visitorHash}, 'pending')`);
}
