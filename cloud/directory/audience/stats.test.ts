/**
 * GET /api/directory/stats: the owner's views and taps per local day, exactly `days` days ending
 * today in the workshop's zone, zeros filled; owner only; another workshop's counts never seen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { listedWorkshop, slugOf } from '../directoryTesting.js';
import type { FixtureWorkshop } from '../../testing/fixtures.js';
import { callPingPath, viewBeaconPath, whatsappPath } from '../paths.js';
import { OTHER_UA, request } from './audienceTesting.js';

let server: TestServer;
let clock = new Date('2036-03-01T10:00:00.000Z');
let shop: FixtureWorkshop;
let other: FixtureWorkshop;

async function stats(token: string | undefined, query = ''): Promise<{ status: number; body: any; headers: Headers }> {
  const reply = await fetch(`${server.url}/api/directory/stats${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: reply.status, body: await reply.json(), headers: reply.headers };
}

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock });
  shop = await listedWorkshop(server.ctx, 'Couture Chiffres');
  other = await listedWorkshop(server.ctx, 'Couture Voisine');
  const slug = (await slugOf(server.ctx, shop.workshopId))!;
  const otherSlug = (await slugOf(server.ctx, other.workshopId))!;
  // 2036-02-28: two views, a WhatsApp tap; 2036-03-01 (today): one view and a call.
  clock = new Date('2036-02-28T09:00:00.000Z');
  await request(server.url, viewBeaconPath(slug));
  await request(server.url, viewBeaconPath(slug), { ua: OTHER_UA });
  await request(server.url, whatsappPath(slug));
  clock = new Date('2036-03-01T10:00:00.000Z');
  await request(server.url, viewBeaconPath(slug));
  await request(server.url, callPingPath(slug), {}, { method: 'POST', body: 'PING', headers: { 'content-type': 'text/ping' } });
  for (let i = 0; i < 7; i += 1) await request(server.url, viewBeaconPath(otherSlug), { ip: `198.51.100.${i + 20}` });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('GET /api/directory/stats', () => {
  it('gives the owner 30 days by default, oldest first, ending today, zeros filled, with totals', async () => {
    const reply = await stats(shop.owner.token);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toContain('no-store');
    const days = reply.body.days as { day: string; views: number; whatsappTaps: number; callTaps: number }[];
    expect(days).toHaveLength(30);
    expect(days[0]!.day).toBe('2036-02-01');
    expect(days.at(-1)).toEqual({ day: '2036-03-01', views: 1, whatsappTaps: 0, callTaps: 1 });
    // 2036 is a leap year: 29 February exists and had no visit.
    expect(days.at(-2)).toEqual({ day: '2036-02-29', views: 0, whatsappTaps: 0, callTaps: 0 });
    expect(days.at(-3)).toEqual({ day: '2036-02-28', views: 2, whatsappTaps: 1, callTaps: 0 });
    expect(days.filter((d) => d.views + d.whatsappTaps + d.callTaps > 0)).toHaveLength(2);
    expect(reply.body.totals).toEqual({ views: 3, whatsappTaps: 1, callTaps: 1 });
  });

  it('is documented in the OpenAPI document, owner only, with its answer’s schema', async () => {
    type Operation = { parameters: { name: string }[]; responses: Record<string, unknown> };
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, { get?: Operation }> };
    const operation = doc.paths['/directory/stats']?.get;
    expect(operation).toBeDefined();
    expect(operation!.parameters.map((p) => p.name)).toContain('days');
    const schema = JSON.stringify(operation!.responses['200']);
    for (const field of ['views', 'whatsappTaps', 'callTaps', 'totals']) expect(schema).toContain(field);
  });

  it('takes 1 to 90 days', async () => {
    const one = await stats(shop.owner.token, '?days=1');
    expect(one.body).toEqual({ days: [{ day: '2036-03-01', views: 1, whatsappTaps: 0, callTaps: 1 }], totals: { views: 1, whatsappTaps: 0, callTaps: 1 } });
    const ninety = await stats(shop.owner.token, '?days=90');
    expect(ninety.body.days).toHaveLength(90);
    expect(ninety.body.days[0].day).toBe('2035-12-03');
    for (const bad of ['?days=0', '?days=91', '?days=abc', '?days=1.5', '?days=-3', '?days=1&days=2', '?days=%00']) {
      const reply = await stats(shop.owner.token, bad);
      expect(reply.status, bad).toBe(400);
      // A French sentence naming the parameter.
      expect(reply.body.error.message, bad).toMatch(bad.includes('%00') ? /« days »/ : /^Jours : Nombre de jours invalide \(de 1 à 90\)/);
    }
  });

  it('is the owner’s only: staff and viewers 403, no token 401', async () => {
    const staff = await shop.addMember('staff');
    const viewer = await shop.addMember('viewer');
    expect((await stats(staff.token)).status).toBe(403);
    expect((await stats(viewer.token)).status).toBe(403);
    expect((await stats(undefined)).status).toBe(401);
    expect((await stats('not-a-token')).status).toBe(401);
  });

  it('never shows another workshop’s counts', async () => {
    const mine = await stats(shop.owner.token);
    const theirs = await stats(other.owner.token);
    expect(mine.body.totals.views).toBe(3);
    expect(theirs.body.totals).toEqual({ views: 7, whatsappTaps: 0, callTaps: 0 });
    const fresh = await listedWorkshop(server.ctx, 'Couture Neuve');
    const none = await stats(fresh.owner.token, '?days=7');
    expect(none.body.totals).toEqual({ views: 0, whatsappTaps: 0, callTaps: 0 });
    expect(none.body.days).toHaveLength(7);
  });
});
