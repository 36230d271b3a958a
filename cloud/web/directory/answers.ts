/**
 * How the directory's public pages answer: HTML in French, a cache a CDN may keep (a minute in
 * browsers, five at the edge, ten more while it refreshes), `Vary: Accept-Encoding`, and the pages'
 * own Content-Security-Policy, replacing helmet's: scripts and style sheets from the site only (no
 * inline script or style), images from the site, data: URLs and OpenStreetMap's tiles, requests to
 * the site only (the call button's ping included).
 */
import type { Response } from 'express';
import { siteCsp } from '../siteCsp.js';

export const PAGE_CACHE = 'public, max-age=60, s-maxage=300, stale-while-revalidate=600';
/** A 404 or a refused search: kept briefly, so a profile published a minute later soon appears. */
export const MISS_CACHE = 'public, max-age=60';
/** Files whose address carries their version. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export const DIRECTORY_CSP = siteCsp('data: https://*.tile.openstreetmap.org');

export function sendPage(res: Response, status: number, html: string, cache: string = status === 200 ? PAGE_CACHE : MISS_CACHE): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Language', 'fr');
  res.setHeader('Cache-Control', cache);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Content-Security-Policy', DIRECTORY_CSP);
  if (status !== 200) res.setHeader('X-Robots-Tag', 'noindex');
  res.send(html);
}
