/**
 * Admin sessions (cloud/db/adminSchema.ts): created at sign-in, kept open by each request (idle
 * limit), closed at sign-out, at the longest session's end, or when the admin is removed.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import type { AdminRole } from '../../shared/admin/rules.js';
import { ADMIN_SESSION_IDLE_MS, ADMIN_SESSION_MAX_MS } from '../../shared/admin/rules.js';

export interface OpenSession {
  adminId: string;
  email: string;
  name: string;
  role: AdminRole;
  expiresAt: string;
}

export async function createSession(tx: Tx, tokenHash: string, adminId: string, now: Date): Promise<string> {
  const expiresAt = new Date(now.getTime() + ADMIN_SESSION_MAX_MS).toISOString();
  await tx.execute(sql`INSERT INTO admin_sessions (token_hash, admin_id, created_at, last_seen_at, expires_at)
                      VALUES (${tokenHash}, ${adminId}, ${now.toISOString()}, ${now.toISOString()}, ${expiresAt})`);
  return expiresAt;
}

/**
 * The session of a token if it is still open at `now`, its idle clock restarted, in one
 * statement; null when unknown, revoked, idle too long, past its longest life, or its admin removed.
 */
export async function touchSession(tx: Tx, tokenHash: string, now: Date): Promise<OpenSession | null> {
  const at = now.toISOString();
  const idleSince = new Date(now.getTime() - ADMIN_SESSION_IDLE_MS).toISOString();
  const [row] = await rows<OpenSession>(
    tx,
    sql`UPDATE admin_sessions s SET last_seen_at = ${at}
        FROM admins a
        WHERE s.token_hash = ${tokenHash} AND a.id = s.admin_id AND a.removed_at IS NULL
          AND s.revoked_at IS NULL AND s.expires_at > ${at}::timestamptz AND s.last_seen_at > ${idleSince}::timestamptz
        RETURNING a.id AS "adminId", a.email, a.name, a.role, s.expires_at::text AS "expiresAt"`,
  );
  return row ? { ...row, expiresAt: new Date(row.expiresAt).toISOString() } : null;
}

export async function revokeSession(tx: Tx, tokenHash: string, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE admin_sessions SET revoked_at = ${now.toISOString()} WHERE token_hash = ${tokenHash} AND revoked_at IS NULL`);
}

export async function revokeAdminSessions(tx: Tx, adminId: string, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE admin_sessions SET revoked_at = ${now.toISOString()} WHERE admin_id = ${adminId} AND revoked_at IS NULL`);
}
