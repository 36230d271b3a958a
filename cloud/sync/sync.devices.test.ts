import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { openTestDevice, type TestDevice } from '../testing/devices.js';
import { tempDir, testClock } from '../../desktop/sqlite/testing.js';
import { rows } from '../db/client.js';
import { SyncFailure } from '../../shared/sync/client.js';

let server: TestServer;
let shop: FixtureWorkshop;
const dir = tempDir('styliste-sync-');
let counter = 0;

beforeAll(async () => {
  server = await startTestServer({ SYNC_PAGE_ROWS: '25' });
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Synchro');
});

afterAll(async () => {
  await server.close();
  dir.cleanup();
});

async function device(token = shop.owner.token, options: Parameters<typeof openTestDevice>[3] = {}): Promise<TestDevice> {
  counter += 1;
  return openTestDevice(`${dir.dir}/device-${counter}.sqlite`, server.url, () => token, options);
}

async function joined(code: string, member = shop.owner, options: Parameters<typeof openTestDevice>[3] = {}): Promise<TestDevice> {
  const d = await device(member.token, options);
  await d.join(member.memberId, code);
  return d;
}

describe('sync between devices through the hub', () => {
  it('a new device receives the workshop, then changes travel both ways with no duplicate', async () => {
    const a = await joined('A');
    expect(await a.engine.query('settings')).toMatchObject({ name: 'Atelier Synchro', timezone: 'Africa/Porto-Novo' });
    const { id: clientId } = await a.engine.execute('createClient', { name: 'Aïcha', phone: '0197000101' });
    const order = await a.engine.execute('createOrder', { clientId, price: 20000, deposit: { amount: 5000 } });
    const pushed = await a.client.sync();
    expect(pushed.pushed).toBeGreaterThanOrEqual(4);
    expect((await a.engine.query('syncStatus')).pending).toBe(0);

    const b = await joined('B');
    await b.engine.execute('recordPayment', { orderId: order.id, amount: 5000, method: 'mobile_money' });
    await b.engine.execute('changeOrderStatus', { id: order.id, status: 'in_progress' });
    await b.client.sync();
    await a.client.sync();
    for (const d of [a, b]) {
      expect(await d.engine.query('orderDetail', { id: order.id })).toMatchObject({ number: 'A-1', status: 'in_progress', paid: 10000, balance: 10000 });
      expect((await d.engine.query('searchClients', { query: 'aicha' })).length).toBe(1);
    }
    const [log] = await server.ctx.db.withWorkshop(shop.workshopId, (tx) =>
      rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM payments`),
    );
    expect(log!.n).toBe(2);
  });

  it('a fresh device gets the current state in pages, with progress', async () => {
    const a = await joined('C');
    const { id: clientId } = await a.engine.execute('createClient', { name: 'Pages' });
    for (let i = 0; i < 40; i++) await a.engine.execute('updateClient', { id: clientId, notes: `version ${i}` });
    for (let i = 0; i < 30; i++) await a.engine.execute('createClient', { name: `Client page ${i}` });
    await a.client.sync();
    const fractions: (number | null)[] = [];
    const fresh = await device(shop.owner.token, { client: { onProgress: (p) => fractions.push(p.fraction) } });
    const report = await fresh.client.sync();
    expect(report.roundTrips).toBeGreaterThan(1);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.filter((f) => f !== null).every((f, i, all) => i === 0 || f! >= all[i - 1]!)).toBe(true);
    await fresh.engine.useMember(shop.owner.memberId);
    const card = await fresh.engine.query('clientCard', { id: clientId });
    expect(card.client.notes).toBe('version 39');
    // Current state, not history: the 40 edits of one field arrive as one value.
    expect(report.pulled).toBeLessThan(100);
  });

  it('the same field edited on two offline devices: the later edit wins everywhere', async () => {
    const clock = testClock('2026-11-25T09:00:00.000Z');
    const a = await joined('D', shop.owner, { now: clock.now });
    const b = await joined('E', shop.owner, { now: clock.now });
    const { id } = await a.engine.execute('createClient', { name: 'Conflit' });
    await a.client.sync();
    await b.client.sync();
    await b.engine.execute('updateClient', { id, notes: 'B, plus tôt', email: 'b@exemple.bj' });
    clock.advance(60_000);
    await a.engine.execute('updateClient', { id, notes: 'A, plus tard' });
    await a.client.sync();
    await b.client.sync();
    await a.client.sync();
    for (const d of [a, b]) {
      expect((await d.engine.query('clientCard', { id })).client).toMatchObject({ notes: 'A, plus tard', email: 'b@exemple.bj' });
    }
  });

  it('delete against edit: the delete made later wins, the edit made later survives a delete made earlier', async () => {
    const clock = testClock('2026-11-25T10:00:00.000Z');
    const a = await joined('F', shop.owner, { now: clock.now });
    const b = await joined('G', shop.owner, { now: clock.now });
    const { id } = await a.engine.execute('createClient', { name: 'Supprimé ou pas' });
    await a.client.sync();
    await b.client.sync();
    await b.engine.execute('updateClient', { id, notes: 'modifié hors ligne' });
    clock.advance(1000);
    await a.engine.execute('deleteClient', { id });
    await b.client.sync();
    await a.client.sync();
    await b.client.sync();
    for (const d of [a, b]) await expect(d.engine.query('clientCard', { id })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a device whose clock is a year ahead is corrected and its change still lands', async () => {
    const ahead = testClock('2027-11-25T10:00:00.000Z');
    const a = await joined('H', shop.owner, { now: ahead.now });
    const normal = await joined('I');
    const { id } = await normal.engine.execute('createClient', { name: 'Horloge' });
    await normal.client.sync();
    await a.client.sync();
    await a.engine.execute('updateClient', { id, notes: 'depuis le futur' });
    const report = await a.client.sync();
    expect(report.rejected).toBe(0);
    expect((await a.engine.query('syncStatus')).pending).toBe(0);
    // A normal device editing afterwards must win: the future clock did not stick.
    await normal.client.sync();
    await normal.engine.execute('updateClient', { id, notes: 'correction normale' });
    await normal.client.sync();
    await a.client.sync();
    expect((await a.engine.query('clientCard', { id })).client.notes).toBe('correction normale');
    const [stored] = await server.ctx.db.withWorkshop(shop.workshopId, (tx) => rows<{ clocks: Record<string, string> }>(tx, sql`SELECT clocks FROM clients WHERE id = ${id}`));
    expect(stored!.clocks.notes! < '2027').toBe(true);
  });

  it('a device two days behind follows the hub time after its first sync', async () => {
    const behind = testClock(new Date(Date.now() - 2 * 86_400_000).toISOString());
    const late = await joined('J', shop.owner, { now: behind.now });
    expect(Math.abs(late.engine.clockOffsetMs - 2 * 86_400_000)).toBeLessThan(120_000);
    const { id } = await late.engine.execute('createClient', { name: 'En retard' });
    const mutation = (await late.engine.pendingMutations(10)).find((m) => m.rowId === id)!;
    expect(Math.abs(Date.parse(mutation.hlc.slice(0, 24)) - Date.now())).toBeLessThan(120_000);
  });

  it('a revoked member is told to lock and wipe at the next sync', async () => {
    const staff = await shop.addMember('staff', 'Employé révoqué');
    const d = await joined('K', staff);
    await d.engine.execute('createClient', { name: 'Avant révocation' });
    await server.ctx.db.withWorkshop(shop.workshopId, (tx) => tx.execute(sql`UPDATE members SET deleted_at = now()::text WHERE id = ${staff.memberId}`));
    const failure = await d.client.sync().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SyncFailure);
    expect((failure as SyncFailure).kind).toBe('access_revoked');
    expect((await d.engine.query('syncStatus')).pending).toBeGreaterThan(0);
  });
});
