/**
 * The rules of accounts and sessions: signup (an account, its workshop and its owner, in one
 * transaction), sign-in (rate limits, the account lock, the membership to open), refresh (rotation
 * with reuse detection) and logout. Plain inputs in, a session out, HttpErrors for refusals: the
 * routes only parse and answer.
 *
 * The account lock: 5 consecutive failures lock the account for 15 minutes, kept in the database
 * so it holds across restarts and instances.
 */
import type { CloudContext } from '../context.js';
import type { Tx } from '../db/client.js';
import type { HttpError } from '../http/errors.js';
import { revokedMember } from '../http/guards.js';
import type { ServerWriter } from '../sync/serverWrite.js';
import { normalizePhone } from '../../shared/domain/phone.js';
import { newId } from '../../shared/domain/ids.js';
import type { Role } from '../../shared/domain/roles.js';
import type { Locale } from '../../shared/i18n/index.js';
import {
  clearFailedLogins,
  findMembership,
  findUser,
  insertUser,
  liveMemberRole,
  recordFailedLogin,
  uniqueViolation,
  workshopName,
  type Identifier,
  type UserRow,
} from './accountsSql.js';
import { loginKeys, takeAttempt, type AuthLimiters } from './loginLimits.js';
import { hashPassword, verifyDummyPassword, verifyPassword } from './passwords.js';
import { waitText } from './rateLimit.js';
import { checkForRotation, claimsOf, findRefreshToken, issueRefreshToken, markUsed, revokeFamily } from './refreshTokens.js';
import type { LoginBody, SessionResponse, SignupBody, TokensResponse } from './schemas.js';
import { fail, failLater } from './texts.js';
import { signAccessToken, type AccessClaims } from './tokens.js';
import { createWorkshopRows } from './workshopRows.js';
import { addCredits } from '../notifications/credits.js';
import type { BillingService } from '../billing/billingService.js';
import { TRIAL_CREDITS } from '../../shared/messaging/messageOptions.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

/** Who is asking, as far as the rules care: the address (rate limits) and the language. */
export interface Asker {
  ip: string;
  locale: Locale;
}

/** A phone number in any form (→ E.164) or an e-mail address (→ lower case); null if neither. */
export function parseIdentifier(raw: string): Identifier | null {
  const trimmed = raw.trim();
  if (trimmed.includes('@')) return { kind: 'email', value: trimmed.toLowerCase() };
  const phone = normalizePhone(trimmed);
  return phone ? { kind: 'phone', value: phone } : null;
}

/** The 409 of a unique index on users (two sign-ups with one number at the same moment). */
export function conflictOf(locale: Locale, constraint: string): HttpError {
  return fail(locale, constraint.includes('email') ? 'email_taken' : 'phone_taken');
}

export class AccountService {
  constructor(
    private readonly ctx: Pick<CloudContext, 'db' | 'config' | 'now' | 'logger'>,
    private readonly writer: ServerWriter,
    private readonly limits: AuthLimiters,
    private readonly billing: Pick<BillingService, 'startTrial'>,
  ) {}

  async signup(body: SignupBody, locale: Locale): Promise<SessionResponse> {
    const { db } = this.ctx;
    await db.system(async (tx) => {
      if (await findUser(tx, { kind: 'phone', value: body.phone })) throw fail(locale, 'phone_taken');
      if (body.email && (await findUser(tx, { kind: 'email', value: body.email }))) throw fail(locale, 'email_taken');
    });
    const passwordHash = await hashPassword(body.password);
    const now = this.ctx.now();
    const user = { id: newId(), name: body.ownerName, phone: body.phone, email: body.email };
    const claims = { userId: user.id, workshopId: newId(), memberId: newId() };
    try {
      return await db.withWorkshop(claims.workshopId, async (tx) => {
        await insertUser(tx, { ...user, passwordHash }, now);
        await createWorkshopRows(
          this.writer,
          tx,
          { workshopId: claims.workshopId, workshopName: body.workshopName, phone: body.phone, owner: { memberId: claims.memberId, userId: user.id, name: body.ownerName }, locale },
          now,
        );
        // The trial's message credits, in the same transaction as the workshop (never twice, never without it).
        await addCredits(tx, claims.workshopId, 'grant', TRIAL_CREDITS, 'trial');
        // …and its 14-day trial (the subscription, and its synced row for the first device).
        await this.billing.startTrial(tx, claims.workshopId, now);
        return this.openSession(tx, user, claims, 'owner');
      });
    } catch (error) {
      // Two sign-ups with the same number at the same moment: the unique index decides.
      const constraint = uniqueViolation(error);
      if (constraint !== undefined) throw conflictOf(locale, constraint);
      throw error;
    }
  }

