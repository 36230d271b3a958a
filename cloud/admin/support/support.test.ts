/**
 * The owner's permission for the support view, end to end on a real server with an injected
 * clock: refused before the owner allows it, open for 24 hours once allowed, refused again the
 * moment it expires or the owner withdraws it; only the owner of that workshop may give, see or
 * withdraw it; every page opened and every refusal is in the audit log with the admin's address.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../../testing/fixtures.js';
import { signInAdmin, createTestAdmin, type AdminClient, type TestAdmin } from '../adminTesting.js';
import { SUPPORT_GRANT_MS } from '../../../shared/admin/rules.js';
import { seedSupportWorkshop, supportViews } from './supportTesting.js';

let clock = new Date('2036-03-02T09:00:00Z');
const tick = (ms: number) => (clock = new Date(clock.getTime() + ms));
let server: TestServer;
let shop: FixtureWorkshop;
let other: FixtureWorkshop;
let adminAccount: TestAdmin;

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock });
  shop = await createFixtureWorkshop(server.ctx, 'Atelier Awa');
  other = await createFixtureWorkshop(server.ctx, 'Atelier Voisin');
  await seedSupportWorkshop(server.ctx, shop.workshopId, new Date('2036-03-01T08:00:00Z'));
  adminAccount = await createTestAdmin(server.ctx, { role: 'support' });
});
afterAll(() => server.close());

/**
 * The admin signed in anew (a session lasts 8 hours at most and the clock moves by days here),
 * 31 seconds later: a code is accepted once, so each sign-in takes the next step's.
 */
const admin = (): Promise<AdminClient> => {
  tick(31_000);
  return signInAdmin(server.url, server.ctx, adminAccount);
};

/** An owner route with a member's token made now. */
function asMember(workshop: FixtureWorkshop, member: FixtureWorkshop['owner'], method: string) {
  return fetch(`${server.url}/api/support-access`, { method, headers: { authorization: `Bearer ${workshop.tokenFor(member)}` } });
}

async function pages(client: AdminClient, workshopId: string): Promise<number[]> {
  const base = `/api/admin/workshops/${workshopId}/support`;
  return Promise.all(['clients', 'orders', 'messages'].map(async (page) => (await client.fetch(`${base}/${page}`)).status));
}

