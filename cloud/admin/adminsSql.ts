/**
 * The admins' accounts, recovery codes and sign-in counters (cloud/db/adminSchema.ts), run as the
 * system: the application's role cannot read these tables.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import type { AdminRole } from '../../shared/admin/rules.js';

export interface AdminRow {
  id: string;
  email: string;
  name: string;
  role: AdminRole;
  passwordHash: string | null;
  totpSecret: string | null;
  totpConfirmedAt: string | null;
  totpLastStep: number | null;
  failedAttempts: number;
  lockedUntil: string | null;
  createdAt: string;
}

const COLUMNS = sql.raw(`id, email, name, role, password_hash AS "passwordHash", totp_secret AS "totpSecret",
  totp_confirmed_at::text AS "totpConfirmedAt", totp_last_step::float8 AS "totpLastStep", failed_attempts AS "failedAttempts",
  locked_until::text AS "lockedUntil", created_at::text AS "createdAt"`);

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());
function normalise(row: AdminRow): AdminRow {
  return { ...row, totpConfirmedAt: iso(row.totpConfirmedAt), lockedUntil: iso(row.lockedUntil), createdAt: iso(row.createdAt)! };
}

export async function adminByEmail(tx: Tx, email: string): Promise<AdminRow | null> {
  const [row] = await rows<AdminRow>(tx, sql`SELECT ${COLUMNS} FROM admins WHERE email = ${email.toLowerCase()} AND removed_at IS NULL`);
  return row ? normalise(row) : null;
}

export async function adminById(tx: Tx, id: string, options: { forUpdate?: boolean } = {}): Promise<AdminRow | null> {
  const lock = options.forUpdate ? sql` FOR UPDATE` : sql``;
  const [row] = await rows<AdminRow>(tx, sql`SELECT ${COLUMNS} FROM admins WHERE id = ${id} AND removed_at IS NULL${lock}`);
  return row ? normalise(row) : null;
}

export interface NewAdmin {
  id: string;
  email: string;
  name: string;
  role: AdminRole;
  passwordHash: string | null;
  invitedBy: string | null;
  inviteTokenHash: string | null;
  inviteExpiresAt: string | null;
}

/** False when an admin with this address already exists (the unique index decides between parallel inserts). */
export async function insertAdmin(tx: Tx, admin: NewAdmin, now: Date): Promise<boolean> {
  const inserted = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO admins (id, email, name, role, password_hash, invited_by, invite_token_hash, invite_expires_at, created_at)
        VALUES (${admin.id}, ${admin.email.toLowerCase()}, ${admin.name}, ${admin.role}, ${admin.passwordHash}, ${admin.invitedBy},
                ${admin.inviteTokenHash}, ${admin.inviteExpiresAt}, ${now.toISOString()})
        ON CONFLICT (email) WHERE removed_at IS NULL DO NOTHING RETURNING id`,
  );
  return inserted.length === 1;
}

export async function setSignInCounters(tx: Tx, id: string, counters: { failedAttempts: number; lockedUntil: string | null }): Promise<void> {
  await tx.execute(sql`UPDATE admins SET failed_attempts = ${counters.failedAttempts}, locked_until = ${counters.lockedUntil} WHERE id = ${id}`);
}

/** A new secret while no code confirmed the last one (a first sign-in started again starts a new enrolment). */
export async function setTotpSecret(tx: Tx, id: string, secret: string): Promise<void> {
  await tx.execute(sql`UPDATE admins SET totp_secret = ${secret} WHERE id = ${id} AND totp_confirmed_at IS NULL`);
}

/**
 * Takes a code's step: true only when it is later than the last one accepted, in one statement,
 * so the same code sent twice at once is accepted once. The first code also confirms the secret.
 */
export async function takeTotpStep(tx: Tx, id: string, step: number, now: Date): Promise<boolean> {
  const taken = await rows<{ id: string }>(
    tx,
    sql`UPDATE admins SET totp_last_step = ${step}, totp_confirmed_at = coalesce(totp_confirmed_at, ${now.toISOString()}::timestamptz)
        WHERE id = ${id} AND (totp_last_step IS NULL OR totp_last_step < ${step}) RETURNING id`,
  );
  return taken.length === 1;
}

export async function replaceRecoveryCodes(tx: Tx, adminId: string, codes: { id: string; hash: string }[]): Promise<void> {
  await tx.execute(sql`DELETE FROM admin_recovery_codes WHERE admin_id = ${adminId}`);
  for (const code of codes) await tx.execute(sql`INSERT INTO admin_recovery_codes (id, admin_id, code_hash) VALUES (${code.id}, ${adminId}, ${code.hash})`);
}

/** Spends a recovery code: true once per code. */
export async function spendRecoveryCode(tx: Tx, adminId: string, hash: string, now: Date): Promise<boolean> {
  const spent = await rows<{ id: string }>(
    tx,
    sql`UPDATE admin_recovery_codes SET used_at = ${now.toISOString()} WHERE admin_id = ${adminId} AND code_hash = ${hash} AND used_at IS NULL RETURNING id`,
  );
  return spent.length === 1;
}

export async function recoveryCodesLeft(tx: Tx, adminId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM admin_recovery_codes WHERE admin_id = ${adminId} AND used_at IS NULL`);
  return row?.n ?? 0;
}
