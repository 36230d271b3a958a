/** Express middleware: a valid Bearer access token, else 401 with a code the app understands. */
import type { Request, RequestHandler } from 'express';
import type { CloudContext } from '../context.js';
import { HttpError, requestLocale } from '../http/errors.js';
import { verifyAccessToken, type AccessClaims } from './tokens.js';

declare module 'express-serve-static-core' {
  interface Request {
    auth?: AccessClaims;
  }
}

const TEXT = {
  missing: { fr: 'Connexion requise.', en: 'Sign-in required.' },
  expired: { fr: 'Session expirée : reconnectez-vous.', en: 'Session expired: sign in again.' },
  invalid: { fr: 'Jeton de connexion invalide.', en: 'Invalid access token.' },
};

export function requireAuth(ctx: CloudContext): RequestHandler {
  return (req, _res, next) => {
    const locale = requestLocale(req);
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header);
    if (!match) return next(new HttpError(401, 'unauthorized', TEXT.missing[locale]));
    const result = verifyAccessToken(ctx.config.jwtSecret, match[1]!, ctx.now());
    if (result === 'expired') return next(new HttpError(401, 'token_expired', TEXT.expired[locale]));
    if (result === 'invalid') return next(new HttpError(401, 'unauthorized', TEXT.invalid[locale]));
    req.auth = result;
    next();
  };
}

export function authOf(req: Request): AccessClaims {
  if (!req.auth) throw new HttpError(401, 'unauthorized', TEXT.missing[requestLocale(req)]);
  return req.auth;
}
