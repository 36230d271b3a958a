/**
 * The support view's SQL. The owner's permission (support_grants, a workshop table under RLS)
 * is read and written in the workshop's own transaction; the admin's pages read the workshop's
 * rows in `ctx.db.readWorkshop` (the RLS role, a read-only transaction): nothing here writes a
 * workshop row. 25 rows a page, newest first; one more is read to know whether a next page exists.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import { newId } from '../../../shared/domain/ids.js';
import { SUPPORT_GRANT_MS } from '../../../shared/admin/rules.js';
import { SUPPORT_PAGE_SIZE } from './schemas.js';

export interface GrantRow {
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

const iso = (value: string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** The permission in force at `now` (the latest ending one), or null. */
export async function grantInForce(tx: Tx, workshopId: string, now: Date): Promise<GrantRow | null> {
  const [row] = await rows<GrantRow>(
    tx,
    sql`SELECT granted_at::text AS "grantedAt", expires_at::text AS "expiresAt", revoked_at::text AS "revokedAt"
        FROM support_grants
        WHERE workshop_id = ${workshopId} AND revoked_at IS NULL AND expires_at > ${now.toISOString()}::timestamptz
        ORDER BY expires_at DESC LIMIT 1`,
  );
  return row ? { grantedAt: iso(row.grantedAt)!, expiresAt: iso(row.expiresAt)!, revokedAt: iso(row.revokedAt) } : null;
}

/** Ends every permission still in force at `now` (the owner withdraws it, or replaces it). */
export async function revokeGrants(tx: Tx, workshopId: string, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE support_grants SET revoked_at = ${now.toISOString()}
                       WHERE workshop_id = ${workshopId} AND revoked_at IS NULL AND expires_at > ${now.toISOString()}::timestamptz`);
}

/** A new 24-hour permission from `now`, given by the owner `memberId`, replacing one in force. */
export async function grantSupport(tx: Tx, workshopId: string, memberId: string, now: Date): Promise<GrantRow> {
  await revokeGrants(tx, workshopId, now);
  const grant = { grantedAt: now.toISOString(), expiresAt: new Date(now.getTime() + SUPPORT_GRANT_MS).toISOString(), revokedAt: null };
  await tx.execute(sql`INSERT INTO support_grants (id, workshop_id, granted_by, granted_at, expires_at)
                       VALUES (${newId()}, ${workshopId}, ${memberId}, ${grant.grantedAt}, ${grant.expiresAt})`);
  return grant;
}

/** A page of rows: the first SUPPORT_PAGE_SIZE, and whether more follow. */
function paged<T>(found: T[], page: number): { items: T[]; page: number; hasMore: boolean } {
  return { items: found.slice(0, SUPPORT_PAGE_SIZE), page, hasMore: found.length > SUPPORT_PAGE_SIZE };
}

const offset = (page: number) => (page - 1) * SUPPORT_PAGE_SIZE;

export interface ClientRow {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  notes: string | null;
  orders: number | string;
  /** The latest sheet's unit and values, and its garment's own fields (for their labels). */
  unit: string | null;
  values: Record<string, number> | null;
  customFields: { key: string; label: string }[] | null;
}

/** `%`, `_` and `\` of a search taken literally in LIKE. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function clientsPage(tx: Tx, workshopId: string, q: string, page: number) {
  const search = q.trim() === '' ? sql`` : sql`AND (c.name ILIKE ${likePattern(q.trim())} OR c.phone LIKE ${likePattern(q.trim())} OR c.email ILIKE ${likePattern(q.trim())})`;
  const found = await rows<ClientRow>(
    tx,
    sql`SELECT c.id::text AS id, c.name, c.phone, c.email, c.notes,
               (SELECT count(*) FROM orders o WHERE o.workshop_id = c.workshop_id AND o.client_id = c.id::text AND o.deleted_at IS NULL) AS orders,
               s.unit, s.values, g.custom_fields AS "customFields"
        FROM clients c
        LEFT JOIN LATERAL (
          SELECT ms.unit, ms.values, ms.garment_type_id FROM measurement_sheets ms
          WHERE ms.workshop_id = c.workshop_id AND ms.client_id = c.id::text AND ms.deleted_at IS NULL
          ORDER BY ms.taken_at DESC, ms.id DESC LIMIT 1
        ) s ON true
        LEFT JOIN garment_types g ON g.workshop_id = c.workshop_id AND g.id = s.garment_type_id::uuid
        WHERE c.workshop_id = ${workshopId} AND c.deleted_at IS NULL ${search}
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT ${SUPPORT_PAGE_SIZE + 1} OFFSET ${offset(page)}`,
  );
  return paged(found, page);
}

export interface OrderRow {
  id: string;
  number: string;
  clientName: string | null;
  status: string;
  promisedDate: string;
  price: number | string;
  paid: number | string;
  createdAt: string;
}

export async function ordersPage(tx: Tx, workshopId: string, page: number) {
  const found = await rows<OrderRow>(
    tx,
    sql`SELECT o.id::text AS id, o.number, c.name AS "clientName", o.status, o.promised_date AS "promisedDate", o.price,
               (SELECT COALESCE(SUM(p.amount), 0) FROM payments p WHERE p.workshop_id = o.workshop_id AND p.order_id = o.id::text)::float8 AS paid,
               o.created_at AS "createdAt"
        FROM orders o
        LEFT JOIN clients c ON c.workshop_id = o.workshop_id AND c.id = o.client_id::uuid
        WHERE o.workshop_id = ${workshopId} AND o.deleted_at IS NULL
        ORDER BY o.created_at DESC, o.id DESC
        LIMIT ${SUPPORT_PAGE_SIZE + 1} OFFSET ${offset(page)}`,
  );
  return paged(found, page);
}

export interface MessageRow {
  id: string;
  createdAt: string;
  channel: string;
  status: string;
  clientName: string | null;
  body: string;
}

export async function messagesPage(tx: Tx, workshopId: string, page: number) {
  const found = await rows<MessageRow>(
    tx,
    sql`SELECT m.id::text AS id, m.created_at AS "createdAt", m.channel, m.status, c.name AS "clientName", m.body
        FROM messages m
        LEFT JOIN clients c ON c.workshop_id = m.workshop_id AND c.id = m.client_id::uuid
        WHERE m.workshop_id = ${workshopId} AND m.deleted_at IS NULL
        ORDER BY m.created_at DESC, m.id DESC
        LIMIT ${SUPPORT_PAGE_SIZE + 1} OFFSET ${offset(page)}`,
  );
  return paged(found, page);
}