describe('the support view’s permission', () => {
  it('is refused before the owner allows it, open for 24 hours once allowed, refused again once expired', async () => {
    let client = await admin();
    expect(await client.json(`/api/admin/workshops/${shop.workshopId}/support`)).toEqual({ grant: null });
    const refused = await client.fetch(`/api/admin/workshops/${shop.workshopId}/support/clients`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'support_not_allowed',
      message: 'Le propriétaire de l’atelier n’a pas autorisé l’assistance, ou son autorisation a expiré.',
    });
    expect(await pages(client, shop.workshopId)).toEqual([403, 403, 403]);

    expect(await (await asMember(shop, shop.owner, 'GET')).json()).toEqual({ grant: null });
    const allowed = await asMember(shop, shop.owner, 'POST');
    expect(allowed.status).toBe(200);
    const { grant } = (await allowed.json()) as { grant: { grantedAt: string; expiresAt: string } };
    expect(grant).toEqual({ grantedAt: clock.toISOString(), expiresAt: new Date(clock.getTime() + SUPPORT_GRANT_MS).toISOString() });
    expect(await (await asMember(shop, shop.owner, 'GET')).json()).toEqual({ grant });
    expect(await client.json(`/api/admin/workshops/${shop.workshopId}/support`)).toEqual({ grant });
    expect(await pages(client, shop.workshopId)).toEqual([200, 200, 200]);

    // A minute before the end it still opens; at the end it no longer does.
    tick(SUPPORT_GRANT_MS - 2 * 60_000);
    client = await admin();
    expect(clock.getTime()).toBeLessThan(Date.parse(grant.expiresAt));
    expect(await pages(client, shop.workshopId)).toEqual([200, 200, 200]);
    clock = new Date(grant.expiresAt);
    expect(await pages(client, shop.workshopId)).toEqual([403, 403, 403]);
    expect(await client.json(`/api/admin/workshops/${shop.workshopId}/support`)).toEqual({ grant: null });
    expect(await (await asMember(shop, shop.owner, 'GET')).json()).toEqual({ grant: null });
  });

  it('ends at once when the owner withdraws it; allowing again starts a new 24 hours', async () => {
    const client = await admin();
    const first = (await (await asMember(shop, shop.owner, 'POST')).json()) as { grant: { expiresAt: string } };
    expect(await pages(client, shop.workshopId)).toEqual([200, 200, 200]);

    tick(20 * 60_000);
    const renewed = (await (await asMember(shop, shop.owner, 'POST')).json()) as { grant: { grantedAt: string; expiresAt: string } };
    expect(renewed.grant.grantedAt).toBe(clock.toISOString());
    expect(Date.parse(renewed.grant.expiresAt) - Date.parse(first.grant.expiresAt)).toBe(20 * 60_000);

    const withdrawn = await asMember(shop, shop.owner, 'DELETE');
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toEqual({ grant: null });
    expect(await pages(client, shop.workshopId)).toEqual([403, 403, 403]);
    expect(await (await asMember(shop, shop.owner, 'GET')).json()).toEqual({ grant: null });
  });

  it('is the owner’s alone: staff and viewers are refused, another workshop’s owner neither sees nor withdraws it', async () => {
    const staff = await shop.addMember('staff', 'Couturière');
    const viewer = await shop.addMember('viewer', 'Apprenti');
    for (const member of [staff, viewer]) {
      for (const method of ['GET', 'POST', 'DELETE']) expect((await asMember(shop, member, method)).status).toBe(403);
    }
    const client = await admin();
    expect(await pages(client, shop.workshopId)).toEqual([403, 403, 403]);

    await asMember(shop, shop.owner, 'POST');
    expect(await (await asMember(other, other.owner, 'GET')).json()).toEqual({ grant: null });
    expect(await (await asMember(other, other.owner, 'DELETE')).json()).toEqual({ grant: null });
    // The neighbour's withdrawal touched only the neighbour's workshop.
    expect(await pages(client, shop.workshopId)).toEqual([200, 200, 200]);
    // And workshop A's permission opens nothing of workshop B.
    expect(await pages(client, other.workshopId)).toEqual([403, 403, 403]);
    await asMember(shop, shop.owner, 'DELETE');
  });

  it('never takes a workshop’s bearer token on the support view, nor an admin cookie on the owner routes', async () => {
    await asMember(shop, shop.owner, 'POST');
    const bearer = { authorization: `Bearer ${shop.tokenFor(shop.owner)}` };
    for (const page of ['', '/clients', '/orders', '/messages']) {
      expect((await fetch(`${server.url}/api/admin/workshops/${shop.workshopId}/support${page}`, { headers: bearer })).status).toBe(401);
    }
    const client = await admin();
    expect((await client.fetch('/api/support-access')).status).toBe(401);
    expect((await client.fetch('/api/support-access', { method: 'POST' })).status).toBe(401);
    await asMember(shop, shop.owner, 'DELETE');
  });

  it('writes every page opened and every refusal to the audit log, with the admin’s address', async () => {
    const before = (await supportViews(server.ctx)).length;
    const client = await admin();
    await client.fetch(`/api/admin/workshops/${shop.workshopId}/support/orders?page=2`);
    await asMember(shop, shop.owner, 'POST');
    await client.fetch(`/api/admin/workshops/${shop.workshopId}/support/clients?q=Awa`);
    await client.fetch(`/api/admin/workshops/${shop.workshopId}/support/messages`);
    await client.fetch(`/api/admin/workshops/${shop.workshopId}/support`);
    await client.fetch(`/api/admin/workshops/${other.workshopId}/support/clients`);
    const entries = (await supportViews(server.ctx)).slice(before);
    expect(entries).toEqual([
      { adminEmail: adminAccount.email, workshopId: shop.workshopId, targetType: 'workshop', targetId: shop.workshopId, detail: { page: 'orders', pageNumber: 2, refused: true } },
      { adminEmail: adminAccount.email, workshopId: shop.workshopId, targetType: 'workshop', targetId: shop.workshopId, detail: { page: 'clients', pageNumber: 1, q: 'Awa' } },
      { adminEmail: adminAccount.email, workshopId: shop.workshopId, targetType: 'workshop', targetId: shop.workshopId, detail: { page: 'messages', pageNumber: 1 } },
      { adminEmail: adminAccount.email, workshopId: other.workshopId, targetType: 'workshop', targetId: other.workshopId, detail: { page: 'clients', pageNumber: 1, refused: true } },
    ]);
    // Every page asked in this file was written (a bearer token's 401 never reached it): 7 refusals
    // in the first test, 3 in the second, 6 in the third, 2 here; and 14 pages opened.
    const all = await supportViews(server.ctx);
    expect(all.every((e) => e.adminEmail === adminAccount.email)).toBe(true);
    expect(all.filter((e) => e.detail?.refused === true)).toHaveLength(18);
    expect(all.filter((e) => e.detail?.refused !== true)).toHaveLength(14);
  });
});
