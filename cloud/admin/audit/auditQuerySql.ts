/**
 * The audit log's reads, as the system: the filters as one WHERE, newest first (time, then id),
 * pages for the portal and keyset batches for the CSV export (no OFFSET over 100,000 rows).
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import { zoneOffsetMs } from '../../../shared/domain/zoneOffset.js';
import { AUDIT_ACTIONS, AUDIT_TARGETS, type AuditAction } from '../../../shared/admin/auditActions.js';
import { AUDIT_TIME_ZONE, type AuditEntryView, type AuditFilters } from './schemas.js';

/** The instant a local day starts in `timeZone` (UTC ISO). */
export function dayStart(day: string, timeZone: string = AUDIT_TIME_ZONE): string {
  const wall = Date.parse(`${day}T00:00:00Z`);
  return new Date(wall - zoneOffsetMs(wall, timeZone)).toISOString();
}

/** The day after `day` ('2036-02-28' → '2036-02-29'). */
export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const likeTerm = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function auditWhere(filters: AuditFilters): SQL {
  const where: SQL[] = [sql`true`];
  if (filters.action) where.push(sql`a.action = ${filters.action}`);
  if (filters.admin) where.push(sql`a.admin_email ILIKE ${likeTerm(filters.admin)}`);
  if (filters.workshop) where.push(sql`a.workshop_id = ${filters.workshop}::uuid`);
  if (filters.target) {
    const isType = (AUDIT_TARGETS as readonly string[]).includes(filters.target);
    where.push(isType ? sql`a.target_type = ${filters.target}` : sql`a.target_id = ${filters.target}`);
  }
  if (filters.from) where.push(sql`a.at >= ${dayStart(filters.from)}::timestamptz`);
  if (filters.to) where.push(sql`a.at < ${dayStart(nextDay(filters.to))}::timestamptz`);
  return sql.join(where, sql` AND `);
}

interface EntryRow {
  id: number | string;
  at: string;
  adminId: string | null;
  adminEmail: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  workshopId: string | null;
  workshopName: string | null;
  reason: string | null;
  before: unknown;
  after: unknown;
  detail: unknown;
  ip: string | null;
}

const SELECT = sql`SELECT a.id, a.at::text AS at, a.admin_id::text AS "adminId", a.admin_email AS "adminEmail", a.action,
       a.target_type AS "targetType", a.target_id AS "targetId", a.workshop_id::text AS "workshopId",
       coalesce(w.name, l.name) AS "workshopName", a.reason, a.before, a.after, a.detail, a.ip
  FROM admin_audit a
  LEFT JOIN workshop w ON w.id = a.workshop_id
  LEFT JOIN directory_listings l ON l.workshop_id = a.workshop_id`;

/** jsonb as the driver gives it: an object (postgres.js, PGlite) or its text. */
function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function view(row: EntryRow): AuditEntryView {
  return {
    ...row,
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    actionLabel: AUDIT_ACTIONS[row.action as AuditAction] ?? row.action,
    before: parsed(row.before),
    after: parsed(row.after),
    detail: parsed(row.detail),
  };
}

export async function auditPage(tx: Tx, filters: AuditFilters, page: number, pageSize: number): Promise<{ entries: AuditEntryView[]; hasMore: boolean }> {
  const found = await rows<EntryRow>(tx, sql`${SELECT} WHERE ${auditWhere(filters)} ORDER BY a.at DESC, a.id DESC LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`);
  return { entries: found.slice(0, pageSize).map(view), hasMore: found.length > pageSize };
}

/** The next `limit` entries after `after` (the last one of the previous batch), in the same order. */
export async function auditBatch(tx: Tx, filters: AuditFilters, after: { at: string; id: number } | null, limit: number): Promise<AuditEntryView[]> {
  const past = after ? sql` AND (a.at, a.id) < (${after.at}::timestamptz, ${after.id}::bigint)` : sql``;
  const found = await rows<EntryRow>(tx, sql`${SELECT} WHERE ${auditWhere(filters)}${past} ORDER BY a.at DESC, a.id DESC LIMIT ${limit}`);
  return found.map(view);
}
