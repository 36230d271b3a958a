import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openBetterSqlite } from '../../desktop/sqlite/betterSqliteAdapter.js';
import { openFileEngine, tempDir } from '../../desktop/sqlite/testing.js';
import { migrate } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { readJournalMigrations, renderIndex } from '../../scripts/embed-migrations.js';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

describe('local migrations', () => {
  it('embeds exactly the SQL files drizzle-kit generated', () => {
    const embedded = readFileSync(fileURLToPath(new URL('./migrations/index.ts', import.meta.url)), 'utf8');
    expect(embedded).toBe(renderIndex(readJournalMigrations()));
    expect(MIGRATIONS.length).toBeGreaterThanOrEqual(2);
  });

  it('opens and upgrades a database made by the first version, keeping its data', async () => {
    const path = `${dir.dir}/ancienne.sqlite`;
    const port = openBetterSqlite(path);
    expect(await migrate(port, MIGRATIONS.slice(0, 1))).toEqual([MIGRATIONS[0]!.tag]);
    // What version 1 wrote: a workshop, its owner, a client and an order.
    await port.exec(`
      INSERT INTO workshop (id, name, working_days, closing_days, capacity, created_at, clocks)
        VALUES ('01900000-0000-7000-8000-000000000001', 'Atelier ancien', '[1,2,3,4,5,6]', '[]', 10, '2025-01-01T00:00:00.000Z', '{}');
      INSERT INTO members (id, name, role, clocks) VALUES ('01900000-0000-7000-8000-000000000002', 'Ancien', 'owner', '{}');
      INSERT INTO meta (key, value) VALUES ('actorMemberId', '01900000-0000-7000-8000-000000000002'), ('deviceCode', 'A');
      INSERT INTO clients (id, name, created_at, clocks, search_name) VALUES ('01900000-0000-7000-8000-000000000003', 'Ancienne cliente', '2025-01-02T00:00:00.000Z', '{}', 'ancienne cliente');
      INSERT INTO orders (id, number, client_id, price, status, promised_date, created_at, clocks)
        VALUES ('01900000-0000-7000-8000-000000000004', 'A-7', '01900000-0000-7000-8000-000000000003', 12000, 'confirmed', '2025-01-10', '2025-01-02T00:00:00.000Z', '{}');
    `);
    await port.close();

    const engine = await openFileEngine(path);
    expect((await engine.query('searchClients', { query: 'ancienne' })).map((c) => c.name)).toEqual(['Ancienne cliente']);
    expect(await engine.query('orderDetail', { id: '01900000-0000-7000-8000-000000000004' })).toMatchObject({ number: 'A-7', balance: 12000 });
    const next = await engine.execute('createOrder', { clientId: '01900000-0000-7000-8000-000000000003', price: 1000 });
    expect(next.number).toBe('A-8');
    await engine.close();

    const db = new Database(path, { readonly: true });
    const tags = db.prepare('SELECT tag FROM __migrations ORDER BY tag').pluck().all();
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all();
    db.close();
    expect(tags).toEqual(MIGRATIONS.map((m) => m.tag));
    expect(indexes).toEqual(expect.arrayContaining(['orders_number', 'orders_status_closed', 'outbox_state']));
    expect(indexes).not.toContain('events_type_at');
  });

  it('refuses, with a clear message, a database made by a newer version', async () => {
    const path = `${dir.dir}/future.sqlite`;
    const port = openBetterSqlite(path);
    await migrate(port);
    await port.run("INSERT INTO __migrations (tag, applied_at) VALUES ('0099_future', '2030-01-01')");
    await expect(migrate(port)).rejects.toThrow(/version plus récente/);
    await port.close();
  });

  it('is idempotent: opening twice applies nothing the second time', async () => {
    const port = openBetterSqlite(`${dir.dir}/deux.sqlite`);
    expect((await migrate(port)).length).toBe(MIGRATIONS.length);
    expect(await migrate(port)).toEqual([]);
    await port.close();
  });
});
