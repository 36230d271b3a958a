/**
 * Serves the web app (the React app built into out/web) at /app: precompressed brotli or gzip
 * copies when the browser accepts them, immutable caching for hashed assets, revalidation for the
 * page, the service worker and the manifest.
 */
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import { sendBuiltFile as send } from './builtFiles.js';

export const WEB_DIR = fileURLToPath(new URL('../../out/web/', import.meta.url));

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
