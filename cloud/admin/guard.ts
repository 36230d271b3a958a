/**
 * The `admin` and `superadmin` guards (cloud/http/guards.ts applies them from the route's
 * declaration): the session cookie only — an `Authorization` header, a workshop's access token
 * included, is never looked at — checked and its idle clock restarted in one statement, then the
 * CSRF header on every write, then the role for `superadmin` routes.
 */
import type { Request, RequestHandler } from 'express';
import type { Config } from '../config.js';
import type { CloudDb } from '../db/client.js';
import type { AdminCaller, Guard } from '../http/guards.js';
import { requestLocale } from '../http/errors.js';
import { CSRF_HEADER, clearSessionCookie, sessionToken } from './cookies.js';
import { touchSession } from './sessionsSql.js';
import { adminError } from './texts.js';
import { sha256 } from './signIn.js';
import { csrfMatches } from './csrf.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** The admin session's token (admin routes), as the cookie gave it. */
    adminToken?: string;
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AdminGuardDeps {
  config: Pick<Config, 'env' | 'jwtSecret'>;
  db: Pick<CloudDb, 'system'>;
  now(): Date;
}

export function createAdminGuard(deps: AdminGuardDeps): (superadmin: boolean) => Guard {
  const early: RequestHandler = (req, _res, next) => {
    const token = sessionToken(req);
    if (!token) return next(adminError('admin_sign_in_required', requestLocale(req)));
    req.adminToken = token;
    next();
  };
  return (superadmin) => ({
    early,
    async admit(req: Request): Promise<AdminCaller> {
      const locale = requestLocale(req);
      const token = req.adminToken!;
      const session = await deps.db.system((tx) => touchSession(tx, sha256(token), deps.now()));
      if (!session) {
        if (req.res) clearSessionCookie(req.res, deps.config.env === 'production');
        throw adminError('admin_session_expired', locale);
      }
      if (!READS.has(req.method) && !csrfMatches(deps.config.jwtSecret, token, req.get(CSRF_HEADER))) throw adminError('csrf_refused', locale);
      if (superadmin && session.role !== 'superadmin') throw adminError('superadmin_only', locale);
      return { kind: 'admin', adminId: session.adminId, email: session.email, name: session.name, role: session.role, ip: req.ip ?? null, sessionExpiresAt: session.expiresAt };
    },
  });
}
