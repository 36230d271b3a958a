/**
 * The admins' management in SQL, as the system (the application's role cannot read these
 * tables): the list, invitations by their token's hash, acceptance, removal.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import type { AdminRole } from '../../../shared/admin/rules.js';
import type { TeamAdmin } from './schemas.js';

const SELECT = sql`SELECT a.id::text AS id, a.email, a.name, a.role, a.created_at::text AS "createdAt", (a.password_hash IS NULL) AS pending,
       (a.totp_confirmed_at IS NOT NULL) AS "totpConfirmed", i.email AS "invitedBy"
  FROM admins a LEFT JOIN admins i ON i.id = a.invited_by`;

const normalise = (row: TeamAdmin): TeamAdmin => ({ ...row, createdAt: new Date(row.createdAt).toISOString() });

/** The admins not removed, the oldest first. */
export async function listAdmins(tx: Tx): Promise<TeamAdmin[]> {
  return (await rows<TeamAdmin>(tx, sql`${SELECT} WHERE a.removed_at IS NULL ORDER BY a.created_at, a.email`)).map(normalise);
}

export async function teamAdmin(tx: Tx, id: string): Promise<TeamAdmin | null> {
  const [row] = await rows<TeamAdmin>(tx, sql`${SELECT} WHERE a.id = ${id} AND a.removed_at IS NULL`);
  return row ? normalise(row) : null;
}

export interface Invitation {
  id: string;
  email: string;
  name: string;
  expiresAt: string;
}

/** The pending invitation of a token's hash (locked when asked); null when unknown, used or removed. */
export async function invitationByHash(tx: Tx, tokenHash: string, options: { forUpdate?: boolean } = {}): Promise<Invitation | null> {
  const lock = options.forUpdate ? sql` FOR UPDATE` : sql``;
  const [row] = await rows<Invitation>(
    tx,
    sql`SELECT id::text AS id, email, name, invite_expires_at::text AS "expiresAt" FROM admins
         WHERE invite_token_hash = ${tokenHash} AND removed_at IS NULL AND invite_expires_at IS NOT NULL${lock}`,
  );
  return row ? { ...row, expiresAt: new Date(row.expiresAt).toISOString() } : null;
}

/** The password chosen: the invitation is used up. */
export async function acceptInvitation(tx: Tx, id: string, passwordHash: string): Promise<void> {
  await tx.execute(sql`UPDATE admins SET password_hash = ${passwordHash}, invite_token_hash = NULL, invite_expires_at = NULL WHERE id = ${id}`);
}

/**
 * The superadmins not removed, locked in one order: two superadmins removing each other at once
 * are decided one after the other, so one of them stays.
 */
export async function lockSuperadmins(tx: Tx): Promise<{ id: string; pending: boolean }[]> {
  return rows<{ id: string; pending: boolean }>(
    tx,
    sql`SELECT id::text AS id, (password_hash IS NULL) AS pending FROM admins WHERE role = 'superadmin' AND removed_at IS NULL ORDER BY id FOR UPDATE`,
  );
}

export async function adminToRemove(tx: Tx, id: string): Promise<{ id: string; email: string; name: string; role: AdminRole; pending: boolean } | null> {
  const [row] = await rows<{ id: string; email: string; name: string; role: AdminRole; pending: boolean }>(
    tx,
    sql`SELECT id::text AS id, email, name, role, (password_hash IS NULL) AS pending FROM admins WHERE id = ${id} AND removed_at IS NULL FOR UPDATE`,
  );
  return row ?? null;
}

/** Removed: no sign-in, no session (the guard checks `removed_at`), a pending invitation's link dead. */
export async function markRemoved(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.execute(sql`UPDATE admins SET removed_at = ${now.toISOString()}, invite_token_hash = NULL, invite_expires_at = NULL WHERE id = ${id}`);
}
