/**
 * The directory's search and public reads, across workshops (run as the system: public data only).
 *
 * Visible = published, not hidden by moderation, with a position, and `listed`: a subscription
 * whose limits in force include the directory and that is not suspended (a workshop without a
 * subscription row is never shown), kept on the listing by the refresh and by a trigger on the
 * synced `subscription` row (migration 0007), so no search joins another table. Distance: the
 * GiST index on `ll_to_earth(lat, lng)` (cube + earthdistance; partial: visible rows only) finds the candidates in a box slightly larger than the circle; each candidate's distance is then
 * the haversine on the mean Earth radius (6371.0088 km), which both filters and orders: the
 * distances shown are honest, not earthdistance's equatorial-radius ones.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import { normalizeForSearch } from '../../shared/domain/text.js';
import { DEFAULT_RADIUS_KM, SEARCH_PAGE_SIZE, type PriceRange, type Specialty } from '../../shared/directory/directoryOptions.js';
import type { CityCount, PublicListing, PublicPhoto, SearchPage, SearchParams } from '../../shared/directory/listingTypes.js';

export const EARTH_RADIUS_KM = 6371.0088;

/** The visibility rule on `directory_listings l`: the predicate of its partial indexes (db/directorySchema.ts). */
export const VISIBLE = sql`l.published AND l.listed AND l.hidden_at IS NULL AND l.lat IS NOT NULL AND l.lng IS NOT NULL`;

/** The great-circle distance in km from a point to the listing `l`, on the mean Earth radius. */
export function haversineKm(lat: number, lng: number): SQL {
  return sql`(2 * ${EARTH_RADIUS_KM}::float8 * asin(sqrt(
      power(sin(radians(l.lat - ${lat}::float8) / 2), 2)
    + cos(radians(${lat}::float8)) * cos(radians(l.lat)) * power(sin(radians(l.lng - ${lng}::float8) / 2), 2))))`;
}

/** The GiST index's candidates: the box around a circle 1 % wider than `radiusKm` (earthdistance's sphere is not the mean one). */
export function earthBoxCandidates(lat: number, lng: number, radiusKm: number): SQL {
  return sql`earth_box(ll_to_earth(${lat}::float8, ${lng}::float8), ${radiusKm * 1010}::float8) @> ll_to_earth(l.lat, l.lng)`;
}

/** The listing `l`'s first shown photo (published, not hidden, its file ready), or NULL. */
export const FIRST_PHOTO = sql`(SELECT p.file_hash FROM directory_photos p
    JOIN files f ON f.workshop_id = p.workshop_id AND f.hash = p.file_hash AND f.state = 'ready'
   WHERE p.workshop_id = l.workshop_id AND p.hidden_at IS NULL
   ORDER BY p.position, p.item_id LIMIT 1)`;

