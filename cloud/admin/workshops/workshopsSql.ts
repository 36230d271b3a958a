/**
 * The admin portal's list of workshops, across workshops (run as the system): one statement per
 * page — the matching workshops with their subscription, the total by a window count, then the
 * members and the last sync of that page's 25 workshops only, by grouped joins on their ids (no
 * query per workshop). The search folds case and accents on the stored name and city in SQL
 * (normalize to NFD and drop the marks: no extension needed, PGlite included) and compares a
 * phone by its digits.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import { isoOrNull } from '../../billing/subscriptionsSql.js';
import { normalizeForSearch, searchTerms } from '../../../shared/domain/text.js';
import type { SubscriptionStatus } from '../../../shared/billing/plans.js';

/** Unicode's combining marks (the accents NFD splits off), as normalizeForSearch drops them. */
const MARKS = '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]';

/**
 * The letters NFD does not split into a base letter and marks but the search folds all the same
 * (ł → l, œ → oe): found among Latin-1 and Latin Extended-A by asking normalizeForSearch itself,
 * so the SQL and the query's folding agree.
 */
const LATIN = Array.from({ length: 0x17f - 0xdf + 1 }, (_, i) => String.fromCodePoint(0xdf + i)).filter(
  (c) => c === c.toLowerCase() && normalizeForSearch(c) !== c.normalize('NFD').replace(/\p{M}+/gu, ''),
);
const ONE_FOR_ONE = LATIN.filter((c) => normalizeForSearch(c).length === 1);
const SPELLED_OUT = LATIN.filter((c) => normalizeForSearch(c).length > 1);

/**
 * A text lowercased without accents, as normalizeForSearch does for the query: NFD, marks
 * dropped, then the few letters NFD leaves whole.
 */
export function folded(column: SQL): SQL {
  const stripped = sql`translate(regexp_replace(normalize(lower(${column}), NFD), ${MARKS}, '', 'g'), ${ONE_FOR_ONE.join('')}, ${ONE_FOR_ONE.map(normalizeForSearch).join('')})`;
  return SPELLED_OUT.reduce((inner, c) => sql`replace(${inner}, ${c}, ${normalizeForSearch(c)})`, stripped);
}

function like(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface WorkshopFilter {
  q?: string;
  planId?: string;
  status?: SubscriptionStatus;
}

/** The WHERE of the list: every word of `q` in the name or the city, or the digits in the phone; the plan; the status. */
function conditions(filter: WorkshopFilter): SQL[] {
  const where: SQL[] = [sql`w.id = w.workshop_id`];
  if (filter.planId) where.push(sql`s.plan_id = ${filter.planId}`);
  if (filter.status) where.push(sql`s.status = ${filter.status}`);
  const q = filter.q ?? '';
  const words = normalizeForSearch(q).split(' ').filter(Boolean).slice(0, 6);
  if (words.length > 0) {
    // The name and the city folded once a row, every word looked for in them (LIKE ALL).
    const text = sql`${folded(sql`w.name || ' ' || coalesce(w.city, '')`)} LIKE ALL (ARRAY[${sql.join(words.map((word) => sql`${like(word)}`), sql`, `)}]::text[])`;
    let { digits } = searchTerms(q);
    // A national form with a trunk 0 ('06 12 34 56 78') is not in the E.164 digits ('33612345678'); without its 0 it is.
    if (digits.startsWith('0') && digits.length >= 7) digits = digits.slice(1);
    where.push(digits.length >= 2 ? sql`(${text} OR translate(coalesce(w.phone, ''), '+ .-()/', '') LIKE ${like(digits)})` : text);
  }
  return where;
}

export interface ListedWorkshop {
  id: string;
  name: string;
  phone: string | null;
  city: string | null;
  planId: string | null;
  status: SubscriptionStatus | null;
  createdAt: string | null;
  lastSyncAt: string | null;
  members: number;
}

interface ListRow {
  id: string;
  name: string;
  phone: string | null;
  city: string | null;
  created_at: string | null;
  plan_id: string | null;
  status: SubscriptionStatus | null;
  total: number | string;
  members: number | string | null;
  last_sync_at: unknown;
}

/** One page of workshops, newest first, and how many match in all. */
export async function listWorkshops(tx: Tx, filter: WorkshopFilter, page: number, pageSize: number): Promise<{ workshops: ListedWorkshop[]; total: number }> {
  const where = sql.join(conditions(filter), sql` AND `);
  const found = await rows<ListRow>(
    tx,
    sql`WITH matched AS (
        SELECT w.workshop_id AS id, w.name, w.phone, w.city, w.created_at, s.plan_id, s.status, count(*) OVER () AS total
          FROM workshop w
          LEFT JOIN subscriptions s ON s.workshop_id = w.workshop_id
         WHERE ${where}
         ORDER BY w.created_at DESC NULLS LAST, w.workshop_id
         LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
      ), member_counts AS (
        SELECT workshop_id, count(*) AS n FROM members
         WHERE workshop_id IN (SELECT id FROM matched) AND deleted_at IS NULL
         GROUP BY workshop_id
      ), last_syncs AS (
        SELECT workshop_id, max(last_seen_at) AS at FROM devices
         WHERE workshop_id IN (SELECT id FROM matched)
         GROUP BY workshop_id
      )
      SELECT m.*, mc.n AS members, ls.at AS last_sync_at
        FROM matched m
        LEFT JOIN member_counts mc ON mc.workshop_id = m.id
        LEFT JOIN last_syncs ls ON ls.workshop_id = m.id
       ORDER BY m.created_at DESC NULLS LAST, m.id`,
  );
  let total = Number(found[0]?.total ?? 0);
  if (found.length === 0 && page > 1) {
    // Past the last page the window count has no row to ride on: count on its own (rare).
    const [row] = await rows<{ n: number | string }>(tx, sql`SELECT count(*) AS n FROM workshop w LEFT JOIN subscriptions s ON s.workshop_id = w.workshop_id WHERE ${where}`);
    total = Number(row?.n ?? 0);
  }
  return {
    total,
    workshops: found.map((r) => ({
      id: String(r.id),
      name: r.name,
      phone: r.phone,
      city: r.city,
      planId: r.plan_id,
      status: r.status,
      createdAt: isoOrNull(r.created_at),
      lastSyncAt: isoOrNull(r.last_sync_at),
      members: Number(r.members ?? 0),
    })),
  };
}
