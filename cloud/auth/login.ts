/**
 * Sign-in and sessions: POST /api/auth/login, /api/auth/refresh (rotation, reuse detection) and
 * /api/auth/logout.
 */
import type { Request, Router } from 'express';
import type { CloudContext } from '../context.js';
import { loadMember } from './membership.js';
import { requestLocale } from '../http/errors.js';
import { checkPassword, findMembership, findUser, openSession, parseIdentifier } from './accounts.js';
import { verifyDummyPassword } from './passwords.js';
import { claimsOf, checkForRotation, findRefreshToken, issueRefreshToken, markUsed, revokeFamily } from './refreshTokens.js';
import { signAccessToken } from './tokens.js';
import { waitText, WindowLimiter } from './rateLimit.js';
import { loginBody, refreshBody, sessionResponse, tokensResponse } from './schemas.js';
import { fail, TEXT } from './texts.js';

/** Failed sign-ins allowed per IP address, and per IP address + identifier, in 10 minutes. */
export const LOGIN_LIMITS = { perIp: 20, perIdentifier: 10, windowMs: 10 * 60_000 };

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

export function mountLogin(router: Router, ctx: CloudContext, ipLimiter: WindowLimiter): void {
  const identifierLimiter = new WindowLimiter(LOGIN_LIMITS.perIdentifier, LOGIN_LIMITS.windowMs, () => ctx.now().getTime());

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/auth/login',
      tag: 'auth',
      summary: 'Ouvre une session (identifiant : téléphone sous toute forme, ou e-mail).',
      auth: 'none',
      body: loginBody,
      responses: {
        200: { description: 'Session ouverte', schema: sessionResponse },
        401: { description: 'invalid_credentials : identifiant ou mot de passe incorrect' },
        403: { description: 'no_membership : le compte n’a accès à aucun atelier (ou pas à celui demandé)' },
        429: { description: 'account_locked (5 échecs, 15 minutes) ou too_many_requests (trop d’essais depuis cette adresse)' },
      },
    },
    async (req, res, { body }) => {
      const ip = clientIp(req);
      const identifier = parseIdentifier(body.identifier);
      const keys = { ip: `login:${ip}`, pair: `login:${ip}|${identifier?.value ?? body.identifier.toLowerCase()}` };
      for (const [limiter, key] of [[ipLimiter, keys.ip], [identifierLimiter, keys.pair]] as const) {
        const taken = limiter.take(key);
        if (!taken.ok) {
          res.setHeader('Retry-After', String(Math.ceil(taken.retryAfterMs / 1000)));
          throw fail(req, 429, 'too_many_requests', TEXT.tooManyRequests, { wait: waitText(taken.retryAfterMs) });
        }
      }
      const user = identifier ? await ctx.db.system((tx) => findUser(tx, identifier)) : undefined;
      if (!user) {
        await verifyDummyPassword(body.password);
        throw fail(req, 401, 'invalid_credentials', TEXT.invalidCredentials);
      }
      await checkPassword(ctx, req, res, user, body.password);
      ipLimiter.refund(keys.ip);
      identifierLimiter.refund(keys.pair);

      const membership = await ctx.db.system((tx) => findMembership(tx, user.id, body.workshopId));
      if (!membership) throw fail(req, 403, 'no_membership', TEXT.noMembership);
      const claims = { userId: user.id, workshopId: membership.workshopId, memberId: membership.memberId };
      const session = await ctx.db.withWorkshop(claims.workshopId, async (tx) => {
        const member = await loadMember(tx, claims, requestLocale(req));
        return openSession(ctx, tx, user, claims, member.role);
      });
      res.json(session);
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/auth/refresh',
      tag: 'auth',
      summary: 'Échange un jeton de session contre un nouveau (rotation) et un nouveau jeton d’accès.',
      auth: 'none',
      body: refreshBody,
      responses: {
        200: { description: 'Nouveaux jetons ; l’ancien jeton de session ne sert plus', schema: tokensResponse },
        401: { description: 'invalid_refresh, refresh_expired, ou refresh_reused (jeton déjà utilisé : toute la famille est révoquée)' },
        403: { description: 'access_revoked : le membre a été retiré de l’atelier' },
      },
    },
    async (req, res, { body }) => {
      const locale = requestLocale(req);
      const now = ctx.now();
      const found = await ctx.db.system((tx) => findRefreshToken(tx, body.refreshToken));
      if (!found) throw fail(req, 401, 'invalid_refresh', TEXT.invalidRefresh);
      // The row again, locked, inside the workshop's scope: two uses at once cannot both rotate.
      const outcome = await ctx.db.withWorkshop(found.workshopId, async (tx) => {
        const row = await findRefreshToken(tx, body.refreshToken, true);
        if (!row) return { kind: 'invalid' as const };
        const check = checkForRotation(row, now);
        if (check === 'reused') {
          await revokeFamily(tx, row.familyId, now);
          return { kind: 'reused' as const };
        }
        const claims = claimsOf(row);
        // A removed member hears access_revoked (the app then wipes the workshop's data).
        await loadMember(tx, claims, locale);
        if (check !== 'ok') return { kind: check };
        await markUsed(tx, row.id, now);
        const refreshToken = await issueRefreshToken(tx, claims, {
          familyId: row.familyId,
          deviceId: row.deviceId,
          now,
          ttlDays: ctx.config.refreshTokenTtlDays,
        });
        return { kind: 'ok' as const, tokens: { accessToken: signAccessToken(ctx.config.jwtSecret, claims, ctx.config.accessTokenTtlSeconds, now), refreshToken } };
      });
      switch (outcome.kind) {
        case 'ok':
          res.json(outcome.tokens);
          return;
        case 'reused':
          ctx.logger.warn({ familyId: found.familyId, userId: found.userId }, 'refresh token reused: family revoked');
          throw fail(req, 401, 'refresh_reused', TEXT.refreshReused);
        case 'expired':
          throw fail(req, 401, 'refresh_expired', TEXT.refreshExpired);
        default:
          throw fail(req, 401, 'invalid_refresh', TEXT.invalidRefresh);
      }
    },
  );

  ctx.api.add(
    router,
    {
      method: 'post',
      path: '/auth/logout',
      tag: 'auth',
      summary: 'Ferme la session : le jeton de session et toute sa famille sont révoqués.',
      auth: 'none',
      body: refreshBody,
      responses: { 204: { description: 'Session fermée (aussi quand le jeton était déjà invalide)' } },
    },
    async (_req, res, { body }) => {
      const now = ctx.now();
      await ctx.db.system(async (tx) => {
        const row = await findRefreshToken(tx, body.refreshToken);
        if (row) await revokeFamily(tx, row.familyId, now);
      });
      res.status(204).end();
    },
  );
}
