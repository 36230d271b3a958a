/**
 * The public profile and the portfolio as the app shows them: the `directory_profile` row (or,
 * before the first save, what it starts from: the workshop's name and city), what it lacks to be
 * listed, whether the plan lets it be published; the live portfolio photos in order with their
 * garment type's name, and the plan's photo count `{used, limit}`.
 */
import type { SqlExecutor } from '../sqlPort.js';
import { readRow } from '../rowStore.js';
import { t, type Locale } from '../../i18n/index.js';
import { DEFAULT_PLANS } from '../../billing/plans.js';
import { missingForListing, type DirectoryProfileRow } from '../../directory/profile.js';
import { subscriptionOf, type SubscriptionView } from './subscriptionQueries.js';

export type ProfileFields = Omit<DirectoryProfileRow, 'updatedAt'>;

export interface DirectoryProfileView extends ProfileFields {
  id: string;
  /** Null before the first save (the fields are then the defaults). */
  updatedAt: string | null;
  saved: boolean;
  /** What it lacks to be listed once published. */
  missing: ('city' | 'position')[];
  /** Why the plan does not let it be published now (French first), or null. */
  planRefusal: string | null;
}

export interface PortfolioPhoto {
  id: string;
  fileHash: string;
  caption: string | null;
  garmentTypeId: string | null;
  /** The garment type's name, null when none (or deleted since). */
  garmentType: string | null;
  published: boolean;
  position: number;
  createdAt: string;
}

export interface PortfolioView {
  items: PortfolioPhoto[];
  /** Live photos, and the plan's limit (null: no subscription row yet, the hub decides). */
  used: number;
  limit: number | null;
}

/** A profile's starting point: unpublished, the workshop's name and city, accepting orders. */
export async function directoryDefaults(db: SqlExecutor, workshopId: string): Promise<ProfileFields> {
  const workshop = await db.get<{ name: string; city: string | null }>('SELECT name, city FROM workshop WHERE id = ?', [workshopId]);
  return {
    published: false,
    name: workshop?.name ?? '',
    city: workshop?.city ?? null,
    district: null,
    lat: null,
    lng: null,
    specialties: [],
    priceRange: null,
    about: null,
    whatsapp: null,
    acceptsOrders: true,
  };
}

/** The message refusing to publish under this subscription, or null (allowed, or no row yet: the hub decides). */
export function planRefusal(subscription: SubscriptionView | null, locale: Locale): string | null {
  if (!subscription) return null;
  if (subscription.status === 'suspended') return t(locale, 'rule.directorySuspended');
  if (subscription.limits.directory) return null;
  const names = DEFAULT_PLANS.filter((p) => p.limits.directory).map((p) => p.name);
  const plans = new Intl.ListFormat(locale, { type: 'disjunction' }).format(names);
  return t(locale, 'rule.directoryNotInPlan', { plan: subscription.planName, plans });
}

export async function livePhotoCount(db: SqlExecutor): Promise<number> {
  const row = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM portfolio_items WHERE deleted_at IS NULL');
  return row?.n ?? 0;
}

export async function directoryProfile(db: SqlExecutor, locale: Locale): Promise<DirectoryProfileView | null> {
  const workshop = await db.get<{ id: string }>('SELECT id FROM workshop');
  if (!workshop) return null;
  const stored = await readRow(db, 'directory_profile', workshop.id);
  const fields = stored ? (stored.fields as unknown as DirectoryProfileRow) : { ...(await directoryDefaults(db, workshop.id)), updatedAt: null };
  return {
    ...fields,
    id: workshop.id,
    saved: stored !== undefined,
    missing: missingForListing(fields),
    planRefusal: planRefusal(await subscriptionOf(db), locale),
  };
}

interface PhotoRow {
  id: string;
  file_hash: string;
  caption: string | null;
  garment_type_id: string | null;
  garment_type: string | null;
  published: number;
  position: number;
  created_at: string;
}

export async function portfolio(db: SqlExecutor): Promise<PortfolioView> {
  const rows = await db.all<PhotoRow>(
    `SELECT p.id, p.file_hash, p.caption, p.garment_type_id, g.name AS garment_type, p.published, p.position, p.created_at
       FROM portfolio_items p LEFT JOIN garment_types g ON g.id = p.garment_type_id AND g.deleted_at IS NULL
      WHERE p.deleted_at IS NULL ORDER BY p.position, p.created_at, p.id`,
  );
  const subscription = await subscriptionOf(db);
  return {
    items: rows.map((r) => ({
      id: r.id,
      fileHash: r.file_hash,
      caption: r.caption,
      garmentTypeId: r.garment_type_id,
      garmentType: r.garment_type,
      published: r.published === 1,
      position: r.position,
      createdAt: r.created_at,
    })),
    used: rows.length,
    limit: subscription ? subscription.limits.portfolioPhotos : null,
  };
}
