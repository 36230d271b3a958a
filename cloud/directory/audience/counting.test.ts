/**
 * Views and taps counted without cookies: one per visitor (salted hash of address and browser),
 * day and kind, even under parallel requests; robots, previews and prefetches never; the next day
 * counts again with a new salt and the old one is gone; hidden, suspended or unknown profiles
 * count nothing; the WhatsApp redirect's exact target; the call ping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { listedWorkshop, setSubscription, slugOf, writeProfile } from '../directoryTesting.js';
import { callPingPath, viewBeaconPath, whatsappPath } from '../paths.js';
import { OTHER_UA, PHONE_UA, request, storedSalts, storedStats, type From } from './audienceTesting.js';
import { TRANSPARENT_GIF } from './countingRoutes.js';
import { AudienceCounter } from './counter.js';
import type { Request } from 'express';

let server: TestServer;
// The hub's clock, ahead of any real one (the hub refuses device clocks far from its own).
let clock = new Date('2036-06-10T12:00:00.000Z');
let shopId: string;
let slug: string;

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock });
  const shop = await listedWorkshop(server.ctx, 'Couture Audience', { whatsapp: '+2290197000202' });
  shopId = shop.workshopId;
  slug = (await slugOf(server.ctx, shopId))!;
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const view = (from: From = {}, s = slug) => request(server.url, viewBeaconPath(s), from);
const today = () => storedStats(server.ctx, shopId).then((all) => all.find((d) => d.day === clock.toISOString().slice(0, 10)));

describe('the view beacon', () => {
  it('is a 1×1 transparent GIF that is never cached, and counts one view per visitor and day even with 20 parallel requests', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => view()));
    for (const reply of replies) {
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('image/gif');
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(Buffer.from(await reply.arrayBuffer())).toEqual(TRANSPARENT_GIF);
    }
    expect((await today())?.views).toBe(1);
    await view();
    expect((await today())?.views).toBe(1);
  });

  it('another browser or another address is another visitor', async () => {
    await view({ ua: OTHER_UA });
    expect((await today())?.views).toBe(2);
    await Promise.all([view({ ip: '203.0.113.9' }), view({ ip: '203.0.113.9' })]);
    expect((await today())?.views).toBe(3);
  });

  it('never counts robots, link previews, scripts, an empty User-Agent or a prefetch', async () => {
    const robots = [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'WhatsApp/2.23.20.0 A',
      'curl/8.5.0',
      'Wget/1.21',
      'python-requests/2.31.0',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      '',
    ];
    for (const [i, ua] of robots.entries()) {
      const reply = await view({ ua, ip: `192.0.2.${i + 1}` });
      expect(reply.status).toBe(200);
    }
    await view({ ip: '192.0.2.50', headers: { purpose: 'prefetch' } });
    await view({ ip: '192.0.2.51', headers: { 'sec-purpose': 'prefetch;prerender' } });
    const head = await fetch(`${server.url}${viewBeaconPath(slug)}`, { method: 'HEAD', headers: { 'user-agent': PHONE_UA, 'x-forwarded-for': '192.0.2.52' } });
    expect(head.status).toBe(200);
    expect((await today())?.views).toBe(3);
  });

  it('an unknown slug, a hidden profile or a suspended workshop still gets the GIF and nothing is counted', async () => {
    const other = await listedWorkshop(server.ctx, 'Couture Cachée');
    const otherSlug = (await slugOf(server.ctx, other.workshopId))!;
    await server.ctx.db.system((tx) => tx.execute(sql`UPDATE directory_listings SET hidden_at = now(), hidden_reason = 'test' WHERE workshop_id = ${other.workshopId}`));
    const suspended = await listedWorkshop(server.ctx, 'Couture Suspendue');
    const suspendedSlug = (await slugOf(server.ctx, suspended.workshopId))!;
    await setSubscription(server.ctx, suspended.workshopId, 'suspended');
    const unpublished = await listedWorkshop(server.ctx, 'Couture Brouillon');
    const unpublishedSlug = (await slugOf(server.ctx, unpublished.workshopId))!;
    await writeProfile(server.ctx, unpublished.workshopId, { name: 'Couture Brouillon', published: false });
    for (const s of ['inconnu-nulle-part', otherSlug, suspendedSlug, unpublishedSlug, 'PAS%20UN%20SLUG']) {
      const reply = await view({}, s);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toBe('image/gif');
    }
    for (const id of [other.workshopId, suspended.workshopId, unpublished.workshopId]) expect(await storedStats(server.ctx, id)).toEqual([]);
  });
});

describe('the WhatsApp button', () => {
  it('redirects to wa.me with the number’s digits and the French message naming the workshop, counted once a day', async () => {
    const replies = await Promise.all(Array.from({ length: 5 }, () => request(server.url, whatsappPath(slug))));
    const text = 'Bonjour, je vous ai trouvé sur Styliste. J’aimerais avoir des renseignements sur l’atelier Couture Audience.';
    for (const reply of replies) {
      expect(reply.status).toBe(302);
      expect(reply.headers.get('location')).toBe(`https://wa.me/2290197000202?text=${encodeURIComponent(text)}`);
      expect(reply.headers.get('cache-control')).toBe('no-store');
      expect(reply.headers.get('x-robots-tag')).toBe('noindex');
    }
    expect(new URL(replies[0]!.headers.get('location')!).searchParams.get('text')).toBe(text);
    expect((await today())?.whatsappTaps).toBe(1);
  });

  it('answers a 404 page without a WhatsApp number, for an unknown profile, and counts nothing', async () => {
    const quiet = await listedWorkshop(server.ctx, 'Couture Sans WhatsApp', { whatsapp: null });
    const quietSlug = (await slugOf(server.ctx, quiet.workshopId))!;
    for (const s of [quietSlug, 'inconnu-nulle-part']) {
      const reply = await request(server.url, whatsappPath(s));
      expect(reply.status).toBe(404);
      expect(reply.headers.get('content-type')).toContain('text/html');
      expect(reply.headers.get('x-robots-tag')).toBe('noindex');
      expect(await reply.text()).toContain('<html lang="fr"');
    }
    expect(await storedStats(server.ctx, quiet.workshopId)).toEqual([]);
  });
});

describe('a renamed workshop', () => {
  it('its old slug’s WhatsApp route redirects (301) to the new slug’s, which counts', async () => {
    const renamed = await listedWorkshop(server.ctx, 'Couture Ancienne');
    const oldSlug = (await slugOf(server.ctx, renamed.workshopId))!;
    await writeProfile(server.ctx, renamed.workshopId, { name: 'Couture Nouvelle' });
    const newSlug = (await slugOf(server.ctx, renamed.workshopId))!;
    expect(newSlug).not.toBe(oldSlug);
    const moved = await request(server.url, whatsappPath(oldSlug));
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(whatsappPath(newSlug));
    expect(await storedStats(server.ctx, renamed.workshopId)).toEqual([]);
    expect((await request(server.url, whatsappPath(newSlug))).status).toBe(302);
    expect((await storedStats(server.ctx, renamed.workshopId))[0]?.whatsappTaps).toBe(1);
  });
});

describe('the call ping', () => {
  it('counts a call tap from the ping a tel: link sends, once a day, and answers 204', async () => {
    const ping = (from: From = {}) => request(server.url, callPingPath(slug), from, { method: 'POST', body: 'PING', headers: { 'content-type': 'text/ping', 'ping-to': 'tel:+2290197000202' } });
    const replies = await Promise.all(Array.from({ length: 10 }, () => ping()));
    for (const reply of replies) expect(reply.status).toBe(204);
    expect((await today())?.callTaps).toBe(1);
    await ping({ ua: 'curl/8.5.0' });
    expect((await request(server.url, callPingPath('inconnu-nulle-part'), {}, { method: 'POST', body: 'PING', headers: { 'content-type': 'text/ping' } })).status).toBe(204);
    expect((await today())?.callTaps).toBe(1);
  });
});

describe('the profile page', () => {
  it('links to the counting routes: the beacon, the WhatsApp button, the call ping and the report form', async () => {
    const reply = await request(server.url, `/s/${slug}`);
    expect(reply.status).toBe(200);
    const html = await reply.text();
    expect(html).toContain(`src="${viewBeaconPath(slug)}"`);
    expect(html).toContain(`href="${whatsappPath(slug)}"`);
    expect(html).toContain(`ping="${callPingPath(slug)}"`);
    expect(html).toContain(`href="/s/${slug}/signaler"`);
  });
});

describe('days', () => {
  it('counts on the workshop’s local day', async () => {
    const far = await listedWorkshop(server.ctx, 'Couture Kiritimati');
    await server.ctx.db.system((tx) => tx.execute(sql`UPDATE workshop SET timezone = 'Pacific/Kiritimati' WHERE workshop_id = ${far.workshopId}`));
    await view({}, (await slugOf(server.ctx, far.workshopId))!);
    // 12:00 UTC is already the next day at UTC+14.
    expect(await storedStats(server.ctx, far.workshopId)).toEqual([{ day: '2036-06-11', views: 1, whatsappTaps: 0, callTaps: 0 }]);
  });

  it('the next day the same visitor counts again, with a new salt, and the old salt is gone', async () => {
    const before = await storedSalts(server.ctx);
    expect(before.map((s) => s.day)).toEqual(['2036-06-10']);
    clock = new Date('2036-06-11T09:30:00.000Z');
    await Promise.all(Array.from({ length: 10 }, () => view()));
    const after = await storedSalts(server.ctx);
    expect(after.map((s) => s.day)).toEqual(['2036-06-11']);
    expect(after[0]!.salt).not.toBe(before[0]!.salt);
    const stats = await storedStats(server.ctx, shopId);
    expect(stats.map((d) => [d.day, d.views])).toEqual([
      ['2036-06-10', 3],
      ['2036-06-11', 1],
    ]);
    // Instances starting a day together agree on its one salt: the same visitor hashes the same on each.
    clock = new Date('2036-06-12T08:00:00.000Z');
    const req = { ip: '198.51.100.7', get: (name: string) => (name.toLowerCase() === 'user-agent' ? PHONE_UA : undefined) } as unknown as Request;
    const instances = Array.from({ length: 8 }, () => new AudienceCounter(server.ctx));
    const hashes = await Promise.all(instances.flatMap((instance) => [instance.visitor(req), instance.visitor(req)]));
    expect(new Set(hashes.map((h) => h.hash)).size).toBe(1);
    expect((await storedSalts(server.ctx)).map((s) => s.day)).toEqual(['2036-06-12']);
    // The visitors of the day before yesterday are deleted with the salt of a new day.
    clock = new Date('2036-06-13T09:30:00.000Z');
    await view();
    const kept = await server.ctx.db.system((tx) => tx.execute(sql`SELECT DISTINCT day::text AS day FROM directory_visitors ORDER BY day`));
    const days = (Array.isArray(kept) ? kept : (kept as unknown as { rows: { day: string }[] }).rows).map((r: { day: string }) => r.day);
    expect(days.every((d: string) => d >= '2036-06-12')).toBe(true);
  });
});
