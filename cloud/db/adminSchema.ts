/**
 * The admin portal's tables (DESIGN "Admin portal"; cloud/admin). Platform admins are their own
 * accounts, never workshop members, so these tables are not workshop tables: the portal reads and
 * writes them as the system. The audit log is insert-only in the database itself: the
 * application's role has no UPDATE, DELETE or TRUNCATE on it (client.ts), and a trigger of
 * migration 0008 refuses them to every role, the owner's included.
 * A workshop's `support_grants` are the owner's (RLS like every workshop table).
 */
import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, timestamp, integer, bigint, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { workshopPolicy } from './mirror.js';

/** A platform admin: `superadmin` (also manages admins) or `support`. */
export const admins = pgTable(
  'admins',
  {
    id: uuid('id').primaryKey(),
    /** Lower-cased. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    /** Null while an invitation has not been accepted. */
    passwordHash: text('password_hash'),
    /** The TOTP secret (base32): set at the first sign-in, confirmed by a first code. */
    totpSecret: text('totp_secret'),
    totpConfirmedAt: timestamp('totp_confirmed_at', { withTimezone: true, mode: 'string' }),
    /** The last 30-second step a code was accepted for: a code is accepted once. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    /** Wrong passwords and codes since the last success; at the limit the sign-in is locked. */
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
    /** sha256 of the invitation's token, while it is pending. */
    inviteTokenHash: text('invite_token_hash'),
    inviteExpiresAt: timestamp('invite_expires_at', { withTimezone: true, mode: 'string' }),
    invitedBy: uuid('invited_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [uniqueIndex('admins_email').on(t.email).where(sql`removed_at IS NULL`), uniqueIndex('admins_invite').on(t.inviteTokenHash).where(sql`invite_token_hash IS NOT NULL`)],
);

/** Ten one-time recovery codes per admin, shown once, stored hashed. */
export const adminRecoveryCodes = pgTable(
  'admin_recovery_codes',
  {
    id: uuid('id').primaryKey(),
    adminId: uuid('admin_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('admin_recovery_codes_admin').on(t.adminId)],
);

/** An admin's session: the cookie carries a random token, the table its sha256. */
export const adminSessions = pgTable(
  'admin_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    adminId: uuid('admin_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** created_at + the longest session (8 hours). */
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('admin_sessions_admin').on(t.adminId)],
);

/** Who did what, when, on what and why; before and after where it applies. Insert-only. */
export const adminAudit = pgTable(
  'admin_audit',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    /** Null for a failed sign-in of an unknown address. */
    adminId: uuid('admin_id'),
    adminEmail: text('admin_email').notNull(),
    action: text('action').notNull(),
    /** workshop, admin, profile, photo, report… */
    targetType: text('target_type'),
    targetId: text('target_id'),
    workshopId: uuid('workshop_id'),
    reason: text('reason'),
    before: jsonb('before'),
    after: jsonb('after'),
    /** Non-personal detail: the support view's page, a failure's cause. */
    detail: jsonb('detail'),
    ip: text('ip'),
  },
  (t) => [index('admin_audit_at').on(t.at), index('admin_audit_workshop').on(t.workshopId, t.at), index('admin_audit_admin').on(t.adminId, t.at), index('admin_audit_action').on(t.action, t.at)],
);

/** The owner's permission for the support view: 24 hours, withdrawable. */
export const supportGrants = pgTable(
  'support_grants',
  {
    id: uuid('id').primaryKey(),
    workshopId: uuid('workshop_id').notNull(),
    grantedBy: uuid('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true, mode: 'string' }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('support_grants_workshop').on(t.workshopId, t.expiresAt), workshopPolicy('support_grants')],
).enableRLS();
