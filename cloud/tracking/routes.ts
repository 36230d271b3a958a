/**
 * `GET /t/<token>`: the tracking link's page (DESIGN "Messages to clients"), public by nature (the
 * token is the only proof), mounted at the top level beside the web app, outside `/api`.
 *
 * Not a route of the API registry (http/route.ts): the registry's paths are relative to `/api` and
 * feed the OpenAPI document of the JSON API, and its refusals are answered as JSON by the error
 * handler; this page answers HTML in every case (200, 404, 429, 503), never a JSON error and never
 * a 500. Its one guard is the rate limit, applied first, to every path under `/t`.
 *
 * Every answer, refusals included: `Cache-Control: private, no-store` (a revoked link stops at
 * once, and a link whose order has not been synced yet works as soon as it is), `X-Robots-Tag:
 * noindex`, `Referrer-Policy: no-referrer` (the token never leaves in a Referer) and a CSP that
 * allows the page's own style sheet and nothing else (it replaces helmet's, set just before).
 */
import type { Express, Request, RequestHandler, Response } from 'express';
import type { CloudContext } from '../context.js';
import { requestLocale } from '../http/errors.js';
import { errorSummary } from '../http/logging.js';
import { waitText } from '../auth/rateLimit.js';
import { sendPrivatePage } from '../http/privatePage.js';
import { lookUpTrackedOrder } from './lookup.js';
import { addressKey, createTrackingLimiter } from './limits.js';
import { notFoundPage, tooManyPage, trackingPage, TRACKING_CSP, unavailablePage } from './page.js';

function answer(res: Response, status: number, locale: string, html: string, headers: Record<string, string> = {}): void {
  sendPrivatePage(res, { status, locale, html, csp: TRACKING_CSP, headers });
}

export function mountTracking(app: Express, ctx: CloudContext): void {
  const limiter = createTrackingLimiter(ctx);

  const page = (tokenOf: (req: Request) => string): RequestHandler => async (req, res) => {
    const locale = requestLocale(req);
    const key = addressKey(req.ip);
    try {
      const taken = await limiter.take(key);
      if (!taken.ok) {
        const wait = waitText(taken.retryAfterMs);
        answer(res, 429, locale, tooManyPage(locale, wait), { 'Retry-After': String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000))) });
        return;
      }
      const order = await lookUpTrackedOrder(ctx.db, tokenOf(req));
      if (!order) {
        answer(res, 404, locale, notFoundPage(locale));
        return;
      }
      // Found: the lookup is given back (only misses count against an address).
      await limiter.refund(key).catch((error: unknown) => req.log?.warn({ err: errorSummary(error) }, 'tracking limiter refund failed'));
      answer(res, 200, locale, trackingPage(order, locale));
    } catch (error) {
      req.log?.error({ err: errorSummary(error) }, 'tracking page failed');
      answer(res, 503, locale, unavailablePage(locale), { 'Retry-After': '60' });
    }
  };

  app.get('/t/:token', page((req) => String(req.params.token ?? '')));
  // `/t`, `/t/` and deeper paths (`/t/a/b`, a traversal): the same limit and the same 404 page.
  app.get(['/t', '/t/*rest'], page(() => ''));
}
