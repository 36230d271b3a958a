/**
 * What the public directory reads (cloud/directory/service.ts): the public fields of a listing and
 * of its photos, the search's parameters and answer. Pages (cloud/web/directory), the search API
 * and the audience (cloud/directory/audience) all speak these types.
 */
import type { PriceRange, Specialty } from './directoryOptions.js';

/** A listing as the public sees it: shown only when visible (published, not hidden, directory in the plan). */
export interface PublicListing {
  workshopId: string;
  slug: string;
  name: string;
  city: string | null;
  citySlug: string | null;
  district: string | null;
  lat: number | null;
  lng: number | null;
  specialties: Specialty[];
  priceRange: PriceRange | null;
  about: string | null;
  /** E.164 (+229…), or null. */
  whatsapp: string | null;
  acceptsOrders: boolean;
  /** ISO instant of the last change (sitemap's lastmod). */
  updatedAt: string;
}

/** A published portfolio photo whose file is uploaded and ready (never one still on a device). */
export interface PublicPhoto {
  itemId: string;
  fileHash: string;
  caption: string | null;
  garmentType: string | null;
  position: number;
  width: number | null;
  height: number | null;
}

export interface SearchParams {
  /** The searcher's position; without it, the city's centre (citySlug) or no distance at all. */
  lat?: number;
  lng?: number;
  /** Kilometres around the position (default DEFAULT_RADIUS_KM). */
  radiusKm?: number;
  specialty?: Specialty;
  priceRange?: PriceRange;
  /** Name, district or city, accents and case ignored. */
  q?: string;
  /** Only this city's listings (a `/annuaire/<ville>` landing page). */
  citySlug?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface SearchResult {
  slug: string;
  name: string;
  city: string | null;
  district: string | null;
  /** Great-circle distance from the search's position, rounded to 0.1 km; null without a position. */
  distanceKm: number | null;
  specialties: Specialty[];
  priceRange: PriceRange | null;
  acceptsOrders: boolean;
  lat: number | null;
  lng: number | null;
  /** The first ready published photo's hash, or null. */
  thumbHash: string | null;
}

export interface SearchPage {
  results: SearchResult[];
  page: number;
  pageSize: number;
  /** Another page follows. */
  hasMore: boolean;
  /** The centre distances are measured from, when there is one. */
  center: { lat: number; lng: number } | null;
}

export type ProfileLookup =
  | { kind: 'found'; listing: PublicListing; photos: PublicPhoto[] }
  /** An older slug of a renamed workshop: answer 301 to `/s/<slug>`. */
  | { kind: 'moved'; slug: string }
  | { kind: 'missing' };

export interface CityCount {
  citySlug: string;
  city: string;
  count: number;
}
