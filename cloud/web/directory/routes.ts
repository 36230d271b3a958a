/**
 * The directory's public pages (DESIGN "Public directory"), rendered on the server in French,
 * complete without JavaScript:
 * - GET /annuaire                   the search form and its results (the API's query schema)
 * - GET /annuaire/<ville>           a city's landing page (404 for an unknown city without listings)
 * - GET /s/<slug>                   a workshop's page; an older slug answers 301 to the current one
 * - GET /s/<slug>/photos/<hash>.webp  a shown photo's 400 px thumbnail, from storage
 * - GET /sitemap.xml, /robots.txt
 * and their files (assets.ts). Not routes of the API registry: every answer is HTML (or XML, text,
 * an image), never a JSON error; a refused parameter is a French 400 page, a database failure a
 * 503 page. The counting routes under /s/<slug>/ are the audience's, mounted before these.
 */
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';
import type { CloudContext } from '../../context.js';
import { isEngineError } from '../../../shared/domain/errors.js';
import { parseInput } from '../../../shared/domain/validation.js';
import { findCity } from '../../../shared/directory/cities.js';
import { isSlug } from '../../../shared/directory/slug.js';
import { renderDirectoryPage, pageHref, type DirectoryFilters } from '../../../shared/directory/pages/directoryPage.js';
import { renderProfilePage } from '../../../shared/directory/pages/profilePage.js';
import { renderBadRequestPage, renderNotFoundPage, renderUnavailablePage } from '../../../shared/directory/pages/errorPages.js';
import { text } from '../../../shared/i18n/texts.js';
import { pagesTexts } from '../../../shared/directory/pages/texts.js';
import { HttpError } from '../../http/errors.js';
import { errorSummary } from '../../http/logging.js';
import { searchQuerySchema } from '../../directory/schemas.js';
import { cityPath, DIRECTORY_PATH, profilePath } from '../../../shared/directory/paths.js';
import { MISS_CACHE, PAGE_CACHE, sendPage } from './answers.js';
import { mountDirectoryAssets } from './assets.js';
import { renderRobots, renderSitemap } from './seoFiles.js';

/** A search parameter the page refused (its French message), answered as a 400 page. */
class RefusedQuery extends Error {}

function filtersOf(req: Request): DirectoryFilters {
  try {
    const { page, ...filters } = parseInput(searchQuerySchema, { ...req.query }, 'fr');
    return { ...filters, page };
  } catch (error) {
    if (isEngineError(error)) throw new RefusedQuery(error.message);
    throw error;
  }
}

/** The `ville` field of the form: '' or absent is none; anything but a slug is refused. */
function cityParam(req: Request): string | undefined {
  const value = req.query.ville;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !isSlug(value)) throw new RefusedQuery(text(pagesTexts, 'fr', 'badRequest.city'));
  return value;
}

const PROFILE_PAGE = /^\/s\/[^/]+\/?$/;
const PHOTO = /^([0-9a-f]{64})\.webp$/;

