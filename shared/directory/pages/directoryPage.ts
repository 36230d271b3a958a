/**
 * `/annuaire` and the `/annuaire/<ville>` landing pages (DESIGN "Public directory"): a GET form of
 * filters (text, specialty, price range, distance, city; "près de moi" fills the hidden lat/lng
 * when the map script runs), the list (name, place, distance, specialties, the first photo's
 * thumbnail, lazy), page links, the cities, and the map on demand over exactly the listed results.
 * Complete without JavaScript. A filtered search is `noindex` (its canonical is the bare page).
 */
import { PRICE_RANGE_LABELS, PRICE_RANGES, SPECIALTIES, SPECIALTY_LABELS, DEFAULT_RADIUS_KM, type PriceRange, type Specialty } from '../directoryOptions.js';
import type { CityCount, SearchPage, SearchResult } from '../listingTypes.js';
import { text, type Locale } from '../../i18n/texts.js';
import { cityPath, DIRECTORY_PATH, photoPath, profilePath } from '../paths.js';
import { escapeHtml, htmlDocument } from './html.js';
import { footer, mapItemAttributes, mapOnDemand, say, topBar } from './layout.js';
import { pagesTexts } from './texts.js';

/** The filters as the form sent them (already checked by the search schema). */
export interface DirectoryFilters {
  q?: string | undefined;
  specialty?: Specialty | undefined;
  priceRange?: PriceRange | undefined;
  radiusKm?: number | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  page?: number | undefined;
}

export interface DirectoryPageInput {
  publicUrl: string;
  filters: DirectoryFilters;
  found: SearchPage;
  /** Cities with visible listings (the city select and links). */
  cities: CityCount[];
  /** A landing page's city. */
  city?: { slug: string; name: string; count: number };
  locale?: Locale;
}

const RADII = [2, 5, 10, 25, 50, 100];

function option(value: string, label: string, selected: boolean): string {
  return `<option value="${escapeHtml(value)}"${selected ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function select(name: string, label: string, options: string[]): string {
  return `<div><label for="f-${name}">${label}</label><select id="f-${name}" name="${name}">${options.join('')}</select></div>`;
}

function searchForm(input: DirectoryPageInput, locale: Locale): string {
  const { filters, cities, city } = input;
  const radius = filters.radiusKm ?? DEFAULT_RADIUS_KM;
  const radii = RADII.includes(radius) ? RADII : [...RADII, radius].sort((a, b) => a - b);
  const cityOptions = cities.map((c) => option(c.citySlug, c.city, c.citySlug === city?.slug));
  if (city && !cities.some((c) => c.citySlug === city.slug)) cityOptions.unshift(option(city.slug, city.name, true));
  const near = filters.lat !== undefined && filters.lng !== undefined;
  return [
    `<form class="search" method="get" action="${DIRECTORY_PATH}" role="search">`,
    `<div class="wide"><label for="f-q">${say(locale, 'form.q')}</label><input id="f-q" type="search" name="q" maxlength="80" value="${escapeHtml(filters.q ?? '')}"></div>`,
    select('specialty', say(locale, 'form.specialty'), [option('', text(pagesTexts, locale, 'form.anySpecialty'), !filters.specialty), ...SPECIALTIES.map((s) => option(s, SPECIALTY_LABELS[locale][s], s === filters.specialty))]),
    select('priceRange', say(locale, 'form.priceRange'), [option('', text(pagesTexts, locale, 'form.anyPrice'), !filters.priceRange), ...PRICE_RANGES.map((p) => option(p, PRICE_RANGE_LABELS[locale][p], p === filters.priceRange))]),
    select('radiusKm', say(locale, 'form.radius'), radii.map((km) => option(String(km), text(pagesTexts, locale, 'form.radiusKm', { km }), km === radius))),
    select('ville', say(locale, 'form.city'), [option('', text(pagesTexts, locale, 'form.anyCity'), !city), ...cityOptions]),
    `<input type="hidden" name="lat" value="${near ? filters.lat : ''}"><input type="hidden" name="lng" value="${near ? filters.lng : ''}">`,
    `<div><button type="submit">${say(locale, 'form.submit')}</button></div>`,
    `<div><button type="button" class="btn alt" data-near-me data-failed="${say(locale, 'form.nearMeFailed')}" hidden>${say(locale, 'form.nearMe')}</button></div>`,
    near ? `<p class="note wide">${say(locale, 'form.nearMeOn')}</p>` : '',
    '</form>',
  ].join('');
}

function distance(km: number, locale: Locale): string {
  const shown = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(km);
  return text(pagesTexts, locale, 'list.distance', { km: shown });
}

function resultItem(result: SearchResult, locale: Locale): string {
  const place = [result.district, result.city].filter(Boolean).join(', ');
  const where = [place, result.distanceKm !== null ? distance(result.distanceKm, locale) : ''].filter(Boolean).join(' · ');
  const thumb = result.thumbHash
    ? `<img src="${photoPath(result.slug, result.thumbHash)}" width="80" height="80" loading="lazy" decoding="async" alt="${escapeHtml(text(pagesTexts, locale, 'list.photoAlt', { name: result.name }))}">`
    : '<span class="ph"></span>';
  const tags = result.specialties.length ? `<ul class="tags">${result.specialties.map((s) => `<li>${escapeHtml(SPECIALTY_LABELS[locale][s])}</li>`).join('')}</ul>` : '';
  const orders = `<span class="${result.acceptsOrders ? 'open' : 'shut'}">${say(locale, result.acceptsOrders ? 'list.acceptsOrders' : 'list.closed')}</span>`;
  const price = result.priceRange ? `${escapeHtml(PRICE_RANGE_LABELS[locale][result.priceRange])} · ` : '';
  return (
    `<li class="result"${mapItemAttributes(result)}>${thumb}<div><h3><a href="${profilePath(result.slug)}">${escapeHtml(result.name)}</a></h3>` +
    `${where ? `<p>${escapeHtml(where)}</p>` : ''}${tags}<p>${price}${orders}</p></div></li>`
  );
}

/** The page's own address with the same filters and another page number. */
export function pageHref(basePath: string, filters: DirectoryFilters, page: number): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.specialty) params.set('specialty', filters.specialty);
  if (filters.priceRange) params.set('priceRange', filters.priceRange);
  if (filters.lat !== undefined && filters.lng !== undefined) {
    params.set('lat', String(filters.lat));
    params.set('lng', String(filters.lng));
  }
  if (filters.radiusKm !== undefined) params.set('radiusKm', String(filters.radiusKm));
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${basePath}?${query}` : basePath;
}

