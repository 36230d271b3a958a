/**
 * "Signaler ce profil": `GET /s/<slug>/signaler[?photo=<hash>]` shows a small form (a reason, details,
 * the photo when one is reported); `POST /s/<slug>/signaler` (application/x-www-form-urlencoded,
 * 8 KB at most, parsed on this route only) stores a pending report in `directory_reports` for the
 * admin portal's moderation (issue 12) and thanks the visitor.
 *
 * What a report row holds: the workshop, the portfolio item when a photo is reported, the reason
 * code (shared/directory/audienceRules.ts REPORT_REASONS), the details as typed (safe text, 1,000
 * characters at most), the day's visitor hash (the salted hash of address and browser of
 * counter.ts: reports of one visitor on one day can be told apart from many visitors', never who
 * sent them), `status` 'pending' until an admin keeps or hides the profile ('resolved_at',
 * 'resolution'), and when it was made.
 *
 * Guards, in order: the body's bytes (valid UTF-8, valid percent-escapes: a lone surrogate or a
 * broken escape is a 400, never a replacement character), its size (413), the fields (zod with the
 * shared safe-text rules: NUL and lone surrogates refused, a field sent twice refused), then 5
 * reports per address and hour (auth/rateLimit.ts, an address's IPv6 /64 counted as one) with a
 * French 429 page, then the profile (404 when not shown). Every answer is a noindex HTML page with
 * its own CSP; a failure of the database is a 503 page, never a 500.
 */
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import type { CloudContext } from '../../context.js';
import { requestLocale } from '../../http/errors.js';
import { errorSummary } from '../../http/logging.js';
import { sendPrivatePage } from '../../http/privatePage.js';
import { createRateLimiter, waitText } from '../../auth/rateLimit.js';
import { addressKey } from '../../tracking/limits.js';
import { newId } from '../../../shared/domain/ids.js';
import type { Locale } from '../../../shared/i18n/texts.js';
import { REPORT_DETAILS_MAX, REPORTS_PER_HOUR } from '../../../shared/directory/audienceRules.js';
import { isSlug } from '../../../shared/directory/slug.js';
import { reportPath } from '../paths.js';
import { insertReport } from './audienceSql.js';
import type { AudienceCounter } from './counter.js';
import { AUDIENCE_CSP, messagePage, reportFormPage, sayText } from './pages.js';
import { reportFormSchema } from './schemas.js';
import type { AudienceTextKey } from './texts.js';

const FORM_LIMIT = '8kb';
const HASH = /^[0-9a-f]{64}$/;

function answer(res: Response, status: number, locale: Locale, html: string, headers: Record<string, string> = {}): void {
  sendPrivatePage(res, { status, locale, html, csp: AUDIENCE_CSP, headers });
}

