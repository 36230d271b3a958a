/**
 * The admin portal's rules (DESIGN "Admin portal"), shared by the cloud and the portal's pages:
 * the roles, how long a session and a sign-in challenge live, when repeated failures lock the
 * sign-in, the reason every action needs, and how long an owner's support permission lasts.
 */
import { z } from 'zod';
import { requiredText } from '../domain/fields.js';

export const ADMIN_ROLES = ['superadmin', 'support'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];
export const adminRoleSchema = z.enum(ADMIN_ROLES, { error: () => 'invalid.adminRole' });

/** A session ends after 30 minutes without a request, and 8 hours after sign-in in any case. */
export const ADMIN_SESSION_IDLE_MS = 30 * 60_000;
export const ADMIN_SESSION_MAX_MS = 8 * 3_600_000;
/** Between the password and the code: 5 minutes. */
export const ADMIN_CHALLENGE_MS = 5 * 60_000;
/** Wrong passwords or codes in a row before the sign-in locks, and for how long. */
export const ADMIN_MAX_FAILURES = 5;
export const ADMIN_LOCK_MS = 15 * 60_000;
/** TOTP (RFC 6238): SHA-1, 6 digits, 30-second steps; a code of the step before or after is accepted (clock drift). */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
/** An invitation to become an admin lasts 3 days. */
export const ADMIN_INVITE_MS = 3 * 86_400_000;

/** The owner's permission for the support view lasts 24 hours (withdrawable at any time). */
export const SUPPORT_GRANT_MS = 24 * 3_600_000;

/** Every admin action says why, in a sentence written to the audit log. */
export const REASON_MAX = 500;
export const reasonSchema = requiredText(REASON_MAX, 'invalid.reasonMissing');

/** Whether a session is still open at `now`. */
export function sessionOpen(session: { lastSeenAt: string; expiresAt: string; revokedAt: string | null }, now: Date): boolean {
  const at = now.getTime();
  return session.revokedAt === null && at < Date.parse(session.expiresAt) && at - Date.parse(session.lastSeenAt) < ADMIN_SESSION_IDLE_MS;
}

/** After a failure: the new count, and the lock's end when it reaches the limit. */
export function afterFailure(failedAttempts: number, now: Date): { failedAttempts: number; lockedUntil: string | null } {
  const count = failedAttempts + 1;
  return count >= ADMIN_MAX_FAILURES ? { failedAttempts: 0, lockedUntil: new Date(now.getTime() + ADMIN_LOCK_MS).toISOString() } : { failedAttempts: count, lockedUntil: null };
}

export function isLocked(lockedUntil: string | null, now: Date): boolean {
  return lockedUntil !== null && Date.parse(lockedUntil) > now.getTime();
}

/** Whether an owner's support permission is in force at `now`. */
export function supportGrantActive(grant: { expiresAt: string; revokedAt: string | null } | null, now: Date): boolean {
  return grant !== null && grant.revokedAt === null && Date.parse(grant.expiresAt) > now.getTime();
}
