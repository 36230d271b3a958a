/**
 * A workshop's public page, `/s/<slug>` (DESIGN "Public directory"): name, place, specialties,
 * price range, about, whether it takes orders, the portfolio (400 px WebP thumbnails, lazy, with
 * their size), WhatsApp (the counting redirect) and call buttons (`tel:` with a counting `ping`),
 * a link to OpenStreetMap and the map on demand, "Signaler ce profil", and the 1×1 view beacon (an
 * image: counted without JavaScript). Readable without JavaScript; search engines get the title,
 * description, canonical address, OpenGraph and the JSON-LD ClothingStore.
 *
 * Preview (the app, offline, before publishing): the photos from `photoSrc`, the style sheet
 * inline, no script, no beacon, no ping, every link inert.
 */
import { formatPhone } from '../../domain/phone.js';
import { PRICE_RANGE_LABELS, SPECIALTY_LABELS } from '../directoryOptions.js';
import type { PublicListing, PublicPhoto } from '../listingTypes.js';
import type { Locale } from '../../i18n/texts.js';
import { callPingPath, cityPath, DIRECTORY_PATH, photoPath, profilePath, reportPath, viewBeaconPath, whatsappPath } from '../paths.js';
import { escapeHtml, htmlDocument, link, paragraphText } from './html.js';
import { footer, mapItemAttributes, mapOnDemand, openStreetMapUrl, say, topBar } from './layout.js';
import { absolutePhotoUrl, placeOf, profileDescription, profileJsonLd, thumbSize } from './seo.js';
import { text } from '../../i18n/texts.js';
import { pagesTexts } from './texts.js';

export interface ProfilePageInput {
  listing: PublicListing;
  photos: PublicPhoto[];
  /** The cloud's public address, without a trailing slash (canonical, OpenGraph, JSON-LD). */
  publicUrl: string;
  /** The app's offline preview. */
  preview?: { photoSrc(hash: string): string };
  locale?: Locale;
}

/** A number the phone can dial: E.164 only. */
const DIALLABLE = /^\+[1-9]\d{6,14}$/;

function contactButtons(listing: PublicListing, locale: Locale, inert: boolean): string {
  if (!listing.whatsapp) return '';
  const buttons = [link({ href: whatsappPath(listing.slug), class: 'btn', rel: 'nofollow' }, say(locale, 'profile.whatsapp'), inert)];
  if (DIALLABLE.test(listing.whatsapp)) {
    const shown = formatPhone(listing.whatsapp).replace(/ /g, '\u00a0');
    buttons.push(link({ href: `tel:${listing.whatsapp}`, class: 'btn alt', ping: callPingPath(listing.slug) }, say(locale, 'profile.call', { phone: shown }), inert));
  }
  return `<div class="actions">${buttons.join('')}</div>`;
}

function facts(listing: PublicListing, locale: Locale): string {
  const parts: string[] = [];
  if (listing.specialties.length) {
    const tags = listing.specialties.map((code) => `<li>${escapeHtml(SPECIALTY_LABELS[locale][code])}</li>`).join('');
    parts.push(`<h2>${say(locale, 'profile.specialties')}</h2><ul class="tags">${tags}</ul>`);
  }
  if (listing.priceRange) parts.push(`<p><strong>${say(locale, 'profile.priceRange')} :</strong> ${escapeHtml(PRICE_RANGE_LABELS[locale][listing.priceRange])}</p>`);
  return parts.length ? `<section class="card">${parts.join('')}</section>` : '';
}

