/**
 * The public directory's cloud tables (DESIGN "Public directory"; cloud/directory). The synced
 * `directory_profile` and `portfolio_items` rows are mirrored like every workshop table
 * (schema.ts); from them the hub derives, in the push's own transaction, the public listing: only
 * public fields, in the shape search and the pages read. Moderation (`hidden_*`) belongs to the
 * admin portal and a refresh never overwrites it. Every table carries `workshop_id` and RLS;
 * public readers (search, pages, sitemap) read across workshops as the system.
 */
import { sql } from 'drizzle-orm';
import { pgTable, pgPolicy, text, uuid, timestamp, integer, boolean, doublePrecision, date, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { appRole, currentWorkshop, workshopPolicy } from './mirror.js';

/** What may be shown, as the partial indexes and the search both say it (searchSql.ts VISIBLE, on `l`). */
const VISIBLE_LISTING = sql`published AND listed AND hidden_at IS NULL AND lat IS NOT NULL AND lng IS NOT NULL`;

/** One row per workshop whose profile exists; search shows those published, not hidden, with the directory in their plan. */
export const directoryListings = pgTable(
  'directory_listings',
  {
    workshopId: uuid('workshop_id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    city: text('city'),
    /** slugify(city): the `/annuaire/<ville>` landing page's key. */
    citySlug: text('city_slug'),
    district: text('district'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    specialties: text('specialties').array().notNull().default(sql`'{}'::text[]`),
    priceRange: text('price_range'),
    about: text('about'),
    whatsapp: text('whatsapp'),
    acceptsOrders: boolean('accepts_orders').notNull().default(true),
    published: boolean('published').notNull().default(false),
    /**
     * Whether the workshop's subscription lets it be listed now (its limits in force include the
     * directory, and it is not suspended): written by the refresh and, when billing changes the
     * synced `subscription` row, by the trigger of migration 0007 (`directory_plan_allows`).
     */
    listed: boolean('listed').notNull().default(false),
    /** Name, district and city, lowercase without accents (shared/domain/text.ts normalizeForSearch). */
    searchText: text('search_text').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true, mode: 'string' }),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [
    uniqueIndex('directory_listings_slug').on(t.slug),
    index('directory_listings_city').on(t.citySlug),
    // Distance search: earth_box(...) @> ll_to_earth(lat, lng) uses this GiST index (cube +
    // earthdistance), which holds only what may be shown (cloud/directory/searchSql.ts VISIBLE).
    index('directory_listings_earth').using('gist', sql`ll_to_earth(${t.lat}, ${t.lng})`).where(VISIBLE_LISTING),
    // A search without a position lists by name.
    index('directory_listings_name').on(t.name, t.slug).where(VISIBLE_LISTING),
    workshopPolicy('directory_listings'),
  ],
).enableRLS();

/** A listing's published portfolio photos (shown once their file is uploaded and ready). */
export const directoryPhotos = pgTable(
  'directory_photos',
  {
    itemId: uuid('item_id').primaryKey(),
    workshopId: uuid('workshop_id').notNull(),
    fileHash: text('file_hash').notNull(),
    caption: text('caption'),
    /** The garment type's name at the time of the refresh (public: "Boubou", "Robe de mariée"). */
    garmentType: text('garment_type'),
    position: integer('position').notNull().default(0),
    hiddenAt: timestamp('hidden_at', { withTimezone: true, mode: 'string' }),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [index('directory_photos_workshop').on(t.workshopId, t.position), workshopPolicy('directory_photos')],
).enableRLS();

/**
 * Every slug a workshop has had: the current one is the listing's, older ones redirect to it (301).
 * A slug is never given to another workshop. Slugs are public: every workshop may read them all
 * (to find a free one) and write only its own.
 */
export const directorySlugs = pgTable(
  'directory_slugs',
  {
    slug: text('slug').primaryKey(),
    workshopId: uuid('workshop_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    index('directory_slugs_workshop').on(t.workshopId),
    pgPolicy('directory_slugs_read', { as: 'permissive', for: 'select', to: appRole, using: sql`true` }),
    pgPolicy('directory_slugs_write', { as: 'permissive', for: 'insert', to: appRole, withCheck: sql`workshop_id = ${currentWorkshop}` }),
  ],
).enableRLS();

/** Views and taps per listing and day (the owner's statistics); one per visitor per day and kind. */
export const directoryDailyStats = pgTable(
  'directory_daily_stats',
  {
    workshopId: uuid('workshop_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    views: integer('views').notNull().default(0),
    whatsappTaps: integer('whatsapp_taps').notNull().default(0),
    callTaps: integer('call_taps').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workshopId, t.day] }), workshopPolicy('directory_daily_stats')],
).enableRLS();

/** Who was already counted today: a salted hash of address and browser, never the address itself. */
export const directoryVisitors = pgTable(
  'directory_visitors',
  {
    day: date('day', { mode: 'string' }).notNull(),
    workshopId: uuid('workshop_id').notNull(),
    kind: text('kind').notNull(),
    visitorHash: text('visitor_hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.workshopId, t.kind, t.visitorHash] }), workshopPolicy('directory_visitors')],
).enableRLS();

/** The day's random salt for visitor hashes; yesterday's and older are deleted, so no hash can be linked across days. */
export const directorySalts = pgTable('directory_salts', {
  day: date('day', { mode: 'string' }).primaryKey(),
  salt: text('salt').notNull(),
});

/** "Signaler ce profil": kept for the admin portal's moderation (issue 12). `itemId` when a photo is reported. */
export const directoryReports = pgTable(
  'directory_reports',
  {
    id: uuid('id').primaryKey(),
    workshopId: uuid('workshop_id').notNull(),
    itemId: uuid('item_id'),
    reason: text('reason').notNull(),
    details: text('details'),
    visitorHash: text('visitor_hash').notNull(),
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'string' }),
    resolution: text('resolution'),
  },
  (t) => [index('directory_reports_status').on(t.status, t.createdAt), index('directory_reports_workshop').on(t.workshopId), workshopPolicy('directory_reports')],
).enableRLS();
