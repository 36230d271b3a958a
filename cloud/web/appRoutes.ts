/**
 * Serves the web app (the React app built into out/web) at /app: precompressed brotli or gzip
 * copies when the browser accepts them, immutable caching for hashed assets, revalidation for the
 * page, the service worker and the manifest.
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express, Request, Response } from 'express';

export const WEB_DIR = fileURLToPath(new URL('../../out/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

function send(req: Request, res: Response, relative: string, webDir: string): boolean {
  const path = normalize(join(webDir, relative));
  if (!path.startsWith(webDir) || !existsSync(path) || statSync(path).isDirectory()) return false;
  const accepts = String(req.headers['accept-encoding'] ?? '');
  let file = path;
  if (/\bbr\b/.test(accepts) && existsSync(`${path}.br`)) {
    file = `${path}.br`;
    res.setHeader('Content-Encoding', 'br');
  } else if (/\bgzip\b/.test(accepts) && existsSync(`${path}.gz`)) {
    file = `${path}.gz`;
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Content-Type', TYPES[extname(path)] ?? 'application/octet-stream');
  const hashed = relative.startsWith('assets/');
  res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
  res.sendFile(file, { dotfiles: 'deny', etag: true, lastModified: false, cacheControl: false });
  return true;
}

export function mountWebApp(app: Express, webDir: string = WEB_DIR): void {
  app.get('/', (_req, res) => res.redirect(302, '/app/'));
  app.get('/app', (req, res, next) => (req.originalUrl.split('?')[0] === '/app' ? res.redirect(301, '/app/') : next()));
  app.get(/^\/app\/(.*)$/, (req, res, next) => {
    const relative = decodeURIComponent((req.params as Record<string, string>)[0] ?? '') || 'index.html';
    if (send(req, res, relative, webDir)) return;
    // Unknown path without an extension: the app's page (its router is in the hash).
    if (!extname(relative) && send(req, res, 'index.html', webDir)) return;
    next();
  });
}