/** A form's bytes as browsers send them: UTF-8, and every percent-escape decodable (no lone surrogate). */
function verifyFormBytes(_req: unknown, _res: unknown, bytes: Buffer): void {
  try {
    const body = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    for (const part of body.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw Object.assign(new Error('malformed form body'), { status: 400, type: 'form.malformed' });
  }
}

const FIELD_MESSAGE: Record<string, AudienceTextKey> = { reason: 'refused.reason', details: 'refused.details', photo: 'refused.photo' };

export function mountReportRoutes(app: Express, ctx: CloudContext, counter: AudienceCounter): void {
  const directory = ctx.services.directory;
  const limiter = createRateLimiter(ctx.db, {
    name: 'directory-report',
    limit: REPORTS_PER_HOUR,
    windowMs: 60 * 60_000,
    secret: ctx.config.jwtSecret,
    onStoreError: (error) => ctx.logger.warn({ code: (error as { code?: unknown } | null)?.code }, 'rate-limit store unavailable: counting in memory'),
  });

  const refused = (req: Request, res: Response, status: number, key: AudienceTextKey) => {
    const locale = requestLocale(req);
    const slug = String(req.params.slug ?? '');
    answer(res, status, locale, messagePage(locale, 'refused.title', sayText(locale, key, { max: REPORT_DETAILS_MAX }), isSlug(slug) ? slug : null));
  };
  const notFound = (req: Request, res: Response) => {
    const locale = requestLocale(req);
    answer(res, 404, locale, messagePage(locale, 'notFound.title', sayText(locale, 'notFound.body'), null));
  };
  const unavailable = (req: Request, res: Response, error: unknown) => {
    req.log?.error({ err: errorSummary(error) }, 'directory report failed');
    const locale = requestLocale(req);
    answer(res, 503, locale, messagePage(locale, 'unavailable.title', sayText(locale, 'unavailable.body'), null), { 'Retry-After': '60' });
  };

  app.get('/s/:slug/signaler', async (req, res) => {
    try {
      const found = await directory.profile(String(req.params.slug ?? ''));
      const asked = typeof req.query.photo === 'string' && HASH.test(req.query.photo) ? req.query.photo : null;
      if (found.kind === 'moved') {
        res.setHeader('Cache-Control', 'no-store');
        res.redirect(301, reportPath(found.slug) + (asked ? `?photo=${asked}` : ''));
        return;
      }
      if (found.kind !== 'found') return notFound(req, res);
      const photo = asked && found.photos.some((p) => p.fileHash === asked) ? asked : null;
      const locale = requestLocale(req);
      answer(res, 200, locale, reportFormPage(locale, { slug: found.listing.slug, workshop: found.listing.name, photo }));
    } catch (error) {
      unavailable(req, res, error);
    }
  });

  const parseForm: RequestHandler = express.urlencoded({ limit: FORM_LIMIT, extended: false, verify: verifyFormBytes });
  /** The parser's refusals as pages: too large → 413, anything else → 400. */
  const formErrors: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    const status = (error as { status?: unknown } | null)?.status;
    if (status === 413) return refused(req, res, 413, 'tooLarge.body');
    if (typeof status === 'number' && status >= 400 && status < 500) return refused(req, res, 400, 'refused.form');
    unavailable(req, res, error);
  };

  const submit: RequestHandler = async (req, res) => {
    if (!req.is('application/x-www-form-urlencoded')) return refused(req, res, 400, 'refused.form');
    const parsed = reportFormSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path[0];
      return refused(req, res, 400, (typeof field === 'string' && FIELD_MESSAGE[field]) || 'refused.form');
    }
    const form = parsed.data;
    const locale = requestLocale(req);
    try {
      const taken = await limiter.take(addressKey(req.ip));
      if (!taken.ok) {
        const html = messagePage(locale, 'tooMany.title', sayText(locale, 'tooMany.body', { wait: waitText(taken.retryAfterMs) }), null);
        return answer(res, 429, locale, html, { 'Retry-After': String(Math.max(1, Math.ceil(taken.retryAfterMs / 1000))) });
      }
      const found = await directory.profile(String(req.params.slug ?? ''));
      if (found.kind !== 'found') return notFound(req, res);
      const photo = form.photo ? found.photos.find((p) => p.fileHash === form.photo) : undefined;
      if (form.photo && !photo) return refused(req, res, 400, 'refused.photo');
      const visitor = await counter.visitor(req);
      const workshopId = found.listing.workshopId;
      await ctx.db.withWorkshop(workshopId, (tx) =>
        insertReport(tx, { id: newId(), workshopId, itemId: photo?.itemId ?? null, reason: form.reason, details: form.details, visitorHash: visitor.hash }),
      );
      answer(res, 200, locale, messagePage(locale, 'thanks.title', sayText(locale, 'thanks.body'), found.listing.slug));
    } catch (error) {
      unavailable(req, res, error);
    }
  };

  app.post('/s/:slug/signaler', parseForm, submit, formErrors);
}
