/**
 * The app's offline preview of its public page: a `PublicListing` and `PublicPhoto`s built from
 * the device's own synced rows (`directory_profile`, `portfolio_items`), for `renderProfilePage`
 * with `preview`. The slug is the one the hub will most likely give (it may add `-2` when taken):
 * in a preview every link is inert anyway.
 */
import type { DirectoryProfileRow, PortfolioItemRow } from '../profile.js';
import type { PublicListing, PublicPhoto } from '../listingTypes.js';
import { baseSlug, slugify } from '../slug.js';

export function previewListing(workshopId: string, row: DirectoryProfileRow): PublicListing {
  return {
    workshopId,
    slug: baseSlug(row.name, row.city),
    name: row.name,
    city: row.city,
    citySlug: row.city ? slugify(row.city) || null : null,
    district: row.district,
    lat: row.lat,
    lng: row.lng,
    specialties: row.specialties,
    priceRange: row.priceRange,
    about: row.about,
    whatsapp: row.whatsapp,
    acceptsOrders: row.acceptsOrders,
    updatedAt: row.updatedAt,
  };
}

/** The published, not deleted items in the page's order; `size` gives a photo's stored width and height when known. */
export function previewPhotos(items: { id: string; row: PortfolioItemRow }[], size: (hash: string) => { width: number; height: number } | null = () => null): PublicPhoto[] {
  return items
    .filter(({ row }) => row.published && !row.deletedAt)
    .sort((a, b) => a.row.position - b.row.position || a.id.localeCompare(b.id))
    .map(({ id, row }) => ({ itemId: id, fileHash: row.fileHash, caption: row.caption, garmentType: null, position: row.position, width: size(row.fileHash)?.width ?? null, height: size(row.fileHash)?.height ?? null }));
}
