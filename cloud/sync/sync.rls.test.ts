/**
 * Row-level security in SQL itself: a query that forgets its workshop filter still sees and
 * changes only its own workshop, in every workshop table; the insert-only ledgers cannot be
 * changed by the application's role at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TestServer } from '../testing/testServer.js';
import type { FixtureWorkshop } from '../testing/fixtures.js';
import { readServerSnapshot } from '../testing/tableSnapshots.js';
import { INSERT_ONLY_WORKSHOP_TABLES, rows, type Tx } from '../db/client.js';
import { newId } from '../../shared/domain/ids.js';
import { TABLE_META } from '../../shared/engine/tableMeta.js';
import { SYNCED_TABLE_NAMES } from '../../shared/domain/tables.js';
import { openTwoWorkshops, type TwoWorkshops } from './isolationFixture.testing.js';

let server: TestServer;
let one: FixtureWorkshop;
let two: FixtureWorkshop;
let shops: TwoWorkshops;

beforeAll(async () => {
  shops = await openTwoWorkshops();
  ({ server, one, two } = shops);
}, 60_000);

afterAll(async () => {
  await shops?.close();
});

describe('row-level security in SQL', () => {
  const WORKSHOP_TABLES = [...SYNCED_TABLE_NAMES.map((t) => TABLE_META[t].sql), 'devices', 'invites', 'change_log', 'workshop_sync', 'files', 'subscriptions', 'billing_checkouts',
    'directory_listings', 'directory_photos', 'directory_daily_stats', 'directory_visitors', 'directory_reports'];

  class Rollback extends Error {}
  /** SQLSTATE 42501, insufficient_privilege (drizzle wraps the driver's error as its cause). */
  const deniedPermission = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === '42501';
  /** Runs `work` as workshop 1 (RLS role), then rolls the transaction back. */
  async function asWorkshopOne<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const box: { value?: T } = {};
    await server.ctx.db
      .withWorkshop(one.workshopId, async (tx) => {
        box.value = await work(tx);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
    return box.value as T;
  }

  async function countsByWorkshop(table: string): Promise<Record<string, number>> {
    const found = await server.ctx.db.system((tx) =>
      rows<{ w: string; n: number }>(tx, sql`SELECT workshop_id::text AS w, count(*)::int AS n FROM ${sql.identifier(table)} GROUP BY workshop_id`),
    );
    return Object.fromEntries(found.map((r) => [r.w, r.n]));
  }

  it('a query without a workshop filter sees and changes only its own workshop, in every workshop table', async () => {
    for (const table of WORKSHOP_TABLES) {
      const counts = await countsByWorkshop(table);
      expect(counts[one.workshopId], `${table}: workshop 1 has rows`).toBeGreaterThan(0);
      expect(counts[two.workshopId], `${table}: workshop 2 has rows`).toBeGreaterThan(0);
      const seen = await asWorkshopOne((tx) => rows<{ w: string }>(tx, sql`SELECT workshop_id::text AS w FROM ${sql.identifier(table)}`));
      expect(seen.length, `${table}: SELECT *`).toBe(counts[one.workshopId]);
      expect(seen.every((r) => r.w === one.workshopId), `${table}: SELECT *`).toBe(true);
      const touched = await asWorkshopOne((tx) =>
        rows<{ w: string }>(tx, sql`UPDATE ${sql.identifier(table)} SET workshop_id = workshop_id RETURNING workshop_id::text AS w`),
      );
      expect(touched.length, `${table}: UPDATE`).toBe(counts[one.workshopId]);
      expect(touched.every((r) => r.w === one.workshopId), `${table}: UPDATE`).toBe(true);
      const removed = await asWorkshopOne((tx) => rows<{ w: string }>(tx, sql`DELETE FROM ${sql.identifier(table)} RETURNING workshop_id::text AS w`));
      expect(removed.every((r) => r.w === one.workshopId), `${table}: DELETE`).toBe(true);
      await expect(
        asWorkshopOne((tx) => tx.execute(sql`UPDATE ${sql.identifier(table)} SET workshop_id = ${two.workshopId}`)),
        `${table}: moving rows into workshop 2`,
      ).rejects.toThrow();
    }
  });

  it('the insert-only ledgers: the application role reads and adds only its own rows, and can neither change nor remove one', async () => {
    for (const table of INSERT_ONLY_WORKSHOP_TABLES) {
      const counts = await countsByWorkshop(table);
      expect(counts[one.workshopId], `${table}: workshop 1 has rows`).toBeGreaterThan(0);
      expect(counts[two.workshopId], `${table}: workshop 2 has rows`).toBeGreaterThan(0);
      const seen = await asWorkshopOne((tx) => rows<{ w: string }>(tx, sql`SELECT workshop_id::text AS w FROM ${sql.identifier(table)}`));
      expect(seen.length).toBe(counts[one.workshopId]);
      expect(seen.every((r) => r.w === one.workshopId)).toBe(true);
      await expect(asWorkshopOne((tx) => tx.execute(sql`UPDATE ${sql.identifier(table)} SET workshop_id = workshop_id`)), `${table}: UPDATE`).rejects.toSatisfy(deniedPermission);
      await expect(asWorkshopOne((tx) => tx.execute(sql`DELETE FROM ${sql.identifier(table)}`)), `${table}: DELETE`).rejects.toSatisfy(deniedPermission);
      await expect(
        asWorkshopOne((tx) =>
          tx.execute(
            table === 'credit_ledger'
              ? sql`INSERT INTO credit_ledger (workshop_id, kind, amount) VALUES (${two.workshopId}, 'grant', 1000)`
              : sql`INSERT INTO billing_payments (id, workshop_id, checkout_id, transaction_id, receipt_number, kind, amount, paid_at)
                  VALUES (${newId()}, ${two.workshopId}, ${newId()}, 'forged', nextval('billing_receipt_number'), 'pack', 1, now())`,
          ),
        ),
        `${table}: adding to workshop 2`,
      ).rejects.toThrow();
      expect(await countsByWorkshop(table)).toEqual(counts);
    }
  });

  it('slugs: every workshop reads them all (to find a free one), writes only its own, changes none', async () => {
    const all = await countsByWorkshop('directory_slugs');
    expect(all[two.workshopId]).toBeGreaterThan(0);
    const seen = await asWorkshopOne((tx) => rows<{ w: string }>(tx, sql`SELECT workshop_id::text AS w FROM directory_slugs`));
    expect(seen.length).toBe(Object.values(all).reduce((a, b) => a + b, 0));
    expect(await asWorkshopOne((tx) => rows(tx, sql`UPDATE directory_slugs SET workshop_id = ${one.workshopId} RETURNING slug`))).toEqual([]);
    expect(await asWorkshopOne((tx) => rows(tx, sql`DELETE FROM directory_slugs RETURNING slug`))).toEqual([]);
    await expect(asWorkshopOne((tx) => tx.execute(sql`INSERT INTO directory_slugs (slug, workshop_id) VALUES ('vol-de-nom', ${two.workshopId})`))).rejects.toThrow();
    expect(await countsByWorkshop('directory_slugs')).toEqual(all);
  });

  it("UPDATE clients SET name = 'x' with no filter, committed, leaves workshop 2 untouched", async () => {
    const before = await readServerSnapshot(server.ctx, two.workshopId);
    const touched = await server.ctx.db.withWorkshop(one.workshopId, (tx) => rows<{ id: string }>(tx, sql`UPDATE clients SET name = 'x' RETURNING id`));
    expect(touched.length).toBe((await countsByWorkshop('clients'))[one.workshopId]);
    expect(await readServerSnapshot(server.ctx, two.workshopId)).toEqual(before);
    await expect(
      server.ctx.db.withWorkshop(one.workshopId, (tx) =>
        tx.execute(sql`INSERT INTO clients (workshop_id, id, name, last_seq) VALUES (${two.workshopId}, ${newId()}, 'intrus', 1)`),
      ),
    ).rejects.toThrow();
  });
});