  async login(body: LoginBody, asker: Asker): Promise<SessionResponse> {
    const { db } = this.ctx;
    const { ip, locale } = asker;
    const identifier = parseIdentifier(body.identifier);
    const pairKey = loginKeys.pair(ip, identifier?.value ?? body.identifier.toLowerCase());
    await takeAttempt(this.limits.ip, loginKeys.ip(ip), locale);
    await takeAttempt(this.limits.loginPair, pairKey, locale);

    const user = identifier ? await db.system((tx) => findUser(tx, identifier)) : undefined;
    if (!user) {
      await verifyDummyPassword(body.password);
      throw fail(locale, 'invalid_credentials');
    }
    await this.checkPassword(user, body.password, locale);
    await Promise.all([this.limits.ip.refund(loginKeys.ip(ip)), this.limits.loginPair.refund(pairKey)]);

    const membership = await db.system((tx) => findMembership(tx, user.id, body.workshopId));
    if (!membership) throw fail(locale, 'no_membership');
    const claims = { userId: user.id, ...membership };
    return db.withWorkshop(claims.workshopId, async (tx) => {
      // The role to put in the session, read where the session is opened (removed meanwhile → refused).
      const role = await liveMemberRole(tx, claims);
      if (!role) throw revokedMember(locale);
      return this.openSession(tx, user, claims, role);
    });
  }

  async refresh(refreshToken: string, locale: Locale): Promise<TokensResponse> {
    const { db, config } = this.ctx;
    const now = this.ctx.now();
    const found = await db.system((tx) => findRefreshToken(tx, refreshToken));
    if (!found) throw fail(locale, 'invalid_refresh');
    // The row again, locked, inside the workshop's scope: two uses at once cannot both rotate.
    const outcome = await db.withWorkshop(found.workshopId, async (tx) => {
      const row = await findRefreshToken(tx, refreshToken, true);
      if (!row) return { kind: 'invalid' as const };
      const check = checkForRotation(row, now);
      if (check === 'reused') {
        await revokeFamily(tx, row.familyId, now);
        return { kind: 'reused' as const };
      }
      const claims = claimsOf(row);
      // A removed member hears access_revoked (the app then wipes the workshop's data).
      if (!(await liveMemberRole(tx, claims))) throw revokedMember(locale);
      if (check !== 'ok') return { kind: check };
      await markUsed(tx, row.id, now);
      const next = await issueRefreshToken(tx, claims, { familyId: row.familyId, deviceId: row.deviceId, now, ttlDays: config.refreshTokenTtlDays });
      return { kind: 'ok' as const, tokens: { accessToken: signAccessToken(config.jwtSecret, claims, config.accessTokenTtlSeconds, now), refreshToken: next } };
    });
    switch (outcome.kind) {
      case 'ok':
        return outcome.tokens;
      case 'reused':
        this.ctx.logger.warn({ familyId: found.familyId, userId: found.userId }, 'refresh token reused: family revoked');
        throw fail(locale, 'refresh_reused');
      case 'expired':
        throw fail(locale, 'refresh_expired');
      default:
        throw fail(locale, 'invalid_refresh');
    }
  }

  /** Revokes the token's whole family; an unknown or spent token is no error (nothing to close). */
  async logout(refreshToken: string): Promise<void> {
    const now = this.ctx.now();
    await this.ctx.db.system(async (tx) => {
      const row = await findRefreshToken(tx, refreshToken);
      if (row) await revokeFamily(tx, row.familyId, now);
    });
  }

  /**
   * Checks the password of a known account, honouring and updating its lock. Throws 429
   * account_locked (even for the right password while locked) or 401 invalid_credentials.
   */
  async checkPassword(user: UserRow, password: string, locale: Locale): Promise<void> {
    const { db } = this.ctx;
    const now = this.ctx.now();
    if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) throw lockedError(locale, user.lockedUntil, now);
    if (await verifyPassword(password, user.passwordHash)) {
      if (user.failedLogins > 0 || user.lockedUntil) await db.system((tx) => clearFailedLogins(tx, user.id));
      return;
    }
    const lockUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000);
    const locked = await db.system((tx) => recordFailedLogin(tx, user.id, MAX_FAILED_LOGINS, lockUntil));
    if (locked && locked.getTime() > now.getTime()) throw lockedError(locale, locked, now);
    throw fail(locale, 'invalid_credentials');
  }

  /**
   * Opens a session for a member (inside `withWorkshop(claims.workshopId)`): a new refresh-token
   * family and an access token, with the login response's shape.
   */
  async openSession(tx: Tx, user: Pick<UserRow, 'id' | 'name' | 'phone' | 'email'>, claims: AccessClaims, role: Role): Promise<SessionResponse> {
    const { config } = this.ctx;
    const now = this.ctx.now();
    const refreshToken = await issueRefreshToken(tx, claims, { now, ttlDays: config.refreshTokenTtlDays });
    return {
      accessToken: signAccessToken(config.jwtSecret, claims, config.accessTokenTtlSeconds, now),
      refreshToken,
      user: { id: user.id, name: user.name, phone: user.phone, email: user.email },
      workshop: { id: claims.workshopId, name: await workshopName(tx, claims.workshopId) },
      member: { id: claims.memberId, role },
    };
  }
}

function lockedError(locale: Locale, until: Date, now: Date): HttpError {
  const waitMs = until.getTime() - now.getTime();
  return failLater(locale, 'account_locked', waitMs, { attempts: MAX_FAILED_LOGINS, wait: waitText(waitMs) }, { retryAt: until.toISOString() });
}
