/**
 * Serves the admin portal (the React app built into out/admin by `npm run build:admin`) at
 * /admin: immutable caching for hashed assets, revalidation for the page, and the portal's own
 * strict Content-Security-Policy, replacing helmet's — scripts, styles and requests from the site
 * only, images from the site and data:/blob: URLs (the enrolment's QR code is a data: SVG), no
 * framing, forms to the site only. Nothing here is secret: the API checks every request.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express, Request } from 'express';
import { sendBuiltFile } from './builtFiles.js';
import { siteCsp } from './siteCsp.js';

export const ADMIN_DIR = fileURLToPath(new URL('../../out/admin/', import.meta.url));

export const ADMIN_CSP = siteCsp('data: blob:');

/** The portal's own headers on every file: its CSP, replacing helmet's; never indexed. */
const PORTAL_HEADERS = { 'Content-Security-Policy': ADMIN_CSP, 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'no-referrer' };

export function mountAdminPortal(app: Express, adminDir: string = ADMIN_DIR): void {
  app.get('/admin', (req, res, next) => (req.originalUrl.split('?')[0] === '/admin' ? res.redirect(301, '/admin/') : next()));
  app.get(/^\/admin\/(.*)$/, (req: Request, res, next) => {
    let relative: string;
    try {
      relative = decodeURIComponent((req.params as Record<string, string>)[0] ?? '') || 'index.html';
    } catch {
      return next();
    }
    if (sendBuiltFile(req, res, relative, adminDir, PORTAL_HEADERS)) return;
    // A path without an extension: the portal's page (its routes are in the hash).
    if (!extname(relative) && sendBuiltFile(req, res, 'index.html', adminDir, PORTAL_HEADERS)) return;
    next();
  });
}
