/**
 * The directory's query and answers (DESIGN "Public directory"): `GET /api/directory/search` and
 * the `/annuaire` GET form read the same parameters with this schema. A form sends empty fields:
 * '' means "not given". A parameter sent twice (`?lat=1&lat=2`) is refused like any wrong type.
 */
import { z } from 'zod';
import { safeString } from '../../shared/domain/fields.js';
import { DEFAULT_RADIUS_KM, MAX_RADIUS_KM, PRICE_RANGES, SEARCH_PAGE_SIZE, SPECIALTIES } from '../../shared/directory/directoryOptions.js';

const empty = (value: unknown) => (value === '' ? undefined : value);

function numberParam(min: number, max: number, message: 'invalid.latitude' | 'invalid.longitude' | 'invalid.radius' | 'invalid.page') {
  return z.preprocess(
    (value) => {
      const given = empty(value);
      if (typeof given !== 'string') return given;
      const n = Number(given.trim().replace(',', '.'));
      return Number.isFinite(n) ? n : given;
    },
    z.number({ error: () => message }).min(min, message).max(max, message).optional(),
  );
}

export const searchQuerySchema = z
  .object({
    lat: numberParam(-90, 90, 'invalid.latitude'),
    lng: numberParam(-180, 180, 'invalid.longitude'),
    radiusKm: numberParam(0.1, MAX_RADIUS_KM, 'invalid.radius'),
    specialty: z.preprocess(empty, z.enum(SPECIALTIES, { error: () => 'invalid.specialty' }).optional()),
    priceRange: z.preprocess(empty, z.enum(PRICE_RANGES, { error: () => 'invalid.priceRange' }).optional()),
    q: z.preprocess(empty, safeString('line', { error: () => 'invalid.textExpected' }).trim().max(80, 'invalid.searchTooLong').optional()),
    page: numberParam(1, 500, 'invalid.page').pipe(z.number().int('invalid.page').optional()),
  })
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: 'invalid.latLngPair', path: ['lng'] });

export type SearchQuery = z.output<typeof searchQuerySchema>;

export const searchResultSchema = z.object({
  slug: z.string(),
  name: z.string(),
  city: z.string().nullable(),
  district: z.string().nullable(),
  distanceKm: z.number().nullable(),
  specialties: z.array(z.enum(SPECIALTIES)),
  priceRange: z.enum(PRICE_RANGES).nullable(),
  acceptsOrders: z.boolean(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  /** The profile's first photo, 400 px WebP, or null. */
  thumbUrl: z.string().nullable(),
});

export const searchResponseSchema = z.object({
  results: z.array(searchResultSchema),
  page: z.number().int(),
  hasMore: z.boolean(),
});

export { DEFAULT_RADIUS_KM, SEARCH_PAGE_SIZE };
