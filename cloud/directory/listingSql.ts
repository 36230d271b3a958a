/**
 * The public listing derived from the synced rows (`directory_profile`, `portfolio_items`), written
 * in the push's transaction (cloud/sync/service.ts `directoryChanged`): only public fields, the
 * search text without accents, the slug. The moderation columns (`hidden_*`) are never written
 * here: a hidden profile or photo stays hidden whatever the workshop changes.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import { normalizeForSearch } from '../../shared/domain/text.js';
import { baseSlug, slugify } from '../../shared/directory/slug.js';
import { assignSlug } from './slugsSql.js';

interface ProfileRow {
  published: boolean;
  name: string | null;
  city: string | null;
  district: string | null;
  lat: number | null;
  lng: number | null;
  specialties: string[] | null;
  price_range: string | null;
  about: string | null;
  whatsapp: string | null;
  accepts_orders: boolean;
}

/** Writes (or removes) the workshop's listing and its photos from its synced rows. */
export async function refreshListing(tx: Tx, workshopId: string): Promise<void> {
  const [profile] = await rows<ProfileRow>(
    tx,
    sql`SELECT published, name, city, district, lat, lng, specialties, price_range, about, whatsapp, accepts_orders
          FROM directory_profile WHERE workshop_id = ${workshopId} AND id = ${workshopId}`,
  );
  if (!profile || !profile.name) {
    // Unpublished rather than deleted: the row keeps its slug and its moderation (`hidden_*`),
    // so clearing the name and typing it again does not bring back a hidden profile.
    await tx.execute(sql`UPDATE directory_listings SET published = false, updated_at = now() WHERE workshop_id = ${workshopId}`);
    await refreshPhotos(tx, workshopId);
    return;
  }
  const [current] = await rows<{ slug: string }>(tx, sql`SELECT slug FROM directory_listings WHERE workshop_id = ${workshopId}`);
  const slug = await assignSlug(tx, workshopId, baseSlug(profile.name, profile.city), current?.slug ?? null);
  const searchText = normalizeForSearch([profile.name, profile.district, profile.city].filter(Boolean).join(' '));
  const citySlug = profile.city ? slugify(profile.city) || null : null;
  const specialties = sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(profile.specialties ?? [])}::jsonb))::text[]`;
  await tx.execute(sql`
    INSERT INTO directory_listings (workshop_id, slug, name, city, city_slug, district, lat, lng, specialties, price_range, about, whatsapp, accepts_orders, published, listed, search_text, updated_at)
    VALUES (${workshopId}, ${slug}, ${profile.name}, ${profile.city}, ${citySlug}, ${profile.district}, ${profile.lat}, ${profile.lng}, ${specialties},
            ${profile.price_range}, ${profile.about}, ${profile.whatsapp}, ${profile.accepts_orders}, ${profile.published},
            coalesce((SELECT directory_plan_allows(s.status, s.limits) FROM subscription s WHERE s.workshop_id = ${workshopId}), false),
            ${searchText}, now())
    ON CONFLICT (workshop_id) DO UPDATE SET
      slug = EXCLUDED.slug, name = EXCLUDED.name, city = EXCLUDED.city, city_slug = EXCLUDED.city_slug, district = EXCLUDED.district,
      lat = EXCLUDED.lat, lng = EXCLUDED.lng, specialties = EXCLUDED.specialties, price_range = EXCLUDED.price_range, about = EXCLUDED.about,
      whatsapp = EXCLUDED.whatsapp, accepts_orders = EXCLUDED.accepts_orders, published = EXCLUDED.published, listed = EXCLUDED.listed,
      search_text = EXCLUDED.search_text, updated_at = now()`);
  await refreshPhotos(tx, workshopId);
}

/**
 * The published, not deleted portfolio items, with their garment type's name; the others leave —
 * except a hidden photo, whose row stays (never shown) so that unpublishing and publishing it
 * again keeps it hidden, and the same file sent again as a new item is born hidden too.
 */
async function refreshPhotos(tx: Tx, workshopId: string): Promise<void> {
  await tx.execute(sql`
    INSERT INTO directory_photos (item_id, workshop_id, file_hash, caption, garment_type, position, hidden_at, hidden_reason)
    SELECT p.id, p.workshop_id, p.file_hash, p.caption, g.name, p.position, h.hidden_at, h.hidden_reason
      FROM portfolio_items p
      LEFT JOIN LATERAL (
        SELECT d.hidden_at, d.hidden_reason FROM directory_photos d
         WHERE d.workshop_id = p.workshop_id AND d.file_hash = p.file_hash AND d.hidden_at IS NOT NULL
         ORDER BY d.hidden_at LIMIT 1) h ON true
      LEFT JOIN garment_types g ON g.workshop_id = p.workshop_id AND g.id::text = p.garment_type_id AND g.deleted_at IS NULL
     WHERE p.workshop_id = ${workshopId} AND p.deleted_at IS NULL AND p.published AND p.file_hash IS NOT NULL
    ON CONFLICT (item_id) DO UPDATE SET file_hash = EXCLUDED.file_hash, caption = EXCLUDED.caption, garment_type = EXCLUDED.garment_type, position = EXCLUDED.position`);
  await tx.execute(sql`
    DELETE FROM directory_photos d
     WHERE d.workshop_id = ${workshopId}
       AND d.hidden_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM portfolio_items p WHERE p.id = d.item_id AND p.workshop_id = d.workshop_id AND p.deleted_at IS NULL AND p.published)`);
}

/** Portfolio photos not removed (published or not): what the plan's photo limit counts. */
export async function livePortfolioPhotos(tx: Tx, workshopId: string): Promise<number> {
  const [row] = await rows<{ n: number | string }>(tx, sql`SELECT count(*) AS n FROM portfolio_items WHERE workshop_id = ${workshopId} AND deleted_at IS NULL`);
  return Number(row?.n ?? 0);
}

/** Whether the workshop's profile is published (what a downgrade must first unpublish when the new plan has no directory). */
export async function profilePublished(tx: Tx, workshopId: string): Promise<boolean> {
  const [row] = await rows<{ published: boolean }>(tx, sql`SELECT published FROM directory_profile WHERE workshop_id = ${workshopId} AND id = ${workshopId}`);
  return row?.published === true;
}
