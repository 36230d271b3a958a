/**
 * The public directory (DESIGN "Public directory"): the listing derived from a workshop's synced
 * profile at push, and what the public reads — search, a profile by slug (older slugs redirect),
 * a photo that may be shown, the sitemap's slugs, the cities. Public reads run as the system
 * (across workshops) and see only `directory_listings` / `directory_photos`, never workshop data.
 */
import type { CloudContext } from '../context.js';
import type { Tx } from '../db/client.js';
import { findCity } from '../../shared/directory/cities.js';
import { isSlug } from '../../shared/directory/slug.js';
import type { CityCount, ProfileLookup, SearchPage, SearchParams } from '../../shared/directory/listingTypes.js';
import { refreshListing } from './listingSql.js';
import { slugOwner } from './slugsSql.js';
import { searchListings, visibleCities, visibleListingBySlug, visibleListingOf, visiblePhotos, visibleSlugs } from './searchSql.js';

export class DirectoryService {
  constructor(private readonly ctx: Pick<CloudContext, 'db'>) {}

  /** Re-derives the workshop's listing inside the caller's workshop transaction (the push's). */
  refresh(tx: Tx, workshopId: string): Promise<void> {
    return refreshListing(tx, workshopId);
  }

  /**
   * One page of results. The centre is the searcher's position, else the city page's known
   * centre; without either, no distances (alphabetical order).
   */
  search(params: SearchParams): Promise<SearchPage> {
    const city = params.citySlug ? findCity(params.citySlug) : undefined;
    const center = params.lat !== undefined && params.lng !== undefined ? { lat: params.lat, lng: params.lng } : city ? { lat: city.lat, lng: city.lng } : null;
    // A city page lists the whole city (its own filter), nearest to the centre first: no radius cut.
    const radiusKm = params.citySlug && params.lat === undefined ? 1000 : params.radiusKm;
    return this.ctx.db.system((tx) => searchListings(tx, { ...params, radiusKm }, center));
  }

  /** A profile page's data; an older slug of a renamed workshop answers `moved`. */
  async profile(slug: string): Promise<ProfileLookup> {
    if (!isSlug(slug)) return { kind: 'missing' };
    return this.ctx.db.system(async (tx) => {
      const listing = await visibleListingBySlug(tx, slug);
      if (listing) return { kind: 'found', listing, photos: await visiblePhotos(tx, listing.workshopId) };
      const owner = await slugOwner(tx, slug);
      const now = owner ? await visibleListingOf(tx, owner) : null;
      return now && now.slug !== slug ? { kind: 'moved', slug: now.slug } : { kind: 'missing' };
    });
  }

  /** The workshop whose visible profile shows this photo, or null (hidden, unpublished, not uploaded, another's). */
  async publicPhoto(slug: string, fileHash: string): Promise<{ workshopId: string } | null> {
    if (!isSlug(slug) || !/^[0-9a-f]{64}$/.test(fileHash)) return null;
    return this.ctx.db.system(async (tx) => {
      const listing = await visibleListingBySlug(tx, slug);
      if (!listing) return null;
      const photos = await visiblePhotos(tx, listing.workshopId);
      return photos.some((p) => p.fileHash === fileHash) ? { workshopId: listing.workshopId } : null;
    });
  }

  sitemap(): Promise<{ slug: string; updatedAt: string }[]> {
    return this.ctx.db.system((tx) => visibleSlugs(tx));
  }

  cities(): Promise<CityCount[]> {
    return this.ctx.db.system((tx) => visibleCities(tx));
  }
}
