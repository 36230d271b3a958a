/**
 * A known API path asked with a method it does not have: 405 with `Allow` (RFC 9110), not the
 * 404 of an unknown address, so a client sees at once that it used the wrong verb. OPTIONS
 * without CORS (no Origin) answers 204 with the same `Allow`.
 */
import type { RequestHandler } from 'express';
import { text } from '../../shared/i18n/texts.js';
import { HttpError, requestLocale } from './errors.js';
import type { ApiRegistry } from './route.js';
import { httpTexts } from './texts.js';

export function methodNotAllowed(api: ApiRegistry): RequestHandler {
  return (req, res, next) => {
    if (!req.path.startsWith('/api/')) return next();
    const allow = api.methodsFor(req.path);
    if (allow.length === 0 || allow.includes(req.method)) return next();
    res.setHeader('Allow', [...allow, 'OPTIONS'].join(', '));
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next(new HttpError(405, 'method_not_allowed', text(httpTexts, requestLocale(req), 'method_not_allowed', { method: req.method, allow: allow.join(', ') })));
  };
}
