/**
 * Test support for the directory: a workshop with a subscription (the trial, whose plan includes
 * the directory, unless told otherwise) and a public profile written as a device's push would
 * leave it — the synced rows by the hub's write path, then the same listing refresh the push runs.
 */
import { sql } from 'drizzle-orm';
import type { CloudContext } from '../context.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { newId } from '../../shared/domain/ids.js';
import { saveSubscription } from '../billing/subscriptionsSql.js';
import { readPlans } from '../billing/catalogueSql.js';
import type { DirectoryProfileRow } from '../../shared/directory/profile.js';

export type ProfileFields = Partial<Omit<DirectoryProfileRow, 'updatedAt'>>;

export const COTONOU = { lat: 6.3703, lng: 2.3912 };

export function profileFields(fields: ProfileFields = {}): Omit<DirectoryProfileRow, 'updatedAt'> {
  return {
    published: true,
    name: 'Atelier Test',
    city: 'Cotonou',
    district: 'Akpakpa',
    lat: COTONOU.lat,
    lng: COTONOU.lng,
    specialties: ['femme'],
    priceRange: 'standard',
    about: 'Couture sur mesure.',
    whatsapp: '+2290197000101',
    acceptsOrders: true,
    ...fields,
  };
}

/** Writes the profile row (and refreshes the listing) as a push would. */
export async function writeProfile(ctx: CloudContext, workshopId: string, fields: ProfileFields = {}): Promise<void> {
  await ctx.db.withWorkshop(workshopId, async (tx) => {
    await ctx.services.serverWrites.inWorkshop(tx, workshopId, (w) => w.write('directory_profile', workshopId, { ...profileFields(fields), updatedAt: new Date().toISOString() }));
    await ctx.services.directory.refresh(tx, workshopId);
  });
}

/** Adds a portfolio photo row (its file uploaded or not: see `markFileReady`), then refreshes. */
export async function addPortfolioPhoto(ctx: CloudContext, workshopId: string, fileHash: string, fields: { caption?: string | null; position?: number; published?: boolean } = {}): Promise<string> {
  const id = newId();
  await ctx.db.withWorkshop(workshopId, async (tx) => {
    await ctx.services.serverWrites.inWorkshop(tx, workshopId, (w) =>
      w.write('portfolio_items', id, { fileHash, caption: fields.caption ?? null, garmentTypeId: null, published: fields.published ?? true, position: fields.position ?? 0, createdAt: new Date().toISOString(), deletedAt: null }),
    );
    await ctx.services.directory.refresh(tx, workshopId);
  });
  return id;
}

/** A file row in state ready, as cloud/files leaves it after an upload (no bytes: for queries that only join on it). */
export async function markFileReady(ctx: CloudContext, workshopId: string, hash: string): Promise<void> {
  await ctx.db.system((tx) =>
    tx.execute(sql`INSERT INTO files (workshop_id, hash, size, received, kind, state, width, height) VALUES (${workshopId}, ${hash}, 10, 10, 'portfolio', 'ready', 400, 300)
      ON CONFLICT (workshop_id, hash) DO UPDATE SET state = 'ready'`),
  );
}

/** Sets the subscription as billing would: `trial` on the trial plan by default, or a status and plan. */
export async function setSubscription(ctx: CloudContext, workshopId: string, status: 'trial' | 'active' | 'past_due' | 'suspended' | 'cancelled' = 'trial', planId = 'atelier'): Promise<void> {
  await ctx.db.withWorkshop(workshopId, async (tx) => {
    const state = await ctx.services.billing.startTrial(tx, workshopId, ctx.now());
    if (status === 'trial' && planId === state.planId) return;
    await saveSubscription(ctx.services.serverWrites, tx, workshopId, { ...state, status, planId }, await readPlans(tx), ctx.now());
  });
}

/** A workshop on the trial (the fixture starts it) with a published profile (fields as given). */
export async function listedWorkshop(ctx: CloudContext, name: string, fields: ProfileFields = {}): Promise<FixtureWorkshop> {
  const shop = await createFixtureWorkshop(ctx, name);
  await writeProfile(ctx, shop.workshopId, { name, ...fields });
  return shop;
}

/** The listing's current slug (whether shown or not). */
export async function slugOf(ctx: CloudContext, workshopId: string): Promise<string | undefined> {
  const found = await ctx.db.system((tx) => tx.execute(sql`SELECT slug FROM directory_listings WHERE workshop_id = ${workshopId}`));
  const list = (Array.isArray(found) ? found : (found as unknown as { rows: { slug: string }[] }).rows) as { slug: string }[];
  return list[0]?.slug;
}
