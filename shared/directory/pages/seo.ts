/**
 * What search engines read of a profile: its description line, its country (from its city, else
 * from its number's calling code) and its JSON-LD `ClothingStore` (schema.org). Every address here
 * is absolute, on the cloud's public address.
 */
import { findCity, type KnownCity } from '../cities.js';
import { PRICE_RANGE_LABELS, SPECIALTY_LABELS } from '../directoryOptions.js';
import type { PublicListing, PublicPhoto } from '../listingTypes.js';
import { text, type Locale } from '../../i18n/texts.js';
import { photoPath, profilePath } from '../paths.js';
import { pagesTexts } from './texts.js';

const CALLING_CODES: Record<string, KnownCity['country']> = { '229': 'BJ', '228': 'TG', '225': 'CI', '221': 'SN', '226': 'BF' };

/** ISO 3166 code of the listing's country, when its city or its number tells it. */
export function listingCountry(listing: Pick<PublicListing, 'city' | 'whatsapp'>): string | null {
  const city = listing.city ? findCity(listing.city) : undefined;
  if (city) return city.country;
  const code = listing.whatsapp?.match(/^\+(22[1-9])/)?.[1];
  return (code && CALLING_CODES[code]) || null;
}

/** "Akpakpa, Cotonou", "Cotonou", or null. */
export function placeOf(listing: Pick<PublicListing, 'district' | 'city'>): string | null {
  return [listing.district, listing.city].filter((part): part is string => Boolean(part && part.trim())).join(', ') || null;
}

export function specialtiesText(listing: Pick<PublicListing, 'specialties'>, locale: Locale): string {
  return listing.specialties.map((code) => SPECIALTY_LABELS[locale][code]).join(', ');
}

/** At most 160 characters, cut at a word. */
function clip(value: string, max = 160): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}

export function profileDescription(listing: PublicListing, locale: Locale): string {
  const place = placeOf(listing);
  const specialties = specialtiesText(listing, locale) || PRICE_RANGE_LABELS[locale][listing.priceRange ?? 'standard'];
  const base = place
    ? text(pagesTexts, locale, 'profile.description', { name: listing.name, place, specialties })
    : text(pagesTexts, locale, 'profile.descriptionNoPlace', { name: listing.name, specialties });
  return clip(listing.about ? `${base} ${listing.about}` : base);
}

export function absolutePhotoUrl(publicUrl: string, slug: string, photo: Pick<PublicPhoto, 'fileHash'>): string {
  return `${publicUrl}${photoPath(slug, photo.fileHash)}`;
}

/** The schema.org description of a workshop's page. */
export function profileJsonLd(listing: PublicListing, photos: PublicPhoto[], publicUrl: string, locale: Locale): Record<string, unknown> {
  const country = listingCountry(listing);
  const address: Record<string, string> = { '@type': 'PostalAddress' };
  if (listing.district) address.streetAddress = listing.district;
  if (listing.city) address.addressLocality = listing.city;
  if (country) address.addressCountry = country;
  return {
    '@context': 'https://schema.org',
    '@type': 'ClothingStore',
    name: listing.name,
    url: `${publicUrl}${profilePath(listing.slug)}`,
    ...(listing.about ? { description: clip(listing.about, 500) } : {}),
    address,
    ...(listing.lat !== null && listing.lng !== null ? { geo: { '@type': 'GeoCoordinates', latitude: listing.lat, longitude: listing.lng } } : {}),
    ...(listing.whatsapp ? { telephone: listing.whatsapp } : {}),
    ...(photos.length ? { image: photos.slice(0, 10).map((photo) => absolutePhotoUrl(publicUrl, listing.slug, photo)) } : {}),
    ...(listing.priceRange ? { priceRange: PRICE_RANGE_LABELS[locale][listing.priceRange] } : {}),
  };
}

/** A 400 px thumbnail's size from the stored (1200 px) photo's: the same shape, longest side 400 at most. */
export function thumbSize(photo: Pick<PublicPhoto, 'width' | 'height'>): { width: number; height: number } {
  const width = photo.width ?? 400;
  const height = photo.height ?? 400;
  const scale = Math.min(1, 400 / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
