/**
 * The public page's input built from this device's rows, for the preview before publishing: the
 * profile as edited (saved or not) and the portfolio's published photos, in order. The slug is the
 * one the hub starts from (`baseSlug`); the hub adds `-2`, `-3`… when another workshop has it.
 */
import { baseSlug, slugify } from '../../../../../shared/directory/slug.js';
import { findCity } from '../../../../../shared/directory/cities.js';
import type { PublicListing, PublicPhoto } from '../../../../../shared/directory/listingTypes.js';
import type { ProfileFields } from '../../../../../shared/engine/queries/directoryQueries.js';
import type { PortfolioPhoto } from '../../../../../shared/engine/queries/directoryQueries.js';

export function previewListing(workshopId: string, draft: ProfileFields, updatedAt: string | null): PublicListing {
  const city = draft.city?.trim() || null;
  const citySlug = city ? (findCity(city)?.slug ?? (slugify(city) || null)) : null;
  return {
    workshopId,
    slug: baseSlug(draft.name.trim() || 'atelier', city),
    name: draft.name.trim(),
    city,
    citySlug,
    district: draft.district?.trim() || null,
    lat: draft.lat,
    lng: draft.lng,
    specialties: draft.specialties,
    priceRange: draft.priceRange,
    about: draft.about?.trim() || null,
    whatsapp: draft.whatsapp?.trim() || null,
    acceptsOrders: draft.acceptsOrders,
    updatedAt: updatedAt ?? new Date().toISOString(),
  };
}

export function previewPhotos(items: readonly PortfolioPhoto[]): PublicPhoto[] {
  return items
    .filter((item) => item.published)
    .map((item) => ({ itemId: item.id, fileHash: item.fileHash, caption: item.caption, garmentType: item.garmentType, position: item.position, width: null, height: null }));
}