function gallery(input: ProfilePageInput, locale: Locale): string {
  const { listing, photos, preview } = input;
  if (!photos.length) return `<section><h2>${say(locale, 'profile.portfolio')}</h2><p class="note">${say(locale, 'profile.noPhotos')}</p></section>`;
  const items = photos.map((photo, index) => {
    const src = preview ? preview.photoSrc(photo.fileHash) : photoPath(listing.slug, photo.fileHash);
    const { width, height } = thumbSize(photo);
    const alt = photo.caption?.trim() || text(pagesTexts, locale, 'profile.photoAlt', { n: index + 1, name: listing.name });
    const caption = photo.caption?.trim() ? `<figcaption>${escapeHtml(photo.caption.trim())}</figcaption>` : '';
    return `<li><figure><img src="${escapeHtml(src)}" width="${width}" height="${height}" loading="lazy" decoding="async" alt="${escapeHtml(alt)}">${caption}</figure></li>`;
  });
  return `<section><h2>${say(locale, 'profile.portfolio')}</h2><ul class="gallery">${items.join('')}</ul></section>`;
}

function where(listing: PublicListing, locale: Locale, inert: boolean): string {
  const place = placeOf(listing);
  if (listing.lat === null || listing.lng === null) return place ? `<section class="card"><h2>${say(locale, 'profile.where')}</h2><p>${escapeHtml(place)}</p></section>` : '';
  const osm = link({ href: openStreetMapUrl(listing.lat, listing.lng), rel: 'nofollow noopener' }, say(locale, 'map.open'), inert);
  return (
    `<section class="card"${mapItemAttributes(listing)}><h2>${say(locale, 'profile.where')}</h2>` +
    `${place ? `<p>${escapeHtml(place)}</p>` : ''}<p>${osm}</p>${inert ? '' : mapOnDemand(locale)}</section>`
  );
}

export function renderProfilePage(input: ProfilePageInput): string {
  const { listing, photos, publicUrl, preview } = input;
  const locale = input.locale ?? 'fr';
  const inert = Boolean(preview);
  const canonical = `${publicUrl}${profilePath(listing.slug)}`;
  const title = listing.city ? text(pagesTexts, locale, 'profile.title', { name: listing.name, city: listing.city }) : text(pagesTexts, locale, 'profile.titleNoCity', { name: listing.name });
  const description = profileDescription(listing, locale);
  const first = photos[0];
  const place = placeOf(listing);
  const back = [link({ href: DIRECTORY_PATH }, say(locale, 'profile.back'), inert)];
  if (listing.citySlug && listing.city) back.push(link({ href: cityPath(listing.citySlug) }, escapeHtml(listing.city), inert));
  const body = [
    topBar(locale, inert),
    preview ? `<p class="preview">${say(locale, 'profile.preview')}</p>` : '',
    '<main>',
    `<p class="note">${back.join(' · ')}</p>`,
    `<h1>${escapeHtml(listing.name)}</h1>`,
    place ? `<p>${escapeHtml(place)}</p>` : '',
    `<p class="${listing.acceptsOrders ? 'open' : 'shut'}">${say(locale, listing.acceptsOrders ? 'profile.acceptsOrders' : 'profile.closed')}</p>`,
    contactButtons(listing, locale, inert),
    facts(listing, locale),
    listing.about ? `<section class="card"><h2>${say(locale, 'profile.about')}</h2><p class="about">${paragraphText(listing.about)}</p></section>` : '',
    gallery(input, locale),
    where(listing, locale, inert),
    '</main>',
    footer(locale, `<p>${link({ href: reportPath(listing.slug), rel: 'nofollow' }, say(locale, 'profile.report'), inert)}</p>`, inert),
    preview ? '' : `<img class="beacon" src="${viewBeaconPath(listing.slug)}" width="1" height="1" alt="">`,
  ];
  return htmlDocument(
    {
      locale,
      title,
      description,
      canonical,
      og: {
        title: listing.name,
        description,
        url: canonical,
        image: first ? { url: absolutePhotoUrl(publicUrl, listing.slug, first), ...thumbSize(first) } : undefined,
      },
      jsonLd: profileJsonLd(listing, photos, publicUrl, locale),
      script: !preview,
      inlineStyle: inert,
    },
    body.filter(Boolean).join('\n'),
  );
}
