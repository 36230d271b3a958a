/**
 * User accounts: finding one by phone or e-mail, checking a password with the account lock
 * (5 consecutive failures lock the account for 15 minutes, kept in the database so it holds
 * across restarts and instances), and opening a session (access + refresh tokens).
 */
import type { Request, Response } from 'express';
import { eq, sql } from 'drizzle-orm';
import type { CloudContext } from '../context.js';
import { rows, type Tx } from '../db/client.js';
import { users } from '../db/schema.js';
import { normalizePhone } from '../../shared/domain/phone.js';
import { roleSchema, type Role } from '../../shared/domain/roles.js';
import { signAccessToken, type AccessClaims } from './tokens.js';
import { issueRefreshToken } from './refreshTokens.js';
import { verifyPassword } from './passwords.js';
import { waitText } from './rateLimit.js';
import { fail, TEXT } from './texts.js';
import type { HttpError } from '../http/errors.js';
import type { SessionResponse } from './schemas.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export type UserRow = typeof users.$inferSelect;

/** A phone number in any form (→ E.164) or an e-mail address (→ lower case); null if neither. */
export function parseIdentifier(raw: string): { kind: 'phone' | 'email'; value: string } | null {
  const trimmed = raw.trim();
  if (trimmed.includes('@')) return { kind: 'email', value: trimmed.toLowerCase() };
  const phone = normalizePhone(trimmed);
  return phone ? { kind: 'phone', value: phone } : null;
}

export async function findUser(tx: Tx, identifier: { kind: 'phone' | 'email'; value: string }): Promise<UserRow | undefined> {
  const column = identifier.kind === 'phone' ? users.phone : users.email;
  const [user] = await tx.select().from(users).where(eq(column, identifier.value));
  return user;
}

/** 409 phone_taken / email_taken when another account already has them. */
export async function assertAvailable(tx: Tx, req: Request, phone: string, email: string | null): Promise<void> {
  if (await findUser(tx, { kind: 'phone', value: phone })) throw fail(req, 409, 'phone_taken', TEXT.phoneTaken);
  if (email && (await findUser(tx, { kind: 'email', value: email }))) throw fail(req, 409, 'email_taken', TEXT.emailTaken);
}

export function conflictOf(req: Request, constraint: string): HttpError {
  return constraint.includes('email') ? fail(req, 409, 'email_taken', TEXT.emailTaken) : fail(req, 409, 'phone_taken', TEXT.phoneTaken);
}

function lockedError(req: Request, res: Response, until: Date, now: Date): HttpError {
  const waitMs = until.getTime() - now.getTime();
  res.setHeader('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
  return fail(req, 429, 'account_locked', TEXT.accountLocked, { attempts: MAX_FAILED_LOGINS, wait: waitText(waitMs) }, { retryAt: until.toISOString() });
}

/**
 * Checks the password of a known account, honouring and updating its lock. Throws 429
 * account_locked (even for the right password while locked) or 401 invalid_credentials.
 */
export async function checkPassword(ctx: CloudContext, req: Request, res: Response, user: UserRow, password: string): Promise<void> {
  const now = ctx.now();
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) throw lockedError(req, res, user.lockedUntil, now);
  if (await verifyPassword(password, user.passwordHash)) {
    if (user.failedLogins > 0 || user.lockedUntil) {
      await ctx.db.system((tx) => tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id)));
    }
    return;
  }
  const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
  const reachesLimit = sql`${users.failedLogins} + 1 >= ${MAX_FAILED_LOGINS}`;
  const [after] = await ctx.db.system((tx) =>
    tx
      .update(users)
      .set({
        failedLogins: sql`CASE WHEN ${reachesLimit} THEN 0 ELSE ${users.failedLogins} + 1 END`,
        lockedUntil: sql`CASE WHEN ${reachesLimit} THEN ${lockUntil.toISOString()}::timestamptz ELSE ${users.lockedUntil} END`,
      })
      .where(eq(users.id, user.id))
      .returning({ lockedUntil: users.lockedUntil }),
  );
  if (after?.lockedUntil && after.lockedUntil.getTime() > now.getTime()) throw lockedError(req, res, after.lockedUntil, now);
  throw fail(req, 401, 'invalid_credentials', TEXT.invalidCredentials);
}

/** The user's live membership: in `workshopId` if given, else the most recently joined (uuidv7 ids sort by time). */
export async function findMembership(tx: Tx, userId: string, workshopId?: string): Promise<{ workshopId: string; memberId: string } | undefined> {
  const [found] = await rows<{ workshop_id: string; id: string }>(
    tx,
    sql`SELECT workshop_id, id FROM members WHERE user_id = ${userId} AND deleted_at IS NULL
      ${workshopId ? sql`AND workshop_id = ${workshopId}` : sql``} ORDER BY id DESC LIMIT 1`,
  );
  return found ? { workshopId: found.workshop_id, memberId: found.id } : undefined;
}

/**
 * Opens a session for a member (inside `withWorkshop(claims.workshopId)`): a new refresh-token
 * family and an access token, with the login response's shape.
 */
export async function openSession(
  ctx: CloudContext,
  tx: Tx,
  user: Pick<UserRow, 'id' | 'name' | 'phone' | 'email'>,
  claims: AccessClaims,
  role?: Role,
): Promise<SessionResponse> {
  const now = ctx.now();
  const [shop] = await rows<{ name: string | null }>(tx, sql`SELECT name FROM workshop WHERE id = ${claims.workshopId}`);
  let memberRole = role;
  if (!memberRole) {
    const [member] = await rows<{ role: string | null }>(tx, sql`SELECT role FROM members WHERE id = ${claims.memberId}`);
    memberRole = roleSchema.parse(member?.role);
  }
  const refreshToken = await issueRefreshToken(tx, claims, { now, ttlDays: ctx.config.refreshTokenTtlDays });
  return {
    accessToken: signAccessToken(ctx.config.jwtSecret, claims, ctx.config.accessTokenTtlSeconds, now),
    refreshToken,
    user: { id: user.id, name: user.name, phone: user.phone, email: user.email },
    workshop: { id: claims.workshopId, name: shop?.name ?? '' },
    member: { id: claims.memberId, role: memberRole },
  };
}
