/**
 * Slugs (shared/directory/slug.ts): unique across the platform, stable, and never given to
 * another workshop. A profile keeps its slug while its name and city give the same base; after a
 * rename it takes the first free candidate of the new base (or one of its own older slugs), and
 * every older slug stays in `directory_slugs`, redirecting to the current one.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/client.js';
import { slugCandidate } from '../../shared/directory/slug.js';

/** Whether `slug` is `base` or `base-<n>`. */
function belongsToBase(slug: string, base: string): boolean {
  return slug === base || (slug.startsWith(`${base}-`) && /^\d+$/.test(slug.slice(base.length + 1)));
}

/** The slug the workshop's listing should have for `base`, reserved in `directory_slugs`. */
export async function assignSlug(tx: Tx, workshopId: string, base: string, current: string | null): Promise<string> {
  if (current && belongsToBase(current, base)) return current;
  // Workshops wanting the same base take turns (until their transactions end): each then sees the
  // slugs the ones before it committed. Different bases never wait for each other.
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7041979, hashtext(${base}))`);
  for (let attempt = 0; attempt < 5; attempt++) {
    const taken = await rows<{ slug: string; workshop_id: string }>(
      tx,
      sql`SELECT slug, workshop_id::text AS workshop_id FROM directory_slugs WHERE slug = ${base} OR slug LIKE ${`${base}-%`}`,
    );
    const owner = new Map(taken.map((t) => [t.slug, t.workshop_id]));
    // One of its own older slugs for this base (renamed back): reuse it.
    const own = taken.filter((t) => t.workshop_id === workshopId && belongsToBase(t.slug, base)).map((t) => t.slug);
    if (own.length > 0) return own.sort((a, b) => a.length - b.length || a.localeCompare(b))[0]!;
    let n = 1;
    while (owner.has(slugCandidate(base, n))) n += 1;
    const candidate = slugCandidate(base, n);
    // Under the lock nobody else inserts this base's slugs; ON CONFLICT stays as a guard.
    const inserted = await rows<{ slug: string }>(
      tx,
      sql`INSERT INTO directory_slugs (slug, workshop_id) VALUES (${candidate}, ${workshopId}) ON CONFLICT (slug) DO NOTHING RETURNING slug`,
    );
    if (inserted.length > 0) return candidate;
  }
  throw new Error('no free slug after 5 attempts');
}

/** The workshop an older slug belonged to, if any. */
export async function slugOwner(tx: Tx, slug: string): Promise<string | null> {
  const [row] = await rows<{ workshop_id: string }>(tx, sql`SELECT workshop_id::text AS workshop_id FROM directory_slugs WHERE slug = ${slug}`);
  return row?.workshop_id ?? null;
}
