/**
 * The guards a route's declaration names (`access` in route.ts), applied by the registry:
 * - `public`: anyone;
 * - `member`: a valid access token of a member still in the workshop (re-read on every request,
 *   from the sync-state statement, so from memory while nothing of the workshop changed);
 * - `owner`: the same, and the member is the workshop's owner;
 * - `admin`: a platform admin's session (its cookie, and the CSRF token on writes; cloud/admin/guard.ts);
 * - `superadmin`: the same, and the admin is a superadmin (who also manages the admins);
 * - `webhook`: a provider's request, proven by the route's own `verify` (signature or secret).
 * The token is checked before any body is read; the member after the route's body parser, so a
 * sync's member check also reads its device in the same statement.
 */
import type { Request, RequestHandler } from 'express';
import type { Config } from '../config.js';
import type { CloudDb } from '../db/client.js';
import type { SyncState } from '../db/syncState.js';
import { verifyAccessToken, type AccessClaims } from '../auth/tokens.js';
import { roleSchema, type Role } from '../../shared/domain/roles.js';
import type { Locale } from '../../shared/i18n/index.js';
import { text } from '../../shared/i18n/texts.js';
import { HttpError, requestLocale } from './errors.js';
import { httpTexts, type HttpTextKey } from './texts.js';
import type { RouteSpec } from './route.js';

export const ACCESS = ['public', 'member', 'owner', 'admin', 'superadmin', 'webhook'] as const;
export type Access = (typeof ACCESS)[number];

/** The member who called, as the guard found them. */
export interface Caller extends AccessClaims {
  role: Role;
  /** The sync-state answer the check was made from (member, the route's device, the workshop's head). */
  state: SyncState;
}

/** The platform admin who called, as the admin guard found them (never a workshop member). */
export interface AdminCaller {
  kind: 'admin';
  adminId: string;
  email: string;
  name: string;
  role: 'superadmin' | 'support';
  ip: string | null;
  /** The session's end at the latest. */
  sessionExpiresAt: string;
}

export interface Guard {
  /** Runs before the route's own middleware: rejects a missing or bad token before a body is read. */
  early: RequestHandler;
  /** Runs after it: the member (and role) check, or the webhook's proof. */
  admit(req: Request): Promise<Caller | AdminCaller | undefined>;
}

export interface Guards {
  for(spec: RouteSpec): Guard;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The verified access token's claims (member routes). */
    claims?: AccessClaims;
  }
}

const NO_DEVICE = '00000000-0000-0000-0000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refusal(status: number, code: string, key: HttpTextKey, locale: Locale): HttpError {
  return new HttpError(status, code, text(httpTexts, locale, key));
}

/** The refusal that tells the app to lock and wipe the workshop's local data. */
export function revokedMember(locale: Locale): HttpError {
  return refusal(403, 'access_revoked', 'accessRevoked', locale);
}

/** The claims of a request's `Authorization: Bearer …`, or the 401 to answer. */
function bearerClaims(req: Request, secret: string, now: Date): AccessClaims | HttpError {
  const locale = requestLocale(req);
  const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(req.headers.authorization ?? '');
  if (!match) return refusal(401, 'unauthorized', 'signInRequired', locale);
  const result = verifyAccessToken(secret, match[1]!, now);
  if (result === 'expired') return refusal(401, 'token_expired', 'sessionExpired', locale);
  if (result === 'invalid') return refusal(401, 'unauthorized', 'invalidToken', locale);
  return result;
}

export interface GuardDeps {
  config: Pick<Config, 'jwtSecret'>;
  db: Pick<CloudDb, 'syncState'>;
  now(): Date;
  /** The admin portal's guards (cloud/admin/guard.ts): `superadmin` also checks the role. */
  admin?: (superadmin: boolean) => Guard;
}

export function createGuards(deps: GuardDeps): Guards {
  const pass: RequestHandler = (_req, _res, next) => next();
  const token: RequestHandler = (req, _res, next) => {
    const claims = bearerClaims(req, deps.config.jwtSecret, deps.now());
    if (claims instanceof HttpError) return next(claims);
    req.claims = claims;
    next();
  };
  const member = (spec: RouteSpec, ownerOnly: boolean): Guard => ({
    early: token,
    async admit(req) {
      const locale = requestLocale(req);
      const claims = req.claims!;
      const device = 'deviceOf' in spec ? spec.deviceOf?.(req) : undefined;
      const deviceId = typeof device === 'string' && UUID.test(device) ? device : NO_DEVICE;
      const state = await deps.db.syncState(claims.workshopId, claims.memberId, claims.userId, deviceId);
      if (!state || state.role === null || state.memberDeleted) throw revokedMember(locale);
      const role = roleSchema.parse(state.role);
      if (ownerOnly && role !== 'owner') throw refusal(403, 'forbidden', 'ownerOnly', locale);
      return { ...claims, role, state };
    },
  });
  return {
    for(spec) {
      switch (spec.access) {
        case 'public':
          return { early: pass, admit: async () => undefined };
        case 'member':
          return member(spec, false);
        case 'owner':
          return member(spec, true);
        case 'webhook': {
          const verify = 'verify' in spec ? spec.verify : undefined;
          if (!verify) throw new Error(`${spec.method.toUpperCase()} ${spec.path}: a webhook route needs its verify()`);
          return { early: pass, admit: async (req) => void (await verify(req)) };
        }
        case 'admin':
        case 'superadmin':
          if (!deps.admin) throw new Error(`${spec.method.toUpperCase()} ${spec.path}: no admin guard is configured`);
          return deps.admin(spec.access === 'superadmin');
        default:
          throw new Error(`${(spec as RouteSpec).path}: unknown access ${(spec as RouteSpec).access as string}`);
      }
    },
  };
}
