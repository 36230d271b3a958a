/**
 * The admin portal's list of workshops and a workshop's page, on a real server: search by name
 * with or without accents, by phone in national or E.164 form, by city; the plan and status
 * filters; 25 a page with the total; bad parameters refused in French. A workshop's page counts
 * members, devices, messages and credits and lists payments and admin actions, and holds none of
 * the workshop's client data (names, numbers, message texts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../testing/fixtures.js';
import { RawDevice, clientRow } from '../../testing/rawSync.js';
import { setSubscription } from '../../directory/directoryTesting.js';
import { insertPayment } from '../../billing/paymentsSql.js';
import { addCredits, refundCredits, reserveCredits } from '../../notifications/credits.js';
import { newId } from '../../../shared/domain/ids.js';
import { signedInAdmin, type AdminClient } from '../adminTesting.js';
import type { WorkshopDetail, WorkshopsResponse } from './schemas.js';

let clock = new Date('2036-03-02T09:00:00Z');
let server: TestServer;
let admin: AdminClient;
let elegance: FixtureWorkshop;
let parakou: FixtureWorkshop;
let suspendedShop: FixtureWorkshop;
const tick = (ms = 60_000) => (clock = new Date(clock.getTime() + ms));

async function setWorkshop(shop: FixtureWorkshop, fields: Record<string, unknown>): Promise<void> {
  await server.ctx.db.withWorkshop(shop.workshopId, (tx) => server.ctx.services.serverWrites.inWorkshop(tx, shop.workshopId, (w) => w.write('workshop', shop.workshopId, fields)));
}

async function shopNamed(name: string, fields: Record<string, unknown> = {}): Promise<FixtureWorkshop> {
  tick();
  const shop = await createFixtureWorkshop(server.ctx, name);
  if (Object.keys(fields).length > 0) await setWorkshop(shop, fields);
  return shop;
}

const list = (query: string) => admin.json<WorkshopsResponse>(`/api/admin/workshops${query}`);
const names = (answer: WorkshopsResponse) => answer.workshops.map((w) => w.name).sort();

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock });
  elegance = await shopNamed('Atelier Élégance', { phone: '+2290197123456', city: 'Cotonou' });
  parakou = await shopNamed('Couture du Nord', { phone: '+2290166554433', city: 'Parakou' });
  suspendedShop = await shopNamed('Maison Kéké', { phone: '+2290155001122', city: 'Porto-Novo' });
  await setSubscription(server.ctx, suspendedShop.workshopId, 'suspended', 'solo');
  for (let i = 0; i < 26; i++) await shopNamed(`Retouches ${String(i).padStart(2, '0')}`, { city: 'Abomey' });
  admin = await signedInAdmin(server, { role: 'support' });
}, 120_000);
afterAll(() => server.close());

describe('GET /api/admin/workshops', () => {
  it('searches the name without accents or case, and with them', async () => {
    expect(names(await list('?q=elegance'))).toEqual(['Atelier Élégance']);
    expect(names(await list('?q=%C3%89L%C3%89GANCE'))).toEqual(['Atelier Élégance']);
    expect(names(await list('?q=keke'))).toEqual(['Maison Kéké']);
    expect(names(await list('?q=maison%20k%C3%A9k%C3%A9'))).toEqual(['Maison Kéké']);
  });

  it('searches the phone in national form, in E.164 and by part of it', async () => {
    expect(names(await list(`?q=${encodeURIComponent('01 97 12 34 56')}`))).toEqual(['Atelier Élégance']);
    expect(names(await list(`?q=${encodeURIComponent('+229 0166554433')}`))).toEqual(['Couture du Nord']);
    expect(names(await list('?q=55001122'))).toEqual(['Maison Kéké']);
    expect((await list('?q=0199999999')).total).toBe(0);
  });

  it('searches the city', async () => {
    expect(names(await list('?q=parakou'))).toEqual(['Couture du Nord']);
    expect(names(await list('?q=porto-novo'))).toEqual(['Maison Kéké']);
    expect((await list('?q=abomey')).total).toBe(26);
  });

  it('answers each workshop with its plan, status, members and last sync', async () => {
    await new RawDevice(server.url, parakou.owner.token).sync();
    await parakou.addMember('staff', 'Couturière');
    const [row] = (await list('?q=parakou')).workshops;
    expect(row).toEqual({
      id: parakou.workshopId,
      name: 'Couture du Nord',
      phone: '+2290166554433',
      city: 'Parakou',
      planId: 'atelier',
      planName: 'Atelier',
      status: 'trial',
      createdAt: expect.any(String),
      lastSyncAt: clock.toISOString(),
      members: 2,
    });
    expect((await list('?q=elegance')).workshops[0]).toMatchObject({ lastSyncAt: null, members: 1 });
  });

  it('filters by plan and by status, alone or with a search', async () => {
    expect(names(await list('?status=suspended'))).toEqual(['Maison Kéké']);
    expect(names(await list('?plan=solo'))).toEqual(['Maison Kéké']);
    expect((await list('?plan=atelier&status=trial')).total).toBe(28);
    expect((await list('?plan=atelier&q=nord')).total).toBe(1);
    expect((await list('?status=active')).total).toBe(0);
    expect((await list('?q=&plan=&status=&page=')).total).toBe(29);
  });

  it('pages by 25, newest first, with the total', async () => {
    const first = await list('');
    expect(first).toMatchObject({ page: 1, hasMore: true, total: 29 });
    expect(first.workshops).toHaveLength(25);
    expect(first.workshops[0]!.name).toBe('Retouches 25');
    const second = await list('?page=2');
    expect(second).toMatchObject({ page: 2, hasMore: false, total: 29 });
    expect(second.workshops.map((w) => w.name)).toEqual(['Retouches 00', 'Maison Kéké', 'Couture du Nord', 'Atelier Élégance']);
    expect(new Set([...first.workshops, ...second.workshops].map((w) => w.id)).size).toBe(29);
    const past = await list('?page=9');
    expect(past).toMatchObject({ workshops: [], page: 9, hasMore: false, total: 29 });
  });

  it('refuses bad parameters with 400 in French', async () => {
    for (const query of ['?page=0', '?page=abc', '?page=12345', '?status=paid', '?plan=Or%20Massif', '?page=1&page=2', `?q=${'x'.repeat(81)}`, '?q=%00']) {
      const response = await admin.fetch(`/api/admin/workshops${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message, query).toMatch(/[éèàû]|invalide|inconnu|trop/i);
    }
  });
});

describe('the search’s folding', () => {
  it('spells out the letters NFD leaves whole, as the query’s folding does', async () => {
    await shopNamed('Cœur de Łódź', { city: 'Straße' });
    expect(names(await list('?q=coeur%20lodz'))).toEqual(['Cœur de Łódź']);
    expect(names(await list(`?q=${encodeURIComponent('CŒUR')}`))).toEqual(['Cœur de Łódź']);
    expect(names(await list('?q=strasse'))).toEqual(['Cœur de Łódź']);
    // LIKE's wildcards are looked for as such.
    expect((await list('?q=%25_')).total).toBe(0);
  });
});

describe('GET /api/admin/workshops/:id', () => {
  it('shows the account, subscription, payments, use and history, and no client data', async () => {
    const ctx = server.ctx;
    const shop = elegance;
    await ctx.db.system((tx) => tx.execute(sql`UPDATE users SET email = 'proprio@elegance.test' WHERE id = ${shop.owner.userId}`));
    const device = new RawDevice(server.url, shop.owner.token);
    const clientId = newId();
    await device.sync([device.mutation('clients', clientId, { ...clientRow('Ézéchiel Secretclient'), phone: '+2290161616161' })]);
    const messageIds = [newId(), newId(), newId()];
    await ctx.db.withWorkshop(shop.workshopId, (tx) =>
      ctx.services.serverWrites.inWorkshop(tx, shop.workshopId, async (w) => {
        const statuses = ['delivered', 'failed', 'sent'];
        for (const [i, id] of messageIds.entries()) {
          await w.write('messages', id, {
            clientId, orderId: null, channel: 'sms', to: '+2290161616161', body: `Texte confidentiel ${i}`, kind: 'custom', status: statuses[i],
            createdAt: i === 2 ? '2036-01-01T10:00:00.000Z' : clock.toISOString(), createdBy: null, deletedAt: null, providerId: null, segments: 1, credits: 1,
            sentAt: i === 2 ? '2036-01-01T10:00:01.000Z' : clock.toISOString(), deliveredAt: null, failureReason: null,
          });
        }
      }),
    );
    await ctx.db.withWorkshop(shop.workshopId, async (tx) => {
      await insertPayment(tx, {
        id: newId(), workshopId: shop.workshopId, checkoutId: newId(), transactionId: 'tx-admin-1', kind: 'plan', planId: 'solo', cycle: 'monthly', packId: null, credits: null,
        amount: 2_500, periodEnd: '2036-04-02T23:00:00.000Z', method: 'mtn_open', paidAt: clock.toISOString(),
      });
      await insertPayment(tx, {
        id: newId(), workshopId: shop.workshopId, checkoutId: newId(), transactionId: 'tx-admin-2', kind: 'pack', planId: null, cycle: null, packId: 'sms-100', credits: 100,
        amount: 2_000, periodEnd: null, method: null, paidAt: new Date(clock.getTime() + 1_000).toISOString(),
      });
      await addCredits(tx, shop.workshopId, 'purchase', 100, 'sms-100');
      await addCredits(tx, shop.workshopId, 'grant', 30, 'essai');
      // Two messages charged, the failed one refunded: 2 credits used.
      await reserveCredits(tx, shop.workshopId, messageIds[0]!, 2);
      await reserveCredits(tx, shop.workshopId, messageIds[1]!, 1);
      await refundCredits(tx, shop.workshopId, messageIds[1]!);
    });

    const answer = await admin.fetch(`/api/admin/workshops/${shop.workshopId}`);
    expect(answer.status).toBe(200);
    const raw = await answer.text();
    const detail = JSON.parse(raw) as WorkshopDetail;
    expect(detail.workshop).toEqual({ id: shop.workshopId, name: 'Atelier Élégance', phone: '+2290197123456', email: 'proprio@elegance.test', city: 'Cotonou', timezone: 'Africa/Porto-Novo', createdAt: expect.any(String) });
    expect(detail.subscription).toMatchObject({ status: 'trial', planId: 'atelier', planName: 'Atelier', cycle: null, trialEndsAt: expect.any(String), pendingPlanId: null });
    expect(detail.counts).toEqual({ members: 1, devices: 1 });
    expect(detail.lastSyncAt).toBe(clock.toISOString());
    expect(detail.messages).toEqual({ sent30d: 1, failed30d: 1, total: 3 });
    expect(detail.credits).toEqual({ balance: 128, used30d: 2, purchased: 100, granted: 30 });
    expect(detail.payments.map((p) => [p.kind, p.amount, p.method])).toEqual([['pack', 2_000, null], ['plan', 2_500, 'mtn_open']]);
    expect(detail.payments[0]!.receiptNumber).toBeGreaterThan(0);
    expect(detail.history.map((h) => [h.kind, h.label, h.amount])).toEqual([
      ['payment', 'Paiement : 100 crédits SMS', 2_000],
      ['payment', 'Paiement : formule Solo (mensuel)', 2_500],
    ]);
    for (const secret of ['Secretclient', 'Ézéchiel', '61616161', 'confidentiel', clientId, ...messageIds]) expect(raw).not.toContain(secret);
  });

  it('answers 404 in French for an unknown id, 400 for one that is not an id', async () => {
    const unknown = await admin.fetch(`/api/admin/workshops/${newId()}`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe('Atelier introuvable.');
    for (const id of ['pas-un-id', '123']) {
      const response = await admin.fetch(`/api/admin/workshops/${id}`);
      expect(response.status, id).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message, id).toMatch(/Identifiant invalide/);
    }
  });

  it('is closed to a workshop’s own token', async () => {
    const response = await fetch(`${server.url}/api/admin/workshops/${elegance.workshopId}`, { headers: { authorization: `Bearer ${elegance.owner.token}` } });
    expect(response.status).toBe(401);
  });
});
