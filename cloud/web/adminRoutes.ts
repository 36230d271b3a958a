/**
 * Serves the admin portal (the React app built into out/admin by `npm run build:admin`) at
 * /admin: immutable caching for hashed assets, revalidation for the page, and the portal's own
 * strict Content-Security-Policy, replacing helmet's — scripts, styles and requests from the site
 * only, images from the site and data:/blob: URLs (the enrolment's QR code is a data: SVG), no
 * framing, forms to the site only. Nothing here is secret: the API checks every request.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express, Request, Response } from 'express';

export const ADMIN_DIR = fileURLToPath(new URL('../../out/admin/', import.meta.url));

export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

function send(res: Response, relative: string, adminDir: string): boolean {
  const path = normalize(join(adminDir, relative));
  if (!path.startsWith(adminDir) || !existsSync(path) || statSync(path).isDirectory()) return false;
  res.setHeader('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
  res.setHeader('Cache-Control', relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.setHeader('Content-Security-Policy', ADMIN_CSP);
  res.setHeader('X-Robots-Tag', 'noindex, nofollow');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.sendFile(path, { dotfiles: 'deny', etag: true, lastModified: false, cacheControl: false });
  return true;
}

export function mountAdminPortal(app: Express, adminDir: string = ADMIN_DIR): void {
  app.get('/admin', (req, res, next) => (req.originalUrl.split('?')[0] === '/admin' ? res.redirect(301, '/admin/') : next()));
  app.get(/^\/admin\/(.*)$/, (req: Request, res, next) => {
    let relative: string;
    try {
      relative = decodeURIComponent((req.params as Record<string, string>)[0] ?? '') || 'index.html';
    } catch {
      return next();
    }
    if (send(res, relative, adminDir)) return;
    // A path without an extension: the portal's page (its routes are in the hash).
    if (!extname(relative) && send(res, 'index.html', adminDir)) return;
    next();
  });
}
