/**
 * An admin's sign-in (DESIGN "Admin portal"): the password first (the members' scrypt hash), then
 * a TOTP code — or one of the ten recovery codes. The first sign-in enrols the authenticator: the
 * password's answer carries the `otpauth://` URI and its QR code, and the first code accepted
 * confirms it and hands out the recovery codes, once. A code is accepted once (the last step is
 * kept). Wrong passwords and codes count together; at the limit the sign-in locks for 15 minutes.
 * Every sign-in, failure and lock is audited. The session is a random token in an HttpOnly cookie;
 * its CSRF token is an HMAC of it (csrf.ts).
 */
import { createHash, createHmac, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { CloudContext } from '../context.js';
import type { Tx } from '../db/client.js';
import type { Locale } from '../../shared/i18n/index.js';
import { verifyDummyPassword, verifyPassword } from '../auth/passwords.js';
import { ADMIN_CHALLENGE_MS, RECOVERY_CODE_COUNT, afterFailure, isLocked } from '../../shared/admin/rules.js';
import type { AuditAction } from '../../shared/admin/auditActions.js';
import { adminById, adminByEmail, recoveryCodesLeft, replaceRecoveryCodes, setSignInCounters, setTotpSecret, spendRecoveryCode, takeTotpStep, type AdminRow } from './adminsSql.js';
import { createSession, revokeSession } from './sessionsSql.js';
import type { AdminCaller } from '../http/guards.js';
import { writeAudit } from './auditSql.js';
import { newTotpSecret, totpQrSvg, totpStep, totpUri } from './totp.js';
import { adminError } from './texts.js';
import { csrfToken } from './csrf.js';
import type { AdminSession } from './schemas.js';

const CHALLENGE_AUDIENCE = 'styliste-admin-challenge';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A recovery code as typed (any case, with or without dashes) in its one stored form. */
export function recoveryCodeKey(code: string): string {
  return sha256(code.toUpperCase().replace(/-/g, ''));
}

function newRecoveryCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => BASE32[b % 32]!).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export interface SignedIn {
  /** The session's token, for the cookie only. */
  token: string;
  session: AdminSession;
}

type Attempt = { ok: true; signedIn: SignedIn } | { ok: false; locked: string | null };

export class AdminSignIn {
  private readonly challengeKey;

  constructor(private readonly ctx: Pick<CloudContext, 'db' | 'config' | 'now'>) {
    // Keys of their own, derived from the server's secret: a challenge is never an access token.
    this.challengeKey = createSecretKey(createHmac('sha256', ctx.config.jwtSecret).update('admin-challenge').digest());
  }

  /** The password step: a challenge (and the enrolment while no code confirmed the authenticator). */
  async login(email: string, password: string, ip: string | null, locale: Locale): Promise<{ challenge: string; enrollUri?: string; enrollQrSvg?: string }> {
    const now = this.ctx.now();
    const found = await this.ctx.db.system((tx) => adminByEmail(tx, email));
    if (!found || !found.passwordHash) {
      await verifyDummyPassword(password);
      await this.ctx.db.system((tx) => this.audit(tx, { id: null, email }, 'admin.sign_in_failed', ip, { cause: 'unknown_email' }));
      throw adminError('admin_credentials', locale);
    }
    if (isLocked(found.lockedUntil, now)) {
      await this.ctx.db.system((tx) => this.audit(tx, found, 'admin.sign_in_failed', ip, { cause: 'locked' }));
      throw adminError('admin_locked', locale, { until: lockText(found.lockedUntil!) });
    }
    if (!(await verifyPassword(password, found.passwordHash))) {
      const locked = await this.ctx.db.system((tx) => this.fail(tx, found.id, ip, 'password'));
      throw locked ? adminError('admin_locked', locale, { until: lockText(locked) }) : adminError('admin_credentials', locale);
    }
    const challenge = jwt.sign({ sub: found.id, aud: CHALLENGE_AUDIENCE, exp: Math.floor((now.getTime() + ADMIN_CHALLENGE_MS) / 1000), jti: randomUUID() }, this.challengeKey, {
      algorithm: 'HS256',
      noTimestamp: true,
    });
    if (found.totpConfirmedAt !== null) return { challenge };
    const secret = newTotpSecret();
    await this.ctx.db.system((tx) => setTotpSecret(tx, found.id, secret));
    const enrollUri = totpUri(secret, found.email);
    return { challenge, enrollUri, enrollQrSvg: await totpQrSvg(enrollUri) };
  }

