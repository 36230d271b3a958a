/**
 * The counting routes a profile page links to (cloud/directory/paths.ts):
 * - `GET /s/<slug>/vue.gif`: the page's view beacon, a 1×1 transparent GIF, never cached. An
 *   unknown, hidden or suspended profile still gets the GIF, and nothing is counted: a beacon
 *   never answers an error (it is an image in someone else's page).
 * - `GET /s/<slug>/whatsapp`: counts a WhatsApp tap, then 302 to wa.me with the number and a
 *   message already typed (texts.ts `whatsappMessage`); 404 page when the profile is not shown or
 *   has no WhatsApp; an older slug 301s to the current one's route.
 * - `POST /s/<slug>/appel`: what `<a href="tel:…" ping="/s/<slug>/appel">` sends (body "PING",
 *   text/ping, never read): counts a call tap, 204.
 * HEAD requests, robots, link previews and prefetches are never counted (counter.ts). A failed
 * count is logged and the visitor still gets their answer.
 */
import type { Express, Request, Response } from 'express';
import type { CloudContext } from '../../context.js';
import { requestLocale } from '../../http/errors.js';
import { errorSummary } from '../../http/logging.js';
import { sendPrivatePage } from '../../http/privatePage.js';
import { whatsappUrl, type AudienceKind } from '../../../shared/directory/audienceRules.js';
import type { ProfileLookup } from '../../../shared/directory/listingTypes.js';
import { whatsappPath } from '../paths.js';
import type { AudienceCounter } from './counter.js';
import { AUDIENCE_CSP, messagePage, sayText } from './pages.js';

/** The smallest transparent GIF (43 bytes). */
export const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export function mountCountingRoutes(app: Express, ctx: CloudContext, counter: AudienceCounter): void {
  const directory = ctx.services.directory;

  /** The profile, or missing when the lookup itself fails (logged). */
  const lookUp = async (req: Request): Promise<ProfileLookup> => {
    try {
      return await directory.profile(String(req.params.slug ?? ''));
    } catch (error) {
      req.log?.error({ err: errorSummary(error) }, 'directory audience: profile lookup failed');
      return { kind: 'missing' };
    }
  };

  const count = async (req: Request, workshopId: string, kind: AudienceKind): Promise<void> => {
    if (req.method === 'HEAD') return;
    try {
      await counter.count(req, workshopId, kind);
    } catch (error) {
      req.log?.error({ err: errorSummary(error), kind }, 'directory audience: count failed');
    }
  };

  app.get('/s/:slug/vue.gif', async (req, res) => {
    const found = await lookUp(req);
    if (found.kind === 'found') await count(req, found.listing.workshopId, 'view');
    res.setHeader('Content-Type', 'image/gif');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.setHeader('Content-Length', String(TRANSPARENT_GIF.length));
    res.end(req.method === 'HEAD' ? undefined : TRANSPARENT_GIF);
  });

  const notFound = (req: Request, res: Response, body: 'notFound.body' | 'noWhatsapp.body', slug: string | null) => {
    const locale = requestLocale(req);
    sendPrivatePage(res, { status: 404, locale, html: messagePage(locale, 'notFound.title', sayText(locale, body), slug), csp: AUDIENCE_CSP });
  };

  app.get('/s/:slug/whatsapp', async (req, res) => {
    res.setHeader('X-Robots-Tag', 'noindex');
    const found = await lookUp(req);
    if (found.kind === 'moved') {
      res.setHeader('Cache-Control', 'no-store');
      res.redirect(301, whatsappPath(found.slug));
      return;
    }
    if (found.kind !== 'found') return notFound(req, res, 'notFound.body', null);
    const { listing } = found;
    const target = listing.whatsapp ? whatsappUrl(listing.whatsapp, sayText(requestLocale(req), 'whatsappMessage', { workshop: listing.name })) : null;
    if (!target) return notFound(req, res, 'noWhatsapp.body', listing.slug);
    await count(req, listing.workshopId, 'whatsapp');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.redirect(302, target);
  });

  app.post('/s/:slug/appel', async (req, res) => {
    const found = await lookUp(req);
    if (found.kind === 'found') await count(req, found.listing.workshopId, 'call');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex');
    res.status(204).end();
  });
}
