/**
 * The directory benchmark's data: N published profiles over Bénin, Togo, Côte d'Ivoire, Sénégal and
 * Burkina Faso, around the known cities (shared/directory/cities.ts) weighted by size, each at a
 * gaussian distance of a few km from its city's centre, with random specialties and price ranges;
 * about 10 % not shown (a plan without the directory, a suspended workshop, an unpublished
 * profile). Written in bulk (jsonb_to_recordset, 2,000 rows a statement) straight into the rows a
 * push and billing would leave: the `workshop` and `subscription` mirror rows, the listing and
 * its slug, derived with the same slug and search-text rules as cloud/directory/listingSql.ts.
 */
import { sql } from 'drizzle-orm';
import type { CloudDb } from '../cloud/db/client.js';
import { newId } from '../shared/domain/ids.js';
import { normalizeForSearch } from '../shared/domain/text.js';
import { KNOWN_CITIES, type KnownCity } from '../shared/directory/cities.js';
import { PRICE_RANGES, SPECIALTIES } from '../shared/directory/directoryOptions.js';
import { baseSlug, slugCandidate, slugify } from '../shared/directory/slug.js';
import { Rng } from './workshopRng.js';

/** Relative weights: the capitals and big cities hold most workshops. */
const WEIGHT: Record<string, number> = { cotonou: 14, abidjan: 16, dakar: 12, lome: 9, ouagadougou: 9, 'abomey-calavi': 6, 'porto-novo': 4, bouake: 4, 'bobo-dioulasso': 4, thies: 2, parakou: 2 };
const ZONE: Record<KnownCity['country'], string> = { BJ: 'Africa/Porto-Novo', TG: 'Africa/Lome', CI: 'Africa/Abidjan', SN: 'Africa/Dakar', BF: 'Africa/Ouagadougou' };
const DISTRICTS = ['Akpakpa', 'Cadjèhoun', 'Fidjrossè', 'Gbégamey', 'Zogbo', 'Agla', 'Cocody', 'Yopougon', 'Plateau', 'Médina', 'Parcelles', 'Bè', 'Tokoin', 'Gounghin', 'Centre', 'Marché', 'Gare'];
const FIRST = ['Couture', 'Atelier', 'Maison', 'Mode', 'Élégance', 'Chez', 'Style', 'Boutique'];
const SECOND = ['Aïcha', 'Fatou', 'Koffi', 'Adjoa', 'Mariam', 'Moussa', 'Awa', 'Yao', 'Bintou', 'Sèna', 'Gloire', 'Béni', 'Espoir', 'Royale', 'Divine', 'Wax', 'Bazin', 'Kente', 'Prestige', 'Ndèye'];

export interface SeededProfile {
  workshopId: string;
  slug: string;
  citySlug: string;
  lat: number;
  lng: number;
  visible: boolean;
}

export interface SeedSummary {
  profiles: SeededProfile[];
  visible: number;
  ms: number;
}

