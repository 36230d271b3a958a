/**
 * The audit log read by an admin: newest first, 50 per page, each filter, days in Porto-Novo's
 * time, refusals in French; the CSV export parsed back (BOM, French header, every matching row
 * across the export's batches, hostile reasons harmless) and itself audited; and the log
 * insert-only in the database: neither the application's role nor the owner can change it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../testing/fixtures.js';
import { APP_ROLE, rows, type Tx } from '../../db/client.js';
import { parseCsv } from '../../../shared/export/csv.js';
import { writeAudit, type AuditEntry } from '../auditSql.js';
import { signedInAdmin, type AdminClient } from '../adminTesting.js';
import type { AuditEntryView } from './schemas.js';

let server: TestServer;
const clock = new Date('2036-05-06T10:00:00.000Z');
let admin: AdminClient;
let support: AdminClient;
let shop: FixtureWorkshop;
let other: FixtureWorkshop;

type Page = { entries: AuditEntryView[]; page: number; hasMore: boolean };

const write = (entry: Omit<AuditEntry, 'admin'> & { by?: AdminClient }, at: string) =>
  server.ctx.db.system((tx) => writeAudit(tx, { admin: { id: (entry.by ?? admin).session.admin.id, email: (entry.by ?? admin).session.admin.email }, ...entry }, new Date(at)));

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock });
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Journal');
  other = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
  admin = await signedInAdmin(server);
  support = await signedInAdmin(server, { role: 'support' });
  // 60 grants to the shop, one a minute on 2036-05-02 (UTC).
  for (let i = 0; i < 60; i += 1) {
    await write(
      { action: 'workshop.grant_credits', target: { type: 'workshop', id: shop.workshopId }, workshopId: shop.workshopId, reason: `Geste commercial ${i}`, before: { credits: i }, after: { credits: i + 100 } },
      new Date(Date.parse('2036-05-02T08:00:00Z') + i * 60_000).toISOString(),
    );
  }
  // Around Porto-Novo's midnight (UTC+1): 23:30 UTC on the 3rd is 00:30 on the 4th there.
  await write({ action: 'workshop.suspend', by: support, target: { type: 'workshop', id: other.workshopId }, workshopId: other.workshopId, reason: 'Impayé' }, '2036-05-03T22:59:00Z');
  await write({ action: 'workshop.suspend', by: support, target: { type: 'workshop', id: other.workshopId }, workshopId: other.workshopId, reason: 'Début du 4' }, '2036-05-03T23:30:00Z');
  await write({ action: 'workshop.restore', by: support, target: { type: 'workshop', id: other.workshopId }, workshopId: other.workshopId, reason: 'Fin du 4' }, '2036-05-04T22:59:00Z');
  await write({ action: 'workshop.restore', by: support, target: { type: 'workshop', id: other.workshopId }, workshopId: other.workshopId, reason: 'Début du 5' }, '2036-05-04T23:00:00Z');
}, 120_000);

afterAll(async () => {
  await server?.close();
});

const audit = (query: string) => admin.json<Page>(`/api/admin/audit?${query}`);

describe('GET /api/admin/audit', () => {
  it('pages the log 50 at a time, newest first, each entry with its label, workshop, before and after', async () => {
    const first = await audit('action=workshop.grant_credits');
    expect(first.entries).toHaveLength(50);
    expect(first.hasMore).toBe(true);
    const second = await audit('action=workshop.grant_credits&page=2');
    expect(second).toMatchObject({ page: 2, hasMore: false });
    expect(second.entries).toHaveLength(10);
    const all = [...first.entries, ...second.entries];
    expect(new Set(all.map((e) => e.id)).size).toBe(60);
    expect(all.map((e) => e.reason)).toEqual(Array.from({ length: 60 }, (_, i) => `Geste commercial ${59 - i}`));
    expect(all[0]).toEqual({
      id: expect.any(Number),
      at: '2036-05-02T08:59:00.000Z',
      adminId: admin.session.admin.id,
      adminEmail: admin.session.admin.email,
      action: 'workshop.grant_credits',
      actionLabel: 'Crédits offerts',
      targetType: 'workshop',
      targetId: shop.workshopId,
      workshopId: shop.workshopId,
      workshopName: 'Atelier Journal',
      reason: 'Geste commercial 59',
      before: { credits: 59 },
      after: { credits: 159 },
      detail: null,
      ip: null,
    });
    // Without filters the sign-ins are there too, the newest (today's) first.
    const everything = await audit('');
    expect(everything.entries[0]!.action).toBe('admin.sign_in');
    expect(everything.entries[0]!.at).toBe(clock.toISOString());
  });

  it('filters by admin (a part of the address, any case), workshop, target and action', async () => {
    const part = support.session.admin.email.slice(0, 12).toUpperCase();
    const bySupport = await audit(`admin=${encodeURIComponent(part)}`);
    expect(bySupport.entries.length).toBe(5); // four actions and the sign-in
    expect(bySupport.entries.every((e) => e.adminEmail === support.session.admin.email)).toBe(true);
    expect((await audit(`admin=${encodeURIComponent('%')}`)).entries).toEqual([]);
    const byWorkshop = await audit(`workshop=${other.workshopId}`);
    expect(byWorkshop.entries.map((e) => e.reason)).toEqual(['Début du 5', 'Fin du 4', 'Début du 4', 'Impayé']);
    expect(byWorkshop.entries.every((e) => e.workshopName === 'Atelier Voisin')).toBe(true);
    expect((await audit(`target=${other.workshopId}`)).entries).toHaveLength(4);
    expect((await audit('target=admin')).entries.every((e) => e.targetType === 'admin')).toBe(true);
    expect((await audit(`action=workshop.restore&workshop=${other.workshopId}`)).entries.map((e) => e.reason)).toEqual(['Début du 5', 'Fin du 4']);
  });

  it('reads from and to as whole days in Porto-Novo, both included', async () => {
    const reasons = async (query: string) => (await audit(`workshop=${other.workshopId}&${query}`)).entries.map((e) => e.reason);
    expect(await reasons('from=2036-05-04&to=2036-05-04')).toEqual(['Fin du 4', 'Début du 4']);
    expect(await reasons('to=2036-05-03')).toEqual(['Impayé']);
    expect(await reasons('from=2036-05-05')).toEqual(['Début du 5']);
    expect(await reasons('from=2036-05-05&to=2036-05-04')).toEqual([]);
  });

  it('refuses bad filters in French, and anyone not signed in', async () => {
    for (const [query, words] of [
      ['action=tout', 'Action du journal inconnue'],
      ['from=2036-02-30', 'Date invalide'],
      ['to=demain', 'Date invalide'],
      ['workshop=abc', 'Identifiant invalide'],
      ['page=0', 'Numéro de page invalide'],
      ['page=1&page=2', 'Numéro de page invalide'],
      [`admin=${'a'.repeat(300)}`, 'Recherche trop longue'],
      ['admin=a%00b', 'caractère invalide'],
      ['inconnu=1', ''],
    ] as const) {
      const answer = await admin.fetch(`/api/admin/audit?${query}`);
      expect(answer.status, query).toBe(400);
      expect(JSON.stringify(await answer.json()), query).toContain(words);
    }
    expect((await fetch(`${server.url}/api/admin/audit`)).status).toBe(401);
    expect((await fetch(`${server.url}/api/admin/audit.csv`)).status).toBe(401);
  });
});

describe('GET /api/admin/audit.csv', () => {
  it('is every matching entry, French header, BOM, hostile reasons harmless, and is itself audited', async () => {
    await write({ action: 'workshop.change_plan', workshopId: shop.workshopId, reason: 'Motif ; avec "guillemets"\net un retour' }, '2036-05-05T10:00:00Z');
    await write({ action: 'workshop.change_plan', workshopId: shop.workshopId, reason: '=cmd|\' /C calc\'!A0', detail: { note: '@SUM(1+1)' } }, '2036-05-05T11:00:00Z');
    const answer = await admin.fetch(`/api/admin/audit.csv?workshop=${shop.workshopId}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="journal-admin-2036-05-06.csv"');
    const bytes = Buffer.from(await answer.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const table = parseCsv(bytes.toString('utf8'));
    expect(table[0]).toEqual(['Date (UTC)', 'Administrateur', 'Action', 'Cible', 'Atelier', 'Motif', 'Avant', 'Après', 'Détail', 'Adresse IP']);
    const lines = table.slice(1);
    expect(lines).toHaveLength(62);
    expect(lines.every((cells) => cells.length === 10)).toBe(true);
    expect(lines[0]).toEqual(['2036-05-05 11:00:00', admin.session.admin.email, 'Changement de formule', '', 'Atelier Journal', '\'=cmd|\' /C calc\'!A0', '', '', '{"note":"@SUM(1+1)"}', '']);
    expect(lines[1]![5]).toBe('Motif ; avec "guillemets"\net un retour');
    expect(lines[2]).toEqual(['2036-05-02 08:59:00', admin.session.admin.email, 'Crédits offerts', `workshop ${shop.workshopId}`, 'Atelier Journal', 'Geste commercial 59', '{"credits":59}', '{"credits":159}', '', '']);
    // No cell of the file starts a formula.
    expect(lines.flat().some((cell) => /^[=+\-@]/.test(cell))).toBe(false);

    const exports = await audit('action=audit.export');
    expect(exports.entries).toHaveLength(1);
    expect(exports.entries[0]).toMatchObject({ adminId: admin.session.admin.id, detail: { filters: { workshop: shop.workshopId } } });
  });

  it('carries every row past its batches of 1,000, newest first, none twice', async () => {
    await server.ctx.db.system((tx) =>
      tx.execute(sql`INSERT INTO admin_audit (at, admin_id, admin_email, action, reason)
        SELECT ${'2036-04-01T00:00:00Z'}::timestamptz + (n % 700) * interval '1 second', ${support.session.admin.id}, ${support.session.admin.email}, 'support.view', 'vue ' || n
          FROM generate_series(1, 2100) AS n`),
    );
    const answer = await support.fetch('/api/admin/audit.csv?action=support.view');
    const lines = parseCsv(await answer.text()).slice(1);
    expect(lines).toHaveLength(2100);
    expect(new Set(lines.map((cells) => cells[5])).size).toBe(2100);
    const dates = lines.map((cells) => cells[0]!);
    expect([...dates].sort().reverse()).toEqual(dates);
  });
});

describe('the log is insert-only in the database', () => {
  class Rollback extends Error {}
  const cause = (error: unknown) => (error as { cause?: { code?: string; message?: string } }).cause ?? {};

  /** Runs `work` in a transaction as the application's role (or the owner), then rolls back. */
  async function run(asApp: boolean, work: (tx: Tx) => Promise<unknown>): Promise<unknown> {
    return server.ctx.db
      .system(async (tx) => {
        if (asApp) await tx.execute(sql`SELECT set_config('role', ${APP_ROLE}, true)`);
        await work(tx);
        throw new Rollback();
      })
      .then(
        () => null,
        (error: unknown) => (error instanceof Rollback ? null : error),
      );
  }

  const count = async () => (await server.ctx.db.system((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM admin_audit`)))[0]!.n;

  it('the application’s role can neither update, delete nor truncate it', async () => {
    const before = await count();
    for (const [what, statement] of [
      ['UPDATE', sql`UPDATE admin_audit SET reason = 'effacé'`],
      ['DELETE', sql`DELETE FROM admin_audit`],
      ['TRUNCATE', sql`TRUNCATE admin_audit`],
    ] as const) {
      const error = await run(true, (tx) => tx.execute(statement));
      expect(error, what).not.toBeNull();
      expect(cause(error).code, what).toBe('42501');
    }
    expect(await count()).toBe(before);
  });

  it('nor can the owner (the trigger), whose inserts work, as the role’s do', async () => {
    const before = await count();
    for (const [what, statement] of [
      ['UPDATE', sql`UPDATE admin_audit SET reason = 'effacé' WHERE action = 'admin.sign_in'`],
      ['DELETE', sql`DELETE FROM admin_audit WHERE action = 'admin.sign_in'`],
      ['TRUNCATE', sql`TRUNCATE admin_audit`],
    ] as const) {
      const error = await run(false, (tx) => tx.execute(statement));
      expect(error, what).not.toBeNull();
      expect(cause(error).message, what).toContain('admin_audit is insert-only');
    }
    expect(await count()).toBe(before);
    await write({ action: 'admin.sign_out' }, clock.toISOString());
    expect(await run(true, (tx) => tx.execute(sql`INSERT INTO admin_audit (at, admin_email, action) VALUES (now(), 'app@styliste.test', 'admin.sign_out')`))).toBeNull();
    expect(await count()).toBe(before + 1);
    const [reason] = await server.ctx.db.system((tx) => rows<{ reason: string }>(tx, sql`SELECT reason FROM admin_audit WHERE action = 'workshop.grant_credits' ORDER BY id LIMIT 1`));
    expect(reason!.reason).toBe('Geste commercial 0');
  });
});
