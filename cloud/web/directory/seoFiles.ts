/**
 * `sitemap.xml` and `robots.txt`: the home, the directory, every city with visible listings and
 * every visible profile (with its last change), on the cloud's public address. Robots may read
 * the directory and the profiles, not the API, the app, the tracking links nor the counting routes.
 */
import type { CityCount } from '../../../shared/directory/listingTypes.js';
import { escapeHtml } from '../../../shared/domain/html.js';
import { cityPath, DIRECTORY_PATH, profilePath } from '../../../shared/directory/paths.js';

/** XML text: the same five characters as HTML. */
const xml = escapeHtml;

export function renderSitemap(publicUrl: string, cities: CityCount[], profiles: { slug: string; updatedAt: string }[]): string {
  const url = (path: string, lastmod?: string) => `<url><loc>${xml(`${publicUrl}${path}`)}</loc>${lastmod ? `<lastmod>${xml(lastmod)}</lastmod>` : ''}</url>`;
  const entries = [url('/'), url(DIRECTORY_PATH), ...cities.map((c) => url(cityPath(c.citySlug))), ...profiles.map((p) => url(profilePath(p.slug), p.updatedAt))];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join('\n')}\n</urlset>\n`;
}

export function renderRobots(publicUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /annuaire',
    'Allow: /s/',
    'Disallow: /api/',
    'Disallow: /app/',
    'Disallow: /t/',
    'Disallow: /s/*/whatsapp',
    'Disallow: /s/*/appel',
    'Disallow: /s/*/signaler',
    'Disallow: /s/*/vue.gif',
    `Sitemap: ${publicUrl}/sitemap.xml`,
    '',
  ].join('\n');
}
