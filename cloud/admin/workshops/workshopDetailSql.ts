/**
 * A workshop's page in the admin portal: its account (the workshop row, the owner's address), its
 * use (members, devices, last sync, messages and credits as counts), and the admin actions on it.
 * Read in the workshop's own transaction (row-level security applies); no client, measurement,
 * order or message text is selected here.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import { isoOrNull } from '../../billing/subscriptionsSql.js';

export interface WorkshopAccount {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  city: string | null;
  timezone: string;
  createdAt: string | null;
}

export async function readWorkshopAccount(tx: Tx, workshopId: string): Promise<WorkshopAccount | null> {
  const [row] = await rows<{ id: string; name: string; phone: string | null; city: string | null; timezone: string | null; created_at: string | null; email: string | null }>(
    tx,
    sql`SELECT w.workshop_id AS id, w.name, w.phone, w.city, w.timezone, w.created_at,
               (SELECT u.email FROM members m JOIN users u ON u.id = m.user_id
                 WHERE m.workshop_id = w.workshop_id AND m.role = 'owner' AND m.deleted_at IS NULL
                 ORDER BY m.id LIMIT 1) AS email
          FROM workshop w WHERE w.workshop_id = ${workshopId} AND w.id = ${workshopId}`,
  );
  if (!row) return null;
  return { id: String(row.id), name: row.name, phone: row.phone, email: row.email, city: row.city, timezone: row.timezone ?? 'Africa/Porto-Novo', createdAt: isoOrNull(row.created_at) };
}

export interface WorkshopUse {
  members: number;
  devices: number;
  lastSyncAt: string | null;
  messages: { sent30d: number; failed30d: number; total: number };
  credits: { balance: number; used30d: number; purchased: number; granted: number };
}

type Count = number | string | null;

/**
 * Counts only, in one statement: members, devices, the last sync, messages and the credit ledger's
 * sums. Messages carry the time the app gave them (`since`, from the cloud's clock); the ledger's
 * entries the database's own (`created_at` defaults to now()), so its 30 days are counted on it.
 */
export async function readWorkshopUse(tx: Tx, workshopId: string, since: Date): Promise<WorkshopUse> {
  const from = since.toISOString();
  const [row] = await rows<{
    members: Count; devices: Count; last_sync_at: unknown; sent: Count; failed: Count; messages: Count;
    balance: Count; used: Count; purchased: Count; granted: Count;
  }>(
    tx,
    sql`SELECT
        (SELECT count(*) FROM members WHERE workshop_id = ${workshopId} AND deleted_at IS NULL) AS members,
        (SELECT count(*) FROM devices WHERE workshop_id = ${workshopId} AND revoked_at IS NULL) AS devices,
        (SELECT max(last_seen_at) FROM devices WHERE workshop_id = ${workshopId}) AS last_sync_at,
        msg.sent, msg.failed, msg.total AS messages,
        led.balance, led.used, led.purchased, led.granted
      FROM (
        SELECT count(*) FILTER (WHERE status IN ('sent', 'delivered') AND coalesce(sent_at, created_at) >= ${from}) AS sent,
               count(*) FILTER (WHERE status = 'failed' AND created_at >= ${from}) AS failed,
               count(*) AS total
          FROM messages WHERE workshop_id = ${workshopId} AND deleted_at IS NULL
      ) msg, (
        SELECT coalesce(sum(amount), 0) AS balance,
               coalesce(-sum(amount) FILTER (WHERE kind IN ('message', 'refund') AND created_at >= now() - interval '30 days'), 0) AS used,
               coalesce(sum(amount) FILTER (WHERE kind = 'purchase'), 0) AS purchased,
               coalesce(sum(amount) FILTER (WHERE kind = 'grant'), 0) AS granted
          FROM credit_ledger WHERE workshop_id = ${workshopId}
      ) led`,
  );
  const n = (value: Count | undefined) => Number(value ?? 0);
  return {
    members: n(row?.members),
    devices: n(row?.devices),
    lastSyncAt: isoOrNull(row?.last_sync_at),
    messages: { sent30d: n(row?.sent), failed30d: n(row?.failed), total: n(row?.messages) },
    credits: { balance: n(row?.balance), used30d: n(row?.used), purchased: n(row?.purchased), granted: n(row?.granted) },
  };
}

export interface WorkshopAuditEntry {
  id: number;
  at: string;
  action: string;
  reason: string | null;
  adminEmail: string;
}

/** The admin audit entries about this workshop, newest first. */
export async function workshopAuditEntries(tx: Tx, workshopId: string, limit: number): Promise<WorkshopAuditEntry[]> {
  const found = await rows<{ id: number | string; at: unknown; action: string; reason: string | null; admin_email: string }>(
    tx,
    sql`SELECT id, at, action, reason, admin_email FROM admin_audit WHERE workshop_id = ${workshopId} ORDER BY at DESC, id DESC LIMIT ${limit}`,
  );
  return found.map((r) => ({ id: Number(r.id), at: isoOrNull(r.at) ?? '', action: r.action, reason: r.reason, adminEmail: r.admin_email }));
}