function pagination(input: DirectoryPageInput, basePath: string, locale: Locale): string {
  const { found, filters } = input;
  if (found.page <= 1 && !found.hasMore) return '';
  const previous = found.page > 1 ? `<a href="${escapeHtml(pageHref(basePath, filters, found.page - 1))}" rel="prev">${say(locale, 'list.previous')}</a>` : '<span></span>';
  const next = found.hasMore ? `<a href="${escapeHtml(pageHref(basePath, filters, found.page + 1))}" rel="next">${say(locale, 'list.next')}</a>` : '<span></span>';
  return `<nav class="pages">${previous}<span>${say(locale, 'list.page', { page: found.page })}</span>${next}</nav>`;
}

function cityLinks(cities: CityCount[], locale: Locale): string {
  if (!cities.length) return '';
  const links = cities.slice(0, 60).map((c) => `<li><a href="${cityPath(c.citySlug)}">${escapeHtml(c.city)}</a> (${c.count})</li>`);
  return `<nav><h2>${say(locale, 'nav.cities')}</h2><ul class="cities">${links.join('')}</ul></nav>`;
}

function isFiltered(filters: DirectoryFilters): boolean {
  return Boolean(filters.q || filters.specialty || filters.priceRange || filters.lat !== undefined || filters.radiusKm !== undefined);
}

export function renderDirectoryPage(input: DirectoryPageInput): string {
  const locale = input.locale ?? 'fr';
  const { found, city, publicUrl, filters } = input;
  const basePath = city ? cityPath(city.slug) : DIRECTORY_PATH;
  const canonicalPath = found.page > 1 && !isFiltered(filters) ? pageHref(basePath, {}, found.page) : basePath;
  const title = city ? text(pagesTexts, locale, 'city.title', { city: city.name }) : text(pagesTexts, locale, 'directory.title');
  const description = city ? text(pagesTexts, locale, 'city.description', { city: city.name }) : text(pagesTexts, locale, 'directory.description');
  const heading = city ? say(locale, 'city.heading', { city: city.name }) : say(locale, 'directory.heading');
  const count = city ? `<p class="note">${say(locale, city.count === 1 ? 'city.count.one' : 'city.count.many', { count: city.count, city: city.name })}</p>` : '';
  const empty = `<p>${say(locale, city && !isFiltered(filters) ? 'list.emptyCity' : 'list.empty')}</p>`;
  const list = found.results.length ? `<ol class="results">${found.results.map((r) => resultItem(r, locale)).join('')}</ol>` : empty;
  const body = [
    topBar(locale),
    '<main>',
    `<h1>${heading}</h1>`,
    count,
    searchForm(input, locale),
    found.results.length ? mapOnDemand(locale) : '',
    `<h2>${say(locale, 'list.heading')}</h2>`,
    list,
    pagination(input, basePath, locale),
    cityLinks(input.cities, locale),
    '</main>',
    footer(locale),
  ];
  const canonical = `${publicUrl}${canonicalPath}`;
  return htmlDocument(
    { locale, title, description, canonical, noindex: isFiltered(filters) || !found.results.length, og: { title, description, url: canonical }, script: true },
    body.filter(Boolean).join('\n'),
  );
}