  /** The code step: the session, or the refusal (counted, audited, locking at the limit). */
  async verify(challenge: string, code: string, ip: string | null, locale: Locale): Promise<SignedIn> {
    const now = this.ctx.now();
    const adminId = this.challengeAdmin(challenge, now);
    if (!adminId) throw adminError('admin_challenge_expired', locale);
    const attempt = await this.ctx.db.system(async (tx): Promise<Attempt | null> => {
      const admin = await adminById(tx, adminId, { forUpdate: true });
      if (!admin || !admin.totpSecret) return null;
      if (isLocked(admin.lockedUntil, now)) {
        await this.audit(tx, admin, 'admin.sign_in_failed', ip, { cause: 'locked' });
        return { ok: false, locked: admin.lockedUntil };
      }
      const accepted = await this.acceptCode(tx, admin, code, now, ip);
      if (accepted === 'refused') return { ok: false, locked: await this.fail(tx, admin.id, ip, 'code') };
      return { ok: true, signedIn: await this.open(tx, admin, ip, now) };
    });
    if (!attempt) throw adminError('admin_challenge_expired', locale);
    if (!attempt.ok) throw attempt.locked ? adminError('admin_locked', locale, { until: lockText(attempt.locked) }) : adminError('admin_code_refused', locale);
    return attempt.signedIn;
  }

  /** The session's answer for `GET /api/admin/session` (after a reload of the portal). */
  async describe(token: string, caller: AdminCaller): Promise<AdminSession> {
    const left = await this.ctx.db.system((tx) => recoveryCodesLeft(tx, caller.adminId));
    return {
      admin: { id: caller.adminId, email: caller.email, name: caller.name, role: caller.role },
      csrfToken: csrfToken(this.ctx.config.jwtSecret, token),
      expiresAt: caller.sessionExpiresAt,
      recoveryCodesLeft: left,
    };
  }

  async logout(token: string, admin: { adminId: string; email: string }, ip: string | null): Promise<void> {
    const now = this.ctx.now();
    await this.ctx.db.system(async (tx) => {
      await revokeSession(tx, sha256(token), now);
      await this.audit(tx, { id: admin.adminId, email: admin.email }, 'admin.sign_out', ip);
    });
  }

  private challengeAdmin(challenge: string, now: Date): string | null {
    try {
      const payload = jwt.verify(challenge, this.challengeKey, { algorithms: ['HS256'], audience: CHALLENGE_AUDIENCE, clockTimestamp: Math.floor(now.getTime() / 1000) });
      const sub = typeof payload === 'object' ? payload.sub : undefined;
      return typeof sub === 'string' ? sub : null;
    } catch {
      return null;
    }
  }

  private async acceptCode(tx: Tx, admin: AdminRow, code: string, now: Date, ip: string | null): Promise<'totp' | 'recovery' | 'refused'> {
    if (/^\d{6}$/.test(code)) {
      const step = totpStep(admin.totpSecret!, admin.email, code, now);
      return step !== null && (await takeTotpStep(tx, admin.id, step, now)) ? 'totp' : 'refused';
    }
    // Recovery codes exist only once the authenticator is confirmed.
    if (admin.totpConfirmedAt === null || !(await spendRecoveryCode(tx, admin.id, recoveryCodeKey(code), now))) return 'refused';
    await this.audit(tx, admin, 'admin.recovery_code_used', ip);
    return 'recovery';
  }

  private async open(tx: Tx, admin: AdminRow, ip: string | null, now: Date): Promise<SignedIn> {
    await setSignInCounters(tx, admin.id, { failedAttempts: 0, lockedUntil: null });
    let recoveryCodes: string[] | undefined;
    if (admin.totpConfirmedAt === null) {
      recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await replaceRecoveryCodes(tx, admin.id, recoveryCodes.map((code) => ({ id: randomUUID(), hash: recoveryCodeKey(code) })));
      await this.audit(tx, admin, 'admin.totp_enrolled', ip);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = await createSession(tx, sha256(token), admin.id, now);
    await this.audit(tx, admin, 'admin.sign_in', ip);
    const left = await recoveryCodesLeft(tx, admin.id);
    const session: AdminSession = {
      admin: { id: admin.id, email: admin.email, name: admin.name, role: admin.role },
      csrfToken: csrfToken(this.ctx.config.jwtSecret, token),
      expiresAt,
      recoveryCodesLeft: left,
      ...(recoveryCodes ? { recoveryCodes } : {}),
    };
    return { token, session };
  }

  /** Counts a failure; the lock's end when this one reached the limit. */
  private async fail(tx: Tx, adminId: string, ip: string | null, cause: 'password' | 'code'): Promise<string | null> {
    const admin = await adminById(tx, adminId, { forUpdate: true });
    if (!admin) return null;
    const counters = afterFailure(admin.failedAttempts, this.ctx.now());
    await setSignInCounters(tx, admin.id, counters);
    await this.audit(tx, admin, 'admin.sign_in_failed', ip, { cause });
    if (counters.lockedUntil) await this.audit(tx, admin, 'admin.locked', ip, { until: counters.lockedUntil });
    return counters.lockedUntil;
  }

  private audit(tx: Tx, admin: { id: string | null; email: string }, action: AuditAction, ip: string | null, detail?: unknown): Promise<void> {
    return writeAudit(tx, { admin: { id: admin.id, email: admin.email.slice(0, 254) }, action, target: admin.id ? { type: 'admin', id: admin.id } : undefined, ip, detail }, this.ctx.now());
  }
}

function lockText(until: string): string {
  return until.slice(0, 16).replace('T', ' ');
}