/** `%term%` for LIKE on the normalised text, its wildcards escaped. */
function likeTerm(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface ResultRow {
  slug: string;
  name: string;
  city: string | null;
  district: string | null;
  specialties: string[];
  price_range: string | null;
  accepts_orders: boolean;
  lat: number;
  lng: number;
  distance_km: number | null;
  thumb_hash: string | null;
}

/** One page of visible listings, nearest first when there is a centre. */
export async function searchListings(tx: Tx, params: SearchParams, center: { lat: number; lng: number } | null): Promise<SearchPage> {
  const pageSize = Math.min(Math.max(params.pageSize ?? SEARCH_PAGE_SIZE, 1), 100);
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const where: SQL[] = [VISIBLE];
  let distance: SQL = sql`NULL::float8`;
  if (center) {
    const radiusKm = params.radiusKm ?? DEFAULT_RADIUS_KM;
    distance = haversineKm(center.lat, center.lng);
    // The box: earth_box over a radius 1 % larger (earthdistance's sphere is not the mean one), then the exact circle.
    where.push(earthBoxCandidates(center.lat, center.lng, radiusKm));
    where.push(sql`${distance} <= ${radiusKm}::float8`);
  }
  if (params.citySlug) where.push(sql`l.city_slug = ${params.citySlug}`);
  if (params.specialty) where.push(sql`l.specialties @> ARRAY[${params.specialty}]::text[]`);
  if (params.priceRange) where.push(sql`l.price_range = ${params.priceRange}`);
  for (const term of normalizeForSearch(params.q ?? '').split(' ').filter(Boolean).slice(0, 6)) {
    where.push(sql`l.search_text LIKE ${likeTerm(term)}`);
  }
  const found = await rows<ResultRow>(
    tx,
    sql`SELECT l.slug, l.name, l.city, l.district, l.specialties, l.price_range, l.accepts_orders, l.lat, l.lng,
               ${distance} AS distance_km,
               ${FIRST_PHOTO} AS thumb_hash
          FROM directory_listings l
         
         WHERE ${sql.join(where, sql` AND `)}
         ORDER BY distance_km NULLS LAST, l.name, l.slug
         LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`,
  );
  return {
    results: found.slice(0, pageSize).map((r) => ({
      slug: r.slug,
      name: r.name,
      city: r.city,
      district: r.district,
      distanceKm: r.distance_km === null ? null : Math.round(Number(r.distance_km) * 10) / 10,
      specialties: r.specialties as Specialty[],
      priceRange: r.price_range as PriceRange | null,
      acceptsOrders: r.accepts_orders,
      lat: Number(r.lat),
      lng: Number(r.lng),
      thumbHash: r.thumb_hash,
    })),
    page,
    pageSize,
    hasMore: found.length > pageSize,
    center,
  };
}

interface ListingRow {
  workshop_id: string;
  slug: string;
  name: string;
  city: string | null;
  city_slug: string | null;
  district: string | null;
  lat: number;
  lng: number;
  specialties: string[];
  price_range: string | null;
  about: string | null;
  whatsapp: string | null;
  accepts_orders: boolean;
  updated_at: string | Date;
}

const LISTING_COLUMNS = sql`l.workshop_id::text AS workshop_id, l.slug, l.name, l.city, l.city_slug, l.district, l.lat, l.lng, l.specialties,
  l.price_range, l.about, l.whatsapp, l.accepts_orders, l.updated_at`;

function toListing(r: ListingRow): PublicListing {
  return {
    workshopId: r.workshop_id,
    slug: r.slug,
    name: r.name,
    city: r.city,
    citySlug: r.city_slug,
    district: r.district,
    lat: Number(r.lat),
    lng: Number(r.lng),
    specialties: r.specialties as Specialty[],
    priceRange: r.price_range as PriceRange | null,
    about: r.about,
    whatsapp: r.whatsapp,
    acceptsOrders: r.accepts_orders,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** A visible listing by its current slug. */
export async function visibleListingBySlug(tx: Tx, slug: string): Promise<PublicListing | null> {
  const [row] = await rows<ListingRow>(tx, sql`SELECT ${LISTING_COLUMNS} FROM directory_listings l WHERE l.slug = ${slug} AND ${VISIBLE}`);
  return row ? toListing(row) : null;
}

/** A visible listing by its workshop (an older slug's redirect). */
export async function visibleListingOf(tx: Tx, workshopId: string): Promise<PublicListing | null> {
  const [row] = await rows<ListingRow>(tx, sql`SELECT ${LISTING_COLUMNS} FROM directory_listings l WHERE l.workshop_id = ${workshopId} AND ${VISIBLE}`);
  return row ? toListing(row) : null;
}

/** A listing's photos that can be shown: published, not hidden, their file uploaded and ready. */
export async function visiblePhotos(tx: Tx, workshopId: string): Promise<PublicPhoto[]> {
  const found = await rows<{ item_id: string; file_hash: string; caption: string | null; garment_type: string | null; position: number; width: number | null; height: number | null }>(
    tx,
    sql`SELECT p.item_id::text AS item_id, p.file_hash, p.caption, p.garment_type, p.position, f.width, f.height
          FROM directory_photos p
          JOIN files f ON f.workshop_id = p.workshop_id AND f.hash = p.file_hash AND f.state = 'ready'
         WHERE p.workshop_id = ${workshopId} AND p.hidden_at IS NULL
         ORDER BY p.position, p.item_id`,
  );
  return found.map((p) => ({ itemId: p.item_id, fileHash: p.file_hash, caption: p.caption, garmentType: p.garment_type, position: Number(p.position), width: p.width, height: p.height }));
}

/** Every visible listing's slug and last change (the sitemap). */
export async function visibleSlugs(tx: Tx): Promise<{ slug: string; updatedAt: string }[]> {
  const found = await rows<{ slug: string; updated_at: string | Date }>(tx, sql`SELECT l.slug, l.updated_at FROM directory_listings l WHERE ${VISIBLE} ORDER BY l.slug`);
  return found.map((r) => ({ slug: r.slug, updatedAt: new Date(r.updated_at).toISOString() }));
}

/** Cities with visible listings, the most listed first (city pages, the sitemap). */
export async function visibleCities(tx: Tx): Promise<CityCount[]> {
  const found = await rows<{ city_slug: string; city: string; n: number | string }>(
    tx,
    sql`SELECT l.city_slug, min(l.city) AS city, count(*) AS n FROM directory_listings l
         WHERE ${VISIBLE} AND l.city_slug IS NOT NULL GROUP BY l.city_slug ORDER BY count(*) DESC, l.city_slug`,
  );
  return found.map((r) => ({ citySlug: r.city_slug, city: r.city, count: Number(r.n) }));
}
