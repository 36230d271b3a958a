/**
 * Pieces every directory page shares: the top bar, the footer, and the map on demand — a button
 * the map script reveals (hidden without JavaScript) and an empty box; the script reads the
 * markers from the page's `data-map-item` elements (data-slug, data-lat, data-lng, data-name), so
 * the map always shows exactly what the page lists. Its words travel in data attributes.
 */
import { text, type Locale } from '../../i18n/texts.js';
import { DIRECTORY_PATH } from '../paths.js';
import { escapeHtml, link } from './html.js';
import { pagesTexts, type PagesTextKey } from './texts.js';

export const say = (locale: Locale, key: PagesTextKey, params?: Record<string, string | number>) => escapeHtml(text(pagesTexts, locale, key, params));

export function topBar(locale: Locale, inert = false): string {
  return `<header class="top">${link({ href: DIRECTORY_PATH }, `${say(locale, 'siteName')} · ${say(locale, 'nav.directory')}`, inert)}</header>`;
}

export function footer(locale: Locale, extra = '', inert = false): string {
  return `<footer>${extra}<p>${say(locale, 'siteName')} · ${link({ href: DIRECTORY_PATH }, say(locale, 'nav.directory'), inert)}</p></footer>`;
}

/** The attributes of one marker's element. */
export function mapItemAttributes(item: { slug: string; name: string; lat: number | null; lng: number | null }): string {
  if (item.lat === null || item.lng === null) return '';
  return ` data-map-item data-slug="${escapeHtml(item.slug)}" data-name="${escapeHtml(item.name)}" data-lat="${item.lat}" data-lng="${item.lng}"`;
}

/** The "Afficher la carte" button (revealed by the script) and the box the map is drawn in. */
export function mapOnDemand(locale: Locale): string {
  const words = `data-loading="${say(locale, 'map.loading')}" data-failed="${say(locale, 'map.failed')}" data-attribution="${say(locale, 'map.attribution')}"`;
  return `<p><button type="button" class="btn alt" data-map-open ${words} hidden>${say(locale, 'map.show')}</button></p><div class="map" data-map hidden></div>`;
}

export function openStreetMapUrl(lat: number, lng: number): string {
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lng}#map=17/${lat}/${lng}`;
}