export function mountDirectoryPages(app: Express, ctx: CloudContext): void {
  const directory = ctx.services.directory;
  const publicUrl = ctx.config.publicUrl;
  mountDirectoryAssets(app);

  /** Runs a page; a refused parameter is a 400 page, any failure a 503 page (logged), never a 500. */
  const page = (render: (req: Request, res: Response) => Promise<void>): RequestHandler => async (req, res) => {
    try {
      await render(req, res);
    } catch (error) {
      if (error instanceof RefusedQuery) return sendPage(res, 400, renderBadRequestPage(error.message));
      req.log?.error({ err: errorSummary(error) }, 'directory page failed');
      sendPage(res, 503, renderUnavailablePage(), 'no-store');
    }
  };

  app.get(
    DIRECTORY_PATH,
    page(async (req, res) => {
      const filters = filtersOf(req);
      const ville = cityParam(req);
      if (ville) {
        // The form's city select: the city's own page, with the other filters (a position gives way to the city's centre).
        res.setHeader('Cache-Control', MISS_CACHE);
        return res.redirect(302, pageHref(cityPath(ville), { ...filters, lat: undefined, lng: undefined }, 1));
      }
      const [found, cities] = await Promise.all([directory.search(filters), directory.cities()]);
      sendPage(res, 200, renderDirectoryPage({ publicUrl, filters, found, cities }));
    }),
  );

  app.get(
    `${DIRECTORY_PATH}/:ville`,
    page(async (req, res) => {
      const slug = String(req.params.ville ?? '');
      const filters = filtersOf(req);
      const cities = isSlug(slug) ? await directory.cities() : [];
      const listed = cities.find((c) => c.citySlug === slug);
      const known = isSlug(slug) ? findCity(slug) : undefined;
      if (!listed && !known) return sendPage(res, 404, renderNotFoundPage());
      const found = await directory.search({ ...filters, citySlug: slug });
      const city = { slug, name: known?.name ?? listed!.city, count: listed?.count ?? 0 };
      sendPage(res, 200, renderDirectoryPage({ publicUrl, filters, found, cities, city }));
    }),
  );

  app.get(
    '/s/:slug',
    page(async (req, res) => {
      const asked = String(req.params.slug ?? '');
      // `/s/Atelier-Awa-Cotonou` typed or copied with capitals: the page's one address.
      if (!isSlug(asked) && isSlug(asked.toLowerCase())) {
        res.setHeader('Cache-Control', 'public, max-age=3600');
        return res.redirect(301, profilePath(asked.toLowerCase()));
      }
      const lookup = await directory.profile(asked);
      if (lookup.kind === 'moved') {
        res.setHeader('Cache-Control', 'public, max-age=3600');
        return res.redirect(301, profilePath(lookup.slug));
      }
      if (lookup.kind === 'missing') return sendPage(res, 404, renderNotFoundPage());
      sendPage(res, 200, renderProfilePage({ listing: lookup.listing, photos: lookup.photos, publicUrl }));
    }),
  );

  app.get(
    '/s/:slug/photos/:file',
    page(async (req, res) => {
      const hash = PHOTO.exec(String(req.params.file ?? ''))?.[1];
      const shown = hash ? await directory.publicPhoto(String(req.params.slug ?? ''), hash) : null;
      const data = shown && hash ? await ctx.services.uploads.storage.get(shown.workshopId, hash, 'thumb') : null;
      if (!data) return sendPage(res, 404, renderNotFoundPage());
      res.setHeader('Content-Type', 'image/webp');
      res.setHeader('Cache-Control', 'public, max-age=86400');
      res.send(data);
    }),
  );

  app.get(
    '/sitemap.xml',
    page(async (_req, res) => {
      const [cities, profiles] = await Promise.all([directory.cities(), directory.sitemap()]);
      res.setHeader('Content-Type', 'application/xml; charset=utf-8');
      res.setHeader('Cache-Control', PAGE_CACHE);
      res.setHeader('Vary', 'Accept-Encoding');
      res.send(renderSitemap(publicUrl, cities, profiles));
    }),
  );

  app.get('/robots.txt', (_req, res) => {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.send(renderRobots(publicUrl));
  });

  // Deeper paths under the directory's pages (`/annuaire/a/b`, `/s/x/y`): the same HTML 404.
  app.get([`${DIRECTORY_PATH}/*rest`, '/s/*rest'], (_req, res) => sendPage(res, 404, renderNotFoundPage()));

  // A refusal raised before these routes (a NUL or a lone surrogate in the address, http/safeJson.ts) on a page: a French 400 page, not JSON.
  const pageErrors: ErrorRequestHandler = (error: unknown, req, res, next) => {
    const onPage = req.method === 'GET' && (req.path === DIRECTORY_PATH || req.path.startsWith(`${DIRECTORY_PATH}/`) || PROFILE_PAGE.test(req.path));
    if (!onPage || res.headersSent || !(error instanceof HttpError) || error.status >= 500) return next(error);
    sendPage(res, error.status, renderBadRequestPage(error.message));
  };
  app.use(pageErrors);
}
