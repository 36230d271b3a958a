/**
 * The support view's pages, read while the owner's permission is in force, on a real server and
 * database: the clients with their latest measurements (French labels, the garment's own field),
 * the orders with what was paid (a reversal included) and what is left by the app's own rule, the
 * messages; 25 a page, newest first, a search; only that workshop's rows; bad page numbers 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../testing/fixtures.js';
import { signedInAdmin, type AdminClient } from '../adminTesting.js';
import { rows } from '../../db/client.js';
import { sql } from 'drizzle-orm';
import { seedSupportWorkshop, type SupportSeed } from './supportTesting.js';
import type { SupportClientsResponse, SupportMessagesResponse, SupportOrdersResponse } from './schemas.js';

const clock = new Date('2036-03-02T09:00:00Z');
let server: TestServer;
let shop: FixtureWorkshop;
let neighbour: FixtureWorkshop;
let seed: SupportSeed;
let admin: AdminClient;
let base: string;

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock });
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Awa');
  neighbour = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
  seed = await seedSupportWorkshop(server.ctx, shop.workshopId, new Date('2036-03-01T08:00:00Z'), 30);
  // The neighbour has a client and an order of its own, allowed too: none may show in the shop's pages.
  await seedSupportWorkshop(server.ctx, neighbour.workshopId, new Date('2036-03-01T12:00:00Z'));
  for (const workshop of [shop, neighbour]) {
    const allowed = await fetch(`${server.url}/api/support-access`, { method: 'POST', headers: { authorization: `Bearer ${workshop.owner.token}` } });
    expect(allowed.status).toBe(200);
  }
  admin = await signedInAdmin(server, { role: 'support' });
  base = `/api/admin/workshops/${shop.workshopId}/support`;
});
afterAll(() => server.close());

describe('the support view’s pages', () => {
  it('lists the clients newest first, 25 a page, with their latest measurements labelled in French', async () => {
    const first = await admin.json<SupportClientsResponse>(`${base}/clients`);
    expect(first.clients).toHaveLength(25);
    expect(first.hasMore).toBe(true);
    expect(first.page).toBe(1);
    expect(first.clients[0]!.name).toBe('Client numéro 30');
    const second = await admin.json<SupportClientsResponse>(`${base}/clients?page=2`);
    expect(second.hasMore).toBe(false);
    expect(second.clients.map((c) => c.name)).toEqual(['Client numéro 5', 'Client numéro 4', 'Client numéro 3', 'Client numéro 2', 'Client numéro 1', 'Koffi Agbo', 'Awa Dossou']);
    const awa = second.clients.at(-1)!;
    expect(awa).toEqual({
      id: seed.awa,
      name: 'Awa Dossou',
      phone: '+2290197000101',
      email: 'awa@example.test',
      city: null,
      notes: 'Préfère les essayages le samedi',
      // The latest sheet only (not the older 70 cm), in the catalogue's order, the garment's own field after.
      measurements: [
        { label: 'Tour de poitrine', value: 92, unit: 'cm' },
        { label: 'Tour de taille', value: 74, unit: 'cm' },
        { label: 'Hauteur du col mao', value: 4, unit: 'cm' },
      ],
      orders: 1,
    });
    expect(second.clients.find((c) => c.name === 'Koffi Agbo')).toMatchObject({ measurements: [], orders: 1 });
    const third = await admin.json<SupportClientsResponse>(`${base}/clients?page=3`);
    expect(third).toEqual({ clients: [], page: 3, hasMore: false });
  });

  it('searches clients by name, phone or address, taking % and _ literally', async () => {
    expect((await admin.json<SupportClientsResponse>(`${base}/clients?q=dossou`)).clients.map((c) => c.id)).toEqual([seed.awa]);
    expect((await admin.json<SupportClientsResponse>(`${base}/clients?q=0197000101`)).clients.map((c) => c.id)).toEqual([seed.awa]);
    expect((await admin.json<SupportClientsResponse>(`${base}/clients?q=${encodeURIComponent('%')}`)).clients).toEqual([]);
    expect((await admin.json<SupportClientsResponse>(`${base}/clients?q=${encodeURIComponent('numéro 2')}`)).clients.map((c) => c.name)).toEqual(['Client numéro 29', 'Client numéro 28', 'Client numéro 27', 'Client numéro 26', 'Client numéro 25', 'Client numéro 24', 'Client numéro 23', 'Client numéro 22', 'Client numéro 21', 'Client numéro 20', 'Client numéro 2']);
  });

  it('lists the orders newest first with what was paid (reversal included) and what is left, status in French', async () => {
    const page = await admin.json<SupportOrdersResponse>(`${base}/orders`);
    expect(page).toEqual({
      orders: [
        { id: seed.boubou, number: 'BB-102', clientName: 'Koffi Agbo', status: 'ready', statusLabel: 'Prête', promisedDate: '2036-03-10', total: 15_000, paid: 0, balance: 15_000, createdAt: '2036-03-01T08:11:00.000Z' },
        { id: seed.robe, number: 'RB-101', clientName: 'Awa Dossou', status: 'confirmed', statusLabel: 'Confirmée', promisedDate: '2036-03-20', total: 30_000, paid: 10_000, balance: 20_000, createdAt: '2036-03-01T08:04:00.000Z' },
      ],
      page: 1,
      hasMore: false,
    });
  });

  it('lists the messages to clients, newest first', async () => {
    const page = await admin.json<SupportMessagesResponse>(`${base}/messages`);
    expect(page).toEqual({
      messages: [{ id: seed.messageId, createdAt: '2036-03-01T08:08:00.000Z', channel: 'sms', status: 'delivered', clientName: 'Awa Dossou', body: 'Bonjour Awa, votre robe RB-101 est prête.' }],
      page: 1,
      hasMore: false,
    });
  });

  it('shows only that workshop’s rows', async () => {
    const other = await admin.json<SupportClientsResponse>(`/api/admin/workshops/${neighbour.workshopId}/support/clients`);
    expect(other.clients.map((c) => c.name)).toEqual(['Koffi Agbo', 'Awa Dossou']);
    expect(other.clients.some((c) => c.id === seed.awa)).toBe(false);
    const orders = await admin.json<SupportOrdersResponse>(`/api/admin/workshops/${neighbour.workshopId}/support/orders`);
    expect(orders.orders.some((o) => o.id === seed.robe || o.id === seed.boubou)).toBe(false);
  });

  it('writes nothing into the workshop', async () => {
    const count = () => server.ctx.db.system((tx) => rows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM change_log WHERE workshop_id = ${shop.workshopId}`));
    const before = await count();
    for (const page of ['clients', 'orders', 'messages']) await admin.json(`${base}/${page}`);
    expect(await count()).toEqual(before);
  });

  it('refuses bad page numbers, searches and workshop ids with 400 in French', async () => {
    for (const query of ['page=0', 'page=abc', 'page=12345', 'page=1.5', 'page=-1']) {
      const answer = await admin.fetch(`${base}/orders?${query}`);
      expect(answer.status, query).toBe(400);
      expect(((await answer.json()) as { error: { message: string } }).error.message).toMatch(/Numéro de page invalide/);
    }
    expect((await admin.fetch(`${base}/clients?q=${'a'.repeat(101)}`)).status).toBe(400);
    expect((await admin.fetch(`${base}/clients?q=%00`)).status).toBe(400);
    const twice = await admin.fetch(`${base}/clients?page=1&page=2`);
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { error: { message: string } }).error.message).toMatch(/Numéro de page invalide/);
    expect((await admin.fetch('/api/admin/workshops/not-a-uuid/support/clients')).status).toBe(400);
  });
});
