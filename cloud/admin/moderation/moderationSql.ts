/**
 * Moderation's SQL, run as the system (across workshops): the reports with what they point at,
 * and the moderation columns of the public listing (`hidden_at`, `hidden_reason` of
 * `directory_listings` and `directory_photos`), which the listing's refresh never writes.
 *
 * A report's target is its workshop's profile (no item) or one photo (its portfolio item): the
 * other pending reports on the same target are decided with it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import type { ReportReason } from '../../../shared/directory/audienceRules.js';
import type { ReportStatus, Resolution } from './schemas.js';

export interface ReportRow {
  id: string;
  createdAt: string;
  reason: ReportReason;
  details: string | null;
  status: ReportStatus;
  resolution: Resolution | null;
  resolvedAt: string | null;
  workshopId: string;
  workshopName: string;
  slug: string | null;
  city: string | null;
  itemId: string | null;
  /** Whether the photo's file can be shown to the admin (in the directory, hidden or not, or unpublished since the report). */
  photoFile: boolean;
  caption: string | null;
  photoHidden: boolean;
  profileHidden: boolean;
  othersPending: number;
}

const SELECT = sql`SELECT r.id::text AS id, r.created_at::text AS "createdAt", r.reason, r.details, r.status, r.resolution, r.resolved_at::text AS "resolvedAt",
       r.workshop_id::text AS "workshopId", coalesce(l.name, w.name, '') AS "workshopName", l.slug, l.city,
       r.item_id::text AS "itemId",
       (p.item_id IS NOT NULL OR EXISTS (SELECT 1 FROM portfolio_items i WHERE i.id = r.item_id AND i.workshop_id = r.workshop_id AND i.file_hash IS NOT NULL)) AS "photoFile",
       coalesce(p.caption, (SELECT i.caption FROM portfolio_items i WHERE i.id = r.item_id AND i.workshop_id = r.workshop_id)) AS caption, (p.hidden_at IS NOT NULL) AS "photoHidden",
       (l.hidden_at IS NOT NULL) AS "profileHidden",
       (SELECT count(*)::int FROM directory_reports o
         WHERE o.workshop_id = r.workshop_id AND o.item_id IS NOT DISTINCT FROM r.item_id AND o.status = 'pending' AND o.id <> r.id) AS "othersPending"
  FROM directory_reports r
  LEFT JOIN directory_listings l ON l.workshop_id = r.workshop_id
  LEFT JOIN workshop w ON w.id = r.workshop_id
  LEFT JOIN directory_photos p ON p.item_id = r.item_id AND p.workshop_id = r.workshop_id`;

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
function normalise(row: ReportRow): ReportRow {
  return { ...row, createdAt: iso(row.createdAt)!, resolvedAt: iso(row.resolvedAt), othersPending: Number(row.othersPending) };
}

/** One page of reports: the pending ones oldest first (the queue), the resolved ones last decided first. */
export async function listReports(tx: Tx, status: ReportStatus, page: number, pageSize: number): Promise<{ rows: ReportRow[]; hasMore: boolean }> {
  const order: SQL = status === 'pending' ? sql`r.created_at, r.id` : sql`r.resolved_at DESC NULLS LAST, r.id`;
  const found = await rows<ReportRow>(tx, sql`${SELECT} WHERE r.status = ${status} ORDER BY ${order} LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`);
  return { rows: found.slice(0, pageSize).map(normalise), hasMore: found.length > pageSize };
}

export async function reportById(tx: Tx, id: string): Promise<ReportRow | null> {
  const [row] = await rows<ReportRow>(tx, sql`${SELECT} WHERE r.id = ${id}`);
  return row ? normalise(row) : null;
}

/** Locks a report (two admins deciding it at once: the second one waits, then sees it resolved). */
export async function lockReport(tx: Tx, id: string): Promise<{ status: ReportStatus; resolution: Resolution | null } | null> {
  const [row] = await rows<{ status: ReportStatus; resolution: Resolution | null }>(tx, sql`SELECT status, resolution FROM directory_reports WHERE id = ${id} FOR UPDATE`);
  return row ?? null;
}

