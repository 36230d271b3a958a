/**
 * Sends one file of a Vite build (the web app's out/web, the admin portal's out/admin): never
 * outside its folder, the brotli or gzip copy when one was made and the browser accepts it, a
 * year of immutable cache for hashed assets (`assets/…`) and revalidation for everything else,
 * plus the headers the caller adds (a page's own CSP).
 */
import { existsSync, statSync } from 'node:fs';
import { join, normalize, extname } from 'node:path';
import type { Request, Response } from 'express';

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

/** False when there is no such file in `dir` (the caller answers otherwise). */
export function sendBuiltFile(req: Request, res: Response, relative: string, dir: string, headers: Record<string, string> = {}): boolean {
  const path = normalize(join(dir, relative));
  if (!path.startsWith(dir) || !existsSync(path) || statSync(path).isDirectory()) return false;
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
  res.setHeader('Cache-Control', relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.sendFile(file, { dotfiles: 'deny', etag: true, lastModified: false, cacheControl: false });
  return true;
}