function gaussian(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

export async function seedDirectory(db: CloudDb, count: number, seed = 11): Promise<SeedSummary> {
  const started = performance.now();
  const rng = new Rng(seed);
  const cities = KNOWN_CITIES.map((city) => [city, WEIGHT[city.slug] ?? 1] as const);
  const taken = new Set<string>();
  const profiles: SeededProfile[] = [];
  const listings: Record<string, unknown>[] = [];
  const workshops: Record<string, unknown>[] = [];
  const subscriptions: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i += 1) {
    const city = rng.weighted(cities);
    const spreadKm = (WEIGHT[city.slug] ?? 1) >= 6 ? 5 : 2.5;
    const lat = city.lat + (gaussian(rng) * spreadKm) / 111.32;
    const lng = city.lng + (gaussian(rng) * spreadKm) / (111.32 * Math.cos((city.lat * Math.PI) / 180));
    const name = `${rng.pick(FIRST)} ${rng.pick(SECOND)}${rng.chance(0.3) ? ` ${rng.pick(SECOND)}` : ''}`;
    const district = rng.pick(DISTRICTS);
    const base = baseSlug(name, city.name);
    let n = 1;
    while (taken.has(slugCandidate(base, n))) n += 1;
    const slug = slugCandidate(base, n);
    taken.add(slug);
    const specialties = SPECIALTIES.filter(() => rng.chance(0.3));
    if (specialties.length === 0) specialties.push(rng.pick(SPECIALTIES));
    // ~10 % not shown: 5 % a plan without the directory, 3 % suspended, 2 % unpublished.
    const r = rng.next();
    const noDirectory = r < 0.05;
    const suspended = r >= 0.05 && r < 0.08;
    const published = !(r >= 0.08 && r < 0.1);
    const workshopId = newId();
    profiles.push({ workshopId, slug, citySlug: city.slug, lat, lng, visible: !noDirectory && !suspended && published });
    listings.push({
      workshop_id: workshopId,
      slug,
      name,
      city: city.name,
      city_slug: slugify(city.name),
      district,
      lat,
      lng,
      specialties,
      price_range: rng.chance(0.9) ? rng.pick(PRICE_RANGES) : null,
      about: 'Couture sur mesure, retouches et tenues de cérémonie. Rendez-vous par WhatsApp.',
      whatsapp: `+229019${String(7_000_000 + i).padStart(7, '0')}`,
      accepts_orders: rng.chance(0.85),
      published,
      search_text: normalizeForSearch(`${name} ${district} ${city.name}`),
    });
    workshops.push({ workshop_id: workshopId, name, city: city.name, country: city.country, timezone: ZONE[city.country] });
    subscriptions.push({
      workshop_id: workshopId,
      plan_id: noDirectory ? 'gratuit' : 'atelier',
      status: suspended ? 'suspended' : 'active',
      limits: { members: 5, portfolioPhotos: 100, monthlyCredits: 200, directory: !noDirectory },
    });
  }
  const BATCH = 2000;
  for (let start = 0; start < count; start += BATCH) {
    const json = (rows: Record<string, unknown>[]) => JSON.stringify(rows.slice(start, start + BATCH));
    await db.system(async (tx) => {
      await tx.execute(sql`INSERT INTO workshop (workshop_id, id, name, city, country, timezone, last_seq)
        SELECT workshop_id, workshop_id, name, city, country, timezone, 1
          FROM jsonb_to_recordset(${json(workshops)}::jsonb) AS r(workshop_id uuid, name text, city text, country text, timezone text)`);
      await tx.execute(sql`INSERT INTO subscription (workshop_id, id, plan_id, status, limits, last_seq)
        SELECT workshop_id, workshop_id, plan_id, status, limits, 1
          FROM jsonb_to_recordset(${json(subscriptions)}::jsonb) AS r(workshop_id uuid, plan_id text, status text, limits jsonb)`);
      // `listed` from the subscription just written, as the listing refresh computes it.
      await tx.execute(sql`INSERT INTO directory_listings (workshop_id, slug, name, city, city_slug, district, lat, lng, specialties, price_range, about, whatsapp, accepts_orders, published, listed, search_text)
        SELECT r.workshop_id, slug, name, city, city_slug, district, lat, lng, ARRAY(SELECT jsonb_array_elements_text(specialties))::text[], price_range, about, whatsapp, accepts_orders, published,
               coalesce((SELECT directory_plan_allows(s.status, s.limits) FROM subscription s WHERE s.workshop_id = r.workshop_id), false), search_text
          FROM jsonb_to_recordset(${json(listings)}::jsonb) AS r(workshop_id uuid, slug text, name text, city text, city_slug text, district text, lat float8, lng float8,
               specialties jsonb, price_range text, about text, whatsapp text, accepts_orders boolean, published boolean, search_text text)`);
      await tx.execute(sql`INSERT INTO directory_slugs (slug, workshop_id)
        SELECT slug, workshop_id FROM jsonb_to_recordset(${json(listings)}::jsonb) AS r(workshop_id uuid, slug text)`);
    });
  }
  for (const table of ['workshop', 'subscription', 'directory_listings', 'directory_slugs']) await db.executeSql(`ANALYZE ${table}`);
  return { profiles, visible: profiles.filter((p) => p.visible).length, ms: performance.now() - started };
}