/** Resolves every pending report on the target (the workshop's profile, or one of its photos); their ids. */
export async function resolveReports(tx: Tx, target: { workshopId: string; itemId: string | null }, resolution: Resolution, now: Date): Promise<string[]> {
  const resolved = await rows<{ id: string }>(
    tx,
    sql`UPDATE directory_reports SET status = 'resolved', resolved_at = ${now.toISOString()}, resolution = ${resolution}
         WHERE workshop_id = ${target.workshopId} AND item_id IS NOT DISTINCT FROM ${target.itemId}::uuid AND status = 'pending'
        RETURNING id::text AS id`,
  );
  return resolved.map((r) => r.id).sort();
}

export interface Hidden {
  hiddenAt: string | null;
  hiddenReason: string | null;
}

const HIDDEN = sql.raw(`hidden_at::text AS "hiddenAt", hidden_reason AS "hiddenReason"`);
const hidden = (row: Hidden): Hidden => ({ hiddenAt: iso(row.hiddenAt), hiddenReason: row.hiddenReason });

/** The profile's moderation state, locked; null when the workshop has no listing. */
export async function profileModeration(tx: Tx, workshopId: string): Promise<Hidden | null> {
  const [row] = await rows<Hidden>(tx, sql`SELECT ${HIDDEN} FROM directory_listings WHERE workshop_id = ${workshopId} FOR UPDATE`);
  return row ? hidden(row) : null;
}

/** The photo's moderation state and workshop, locked; null when it is not in the directory. */
export async function photoModeration(tx: Tx, itemId: string): Promise<(Hidden & { workshopId: string }) | null> {
  const [row] = await rows<Hidden & { workshopId: string }>(tx, sql`SELECT workshop_id::text AS "workshopId", ${HIDDEN} FROM directory_photos WHERE item_id = ${itemId} FOR UPDATE`);
  return row ? { ...hidden(row), workshopId: row.workshopId } : null;
}

/** Hides (a reason) or shows again (null) the profile; the state after. */
export async function setProfileHidden(tx: Tx, workshopId: string, reason: string | null, now: Date): Promise<Hidden> {
  const at = reason === null ? null : now.toISOString();
  const [row] = await rows<Hidden>(tx, sql`UPDATE directory_listings SET hidden_at = ${at}, hidden_reason = ${reason} WHERE workshop_id = ${workshopId} RETURNING ${HIDDEN}`);
  return hidden(row!);
}

export async function setPhotoHidden(tx: Tx, itemId: string, reason: string | null, now: Date): Promise<Hidden> {
  const at = reason === null ? null : now.toISOString();
  const [row] = await rows<Hidden>(tx, sql`UPDATE directory_photos SET hidden_at = ${at}, hidden_reason = ${reason} WHERE item_id = ${itemId} RETURNING ${HIDDEN}`);
  return hidden(row!);
}

/**
 * The stored file of a photo an admin looks at, hidden or not: the directory's row, else the
 * workshop's portfolio item when a visitor reported it (a photo unpublished since); never another
 * of the workshop's photos.
 */
export async function photoFile(tx: Tx, itemId: string): Promise<{ workshopId: string; fileHash: string } | null> {
  const [row] = await rows<{ workshopId: string; fileHash: string }>(
    tx,
    sql`SELECT workshop_id::text AS "workshopId", file_hash AS "fileHash" FROM directory_photos WHERE item_id = ${itemId}
        UNION ALL
        SELECT i.workshop_id::text, i.file_hash FROM portfolio_items i
         WHERE i.id = ${itemId} AND i.file_hash IS NOT NULL AND EXISTS (SELECT 1 FROM directory_reports r WHERE r.item_id = i.id AND r.workshop_id = i.workshop_id)
        LIMIT 1`,
  );
  return row ?? null;
}
