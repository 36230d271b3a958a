/**
 * "Signaler ce profil": the form, reports stored pending with the visitor's hash (and the photo's
 * item), hostile bodies refused with a 400/413 page (never a 500), 5 reports per address and
 * hour then a French 429 page, hidden or unknown profiles 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../testing/testServer.js';
import { rows } from '../../db/client.js';
import { addPortfolioPhoto, listedWorkshop, markFileReady, slugOf } from '../directoryTesting.js';
import { reportPath } from '../paths.js';
import { request, type From } from './audienceTesting.js';

let server: TestServer;
const clock = new Date('2036-09-15T11:00:00.000Z');
let shopId: string;
let slug: string;
let itemId: string;
const HASH = 'ab'.repeat(32);
let nextIp = 1;
const freshIp = () => `203.0.113.${nextIp++}`;

beforeAll(async () => {
  server = await startTestServer({}, { now: () => clock });
  const shop = await listedWorkshop(server.ctx, 'Couture Signalée');
  shopId = shop.workshopId;
  await markFileReady(server.ctx, shopId, HASH);
  itemId = await addPortfolioPhoto(server.ctx, shopId, HASH, { caption: 'Boubou' });
  slug = (await slugOf(server.ctx, shopId))!;
}, 60_000);
afterAll(async () => {
  await server?.close();
});

function post(body: string | Uint8Array<ArrayBuffer>, from: From = {}, contentType = 'application/x-www-form-urlencoded', s = slug): Promise<Response> {
  return request(server.url, reportPath(s), { ip: from.ip ?? freshIp(), ...from }, { method: 'POST', body, headers: { 'content-type': contentType } });
}

async function reports(): Promise<{ workshop_id: string; item_id: string | null; reason: string; details: string | null; visitor_hash: string; status: string }[]> {
  return server.ctx.db.system((tx) => rows(tx, sql`SELECT workshop_id, item_id, reason, details, visitor_hash, status FROM directory_reports ORDER BY created_at, id`));
}

describe('the report form', () => {
  it('is a small French page, never indexed, with its own CSP, the reasons, and the photo when one is reported', async () => {
    const reply = await request(server.url, `${reportPath(slug)}?photo=${HASH}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-robots-tag')).toBe('noindex');
    expect(reply.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await reply.text();
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('<meta name="robots" content="noindex,nofollow">');
    for (const label of ['Fausses informations', 'Photos inappropriées', 'Arnaque', 'Autre']) expect(html).toContain(label);
    expect(html).toContain(`name="photo" value="${HASH}"`);
    expect(html).toContain(`action="${reportPath(slug)}"`);
    // A photo that is not this profile's is not carried into the form.
    expect(await (await request(server.url, `${reportPath(slug)}?photo=${'cd'.repeat(32)}`)).text()).not.toContain('name="photo"');
    expect((await request(server.url, reportPath('inconnu-nulle-part'))).status).toBe(404);
  });
});

describe('POST /s/<slug>/signaler', () => {
  it('stores a pending report with the visitor’s hash, never the address, and thanks the visitor', async () => {
    const reply = await post('reason=scam&details=Il+demande+un+paiement+%C3%A0+l%E2%80%99avance', { ip: '198.51.100.77' });
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('Merci pour votre signalement');
    const photo = await post(`reason=inappropriate_photos&details=&photo=${HASH}`);
    expect(photo.status).toBe(200);
    const stored = await reports();
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({ workshop_id: shopId, item_id: null, reason: 'scam', details: 'Il demande un paiement à l’avance', status: 'pending' });
    expect(stored[0]!.visitor_hash).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(stored)).not.toContain('198.51.100.77');
    expect(stored[1]).toMatchObject({ item_id: itemId, reason: 'inappropriate_photos', details: null });
  });

  it('refuses hostile or malformed bodies with a 400 or 413 page, never a 500, and stores nothing', async () => {
    const before = (await reports()).length;
    const cases: [string, string | Uint8Array<ArrayBuffer>, number, string?][] = [
      ['NUL', 'reason=other&details=a%00b', 400],
      ['lone surrogate', 'reason=other&details=a%ED%A0%80b', 400],
      ['broken escape', 'reason=other&details=%E0%A4', 400],
      ['bare percent', 'reason=other&details=100%', 400],
      ['raw invalid UTF-8', new Uint8Array([0x72, 0x65, 0x61, 0x73, 0x6f, 0x6e, 0x3d, 0xff, 0xfe]), 400],
      ['repeated field', 'reason=other&reason=scam', 400],
      ['unknown reason', 'reason=spam', 400],
      ['no reason', 'details=bonjour', 400],
      ['unknown field', 'reason=other&admin=1', 400],
      ['details too long', `reason=other&details=${'a'.repeat(1001)}`, 400],
      ['not this profile’s photo', `reason=other&photo=${'cd'.repeat(32)}`, 400],
      ['bad photo hash', 'reason=other&photo=..%2F..%2Fetc', 400],
      ['over 8 KB', `reason=other&details=${'a'.repeat(9000)}`, 413],
      ['1 MB', `reason=other&details=${'a'.repeat(1024 * 1024)}`, 413],
      ['JSON', '{"reason":"other"}', 400, 'application/json'],
      ['plain text', 'reason=other', 400, 'text/plain'],
    ];
    for (const [name, body, status, type] of cases) {
      const reply = await post(body, {}, type);
      expect(reply.status, name).toBe(status);
      expect(reply.headers.get('content-type'), name).toContain('text/html');
      expect(await reply.text(), name).toContain('<html lang="fr"');
    }
    expect(await reports()).toHaveLength(before);
  });

  it('takes 5 reports per address and hour, then a French 429 page with Retry-After', async () => {
    const ip = '192.0.2.200';
    for (let i = 0; i < 5; i += 1) expect((await post('reason=other', { ip })).status).toBe(200);
    const refused = await post('reason=other', { ip });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Trop de signalements');
    // Another address is not held back.
    expect((await post('reason=other', { ip: '192.0.2.201' })).status).toBe(200);
  });

  it('a hidden or unknown profile answers 404 and stores nothing', async () => {
    const hidden = await listedWorkshop(server.ctx, 'Couture Masquée');
    const hiddenSlug = (await slugOf(server.ctx, hidden.workshopId))!;
    await server.ctx.db.system((tx) => tx.execute(sql`UPDATE directory_listings SET hidden_at = now() WHERE workshop_id = ${hidden.workshopId}`));
    expect((await post('reason=other', {}, undefined, hiddenSlug)).status).toBe(404);
    expect((await post('reason=other', {}, undefined, 'inconnu-nulle-part')).status).toBe(404);
    expect((await reports()).filter((r) => r.workshop_id === hidden.workshopId)).toEqual([]);
  });
});
