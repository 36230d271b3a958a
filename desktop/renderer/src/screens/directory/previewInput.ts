/**
 * The preview's input from what this device has: the profile as edited (saved or not, its text
 * trimmed as the engine will keep it) and the portfolio's live photos, through the public page's
 * own builders (shared/directory/pages/preview.ts).
 */
import { previewListing, previewPhotos } from '../../../../../shared/directory/pages/preview.js';
import type { PublicListing, PublicPhoto } from '../../../../../shared/directory/listingTypes.js';
import type { PortfolioPhoto, ProfileFields } from '../../../../../shared/engine/queries/directoryQueries.js';

const trimmed = (value: string | null): string | null => value?.trim() || null;

export function draftListing(workshopId: string, draft: ProfileFields, updatedAt: string | null): PublicListing {
  return previewListing(workshopId, {
    ...draft,
    name: draft.name.trim(),
    city: trimmed(draft.city),
    district: trimmed(draft.district),
    about: trimmed(draft.about),
    whatsapp: trimmed(draft.whatsapp),
    updatedAt: updatedAt ?? new Date().toISOString(),
  });
}

export function draftPhotos(items: readonly PortfolioPhoto[]): PublicPhoto[] {
  return previewPhotos(items.map(({ id, fileHash, caption, garmentTypeId, published, position, createdAt }) => ({ id, row: { fileHash, caption, garmentTypeId, published, position, createdAt, deletedAt: null } })));
}
