/**
 * The directory pages' files, from this site: the style sheet (its address carries its hash: a
 * year of cache), the map script (a day), and Leaflet with its marker clusters from node_modules
 * under a folder named by their versions (a year). Read once at start, kept compressed (brotli and
 * gzip) beside the raw bytes; the compression middleware leaves an encoded answer alone.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';
import type { Express, Request, Response } from 'express';
import { DIRECTORY_CSS, MAP_SCRIPT_PATH, STYLESHEET_PATH } from '../../../shared/directory/pages/style.js';
import { IMMUTABLE } from './answers.js';

interface Asset {
  type: string;
  cache: string;
  raw: Buffer;
  gzip?: Buffer;
  br?: Buffer;
}

const require = createRequire(import.meta.url);
const leafletDir = dirname(require.resolve('leaflet/dist/leaflet.js'));
const clusterDir = dirname(require.resolve('leaflet.markercluster/dist/leaflet.markercluster.js'));
const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;

/** The folder the map script loads Leaflet from, e.g. `/annuaire/leaflet/1.9.4-1.5.3/`. */
export const LEAFLET_BASE = `/annuaire/leaflet/${version('leaflet')}-${version('leaflet.markercluster')}/`;

const TEXT_TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

function asset(raw: Buffer, extension: string, cache: string): Asset {
  const type = TEXT_TYPES[extension] ?? 'image/png';
  if (!TEXT_TYPES[extension]) return { type, cache, raw };
  return { type, cache, raw, gzip: gzipSync(raw, { level: 9 }), br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) };
}

function buildAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  assets.set(STYLESHEET_PATH, asset(Buffer.from(DIRECTORY_CSS), 'css', IMMUTABLE));
  const script = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'carte.js'), 'utf8').replace("'__LEAFLET__'", JSON.stringify(LEAFLET_BASE));
  assets.set(MAP_SCRIPT_PATH, asset(Buffer.from(script), 'js', 'public, max-age=86400'));
  const files: [string, string][] = [
    [leafletDir, 'leaflet.js'],
    [leafletDir, 'leaflet.css'],
    ...['layers.png', 'layers-2x.png', 'marker-icon.png', 'marker-icon-2x.png', 'marker-shadow.png'].map((name): [string, string] => [leafletDir, `images/${name}`]),
    [clusterDir, 'leaflet.markercluster.js'],
    [clusterDir, 'MarkerCluster.css'],
    [clusterDir, 'MarkerCluster.Default.css'],
  ];
  for (const [dir, name] of files) assets.set(`${LEAFLET_BASE}${name}`, asset(readFileSync(join(dir, name)), name.split('.').pop()!, IMMUTABLE));
  return assets;
}

function send(req: Request, res: Response, file: Asset): void {
  const accepts = String(req.headers['accept-encoding'] ?? '');
  res.setHeader('Content-Type', file.type);
  res.setHeader('Cache-Control', file.cache);
  res.setHeader('Vary', 'Accept-Encoding');
  if (file.br && /\bbr\b/.test(accepts)) {
    res.setHeader('Content-Encoding', 'br');
    res.send(file.br);
  } else if (file.gzip && /\bgzip\b/.test(accepts)) {
    res.setHeader('Content-Encoding', 'gzip');
    res.send(file.gzip);
  } else {
    res.send(file.raw);
  }
}

export function mountDirectoryAssets(app: Express): void {
  const assets = buildAssets();
  // Exact addresses only (no pattern, no folder walk).
  app.use((req, res, next) => {
    const file = req.method === 'GET' || req.method === 'HEAD' ? assets.get(req.path) : undefined;
    if (!file) return next();
    send(req, res, file);
  });
}
