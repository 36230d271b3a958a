/**
 * The tracking link's page through real HTTP, with orders written by a real device (an engine on a
 * SQLite file, syncing with the hub): what it shows and what it never shows, its headers, its
 * size, revocation by a second sync, two workshops side by side (and a forged copy of a token),
 * hostile paths, the rate limit against guessing, the logs, and a database that stops answering.
 */
import { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { createFixtureWorkshop, type FixtureWorkshop } from '../testing/fixtures.js';
import { openTestDevice, type TestDevice } from '../testing/devices.js';
import { clientRow, orderRow, paymentRow, RawDevice } from '../testing/rawSync.js';
import { tempDir } from '../../desktop/sqlite/testing.js';
import { newTrackingToken } from '../../shared/messaging/trackingToken.js';
import { newId } from '../../shared/domain/ids.js';
import { TRACKING_LIMITS } from './limits.js';
import { expectPageHeaders, getPage, NNBSP, rawGetPage } from './trackingTesting.js';

let server: TestServer;
const logLines: string[] = [];
const dir = tempDir('styliste-tracking-');
let shopA: FixtureWorkshop;
let shopB: FixtureWorkshop;
let deviceA: TestDevice;
let deviceB: TestDevice;
let orderA: { id: string; token: string; paymentId: string };
let orderB: { id: string; token: string };

const get = (path: string, from?: string, headers?: Record<string, string>) => getPage(server.url, path, from, headers);
const rawGet = (path: string, from?: string) => rawGetPage(server.url, path, from);

const tokenOf = async (device: TestDevice, orderId: string) => (await device.engine.query('orderTrackingLink', { orderId })).trackingToken!;

beforeAll(async () => {
  const capture = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(chunk.toString()), done()) });
  server = await startTestServer({}, { logger: pino({ level: 'info' }, capture) });
  shopA = await createFixtureWorkshop(server.ctx, 'Atelier Couture Élégance');
  shopB = await createFixtureWorkshop(server.ctx, 'Bénin Mode Akpakpa');

  deviceA = await openTestDevice(`${dir.dir}/a.sqlite`, server.url, () => shopA.owner.token);
  await deviceA.join(shopA.owner.memberId, 'A');
  await deviceA.engine.execute('updateSettings', { city: 'Cotonou' });
  const aicha = await deviceA.engine.execute('createClient', { name: 'Aïcha Dossou', phone: '01 97 50 00 01', notes: 'Mariage de sa sœur en janvier' });
  const created = await deviceA.engine.execute('createOrder', {
    clientId: aicha.id,
    price: 45_000,
    deposit: { amount: 13_000 },
    promisedDate: '2030-12-10',
    description: 'Robe en pagne wax, col bateau',
    internalNote: 'Cliente exigeante',
  });
  const payment = await deviceA.engine.execute('recordPayment', { orderId: created.id, amount: 7_000, method: 'mobile_money' });
  await deviceA.engine.execute('changeOrderStatus', { id: created.id, status: 'in_progress' });
  await deviceA.client.sync();
  orderA = { id: created.id, token: await tokenOf(deviceA, created.id), paymentId: payment.id };

  deviceB = await openTestDevice(`${dir.dir}/b.sqlite`, server.url, () => shopB.owner.token);
  await deviceB.join(shopB.owner.memberId, 'A');
  await deviceB.engine.execute('updateSettings', { city: 'Porto-Novo' });
  const koffi = await deviceB.engine.execute('createClient', { name: 'Koffi Mensah', phone: '01 97 50 00 02' });
  const other = await deviceB.engine.execute('createOrder', { clientId: koffi.id, price: 10_000, promisedDate: '2030-06-01' });
  await deviceB.client.sync();
  orderB = { id: other.id, token: await tokenOf(deviceB, other.id) };
});

afterAll(async () => {
  // The last test closed the database already.
  await server?.close().catch(() => undefined);
  dir.cleanup();
});

describe('the page of an order', () => {
  it('shows the number, status, promised date, balance and the workshop’s contact, in French', async () => {
    const page = await get(`/t/${orderA.token}`);
    expect(page.status).toBe(200);
    expectPageHeaders(page);
    expect(page.headers.get('content-language')).toBe('fr');
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('<h1>Commande A-1</h1>');
    expect(page.body).toContain('<p class="badge in_progress">En cours</p>');
    expect(page.body).toContain('Votre tenue est en cours de confection.');
    expect(page.body).toContain('<dt>Date promise</dt><dd>mardi 10 décembre 2030</dd>');
    // 45 000 − 13 000 (deposit) − 7 000 (mobile money) = 25 000.
    expect(page.body).toContain(`<dt>Reste à payer</dt><dd>25${NNBSP}000 FCFA</dd>`);
    expect(page.body).toContain('Atelier Couture Élégance');
    expect(page.body).toContain('Cotonou');
    const phone = (await deviceA.engine.query('settings'))!.phone as string;
    expect(phone).toMatch(/^\+229\d{10}$/);
    expect(page.body).toContain(`<a class="call" href="tel:${phone}">Appeler le +229\u00a0${phone.slice(4, 6)}\u00a0${phone.slice(6, 8)}\u00a0`);
  });

  it('shows nothing else about the client or the order: no name, phone, notes, description, price or payments', async () => {
    const page = await get(`/t/${orderA.token}`);
    for (const secret of ['Aïcha', 'Dossou', 'Aicha', '97 50 00 01', '0197500001', '2290197500001', 'Mariage', 'sœur', 'pagne', 'bateau', 'exigeante', `45${NNBSP}000`, `13${NNBSP}000`, `7${NNBSP}000`, 'mobile', orderA.id, shopA.workshopId]) {
      expect(page.body, secret).not.toContain(secret);
    }
  });

  it('is far under 15 KB, even with the longest names a workshop can have', async () => {
    const page = await get(`/t/${orderA.token}`);
    const raw = Buffer.byteLength(page.body);
    const gzip = gzipSync(page.body).length;
    expect(raw).toBeLessThan(15 * 1024);
    // Longest values: a 120-character workshop name, an 80-character city (accented, hard to compress).
    const letters = 'ÉÈÊËÀÂÎÏÔÙÛÇŒàâçéèêëîïôùûœ';
    const longText = (n: number) => Array.from({ length: n }, (_, i) => letters[(i * 7 + i * i) % letters.length]).join('');
    await deviceA.engine.execute('updateSettings', { name: longText(120), city: longText(80) });
    await deviceA.client.sync();
    const longest = await get(`/t/${orderA.token}`);
    const longRaw = Buffer.byteLength(longest.body);
    expect(longRaw).toBeLessThan(15 * 1024);
    console.log(`tracking page: ${raw} bytes (${gzip} gzip); with the longest names ${longRaw} bytes (${gzipSync(longest.body).length} gzip)`);
    // Sent compressed to a browser that accepts it.
    const compressed = await fetch(`${server.url}/t/${orderA.token}`, { headers: { 'accept-encoding': 'gzip', 'x-forwarded-for': '203.0.113.1' } });
    expect(compressed.headers.get('content-encoding')).toBe('gzip');
    await compressed.text();
    await deviceA.engine.execute('updateSettings', { name: 'Atelier Couture Élégance', city: 'Cotonou' });
    await deviceA.client.sync();
  });

  it('follows the order: a reversed payment, "Prête", fully paid, "Livrée" with the day it was handed over', async () => {
    await deviceA.engine.execute('reversePayment', { paymentId: orderA.paymentId });
    await deviceA.engine.execute('changeOrderStatus', { id: orderA.id, status: 'ready' });
    await deviceA.client.sync();
    const ready = await get(`/t/${orderA.token}`);
    expect(ready.body).toContain('<p class="badge ready">Prête</p>');
    expect(ready.body).toContain('Votre tenue est prête : vous pouvez venir la récupérer.');
    expect(ready.body).toContain(`<dd>32${NNBSP}000 FCFA</dd>`);

    await deviceA.engine.execute('recordPayment', { orderId: orderA.id, amount: 32_000 });
    await deviceA.engine.execute('changeOrderStatus', { id: orderA.id, status: 'delivered' });
    await deviceA.client.sync();
    const delivered = await get(`/t/${orderA.token}`);
    expect(delivered.status).toBe(200);
    expect(delivered.body).toContain('<p class="badge delivered">Livrée</p>');
    expect(delivered.body).toContain('<dt>Paiement</dt><dd>Tout est payé.</dd>');
    const { closedAt } = (await deviceA.engine.query('orderDetail', { id: orderA.id })) as { closedAt: string };
    const day = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Africa/Porto-Novo' })
      .format(new Date(closedAt))
      .replace(/^(\S+) 1 /, '$1 1er ');
    expect(delivered.body).toContain(`<dt>Remise le</dt><dd>${day}</dd>`);
    expect(delivered.body).not.toContain('Date promise');

    // Paid more than the price (the last payment recorded on two devices offline): said plainly.
    const second = new RawDevice(server.url, shopA.owner.token);
    await second.sync();
    expect((await second.sync([second.mutation('payments', newId(), paymentRow(orderA.id, 2_500))])).rejected).toEqual([]);
    expect((await get(`/t/${orderA.token}`)).body).toContain(`<dd>Vous avez payé 2${NNBSP}500 FCFA de plus : voyez l’atelier.</dd>`);
  });

  it('answers in English to a browser that asks for it first, HEAD without a body', async () => {
    const english = await get(`/t/${orderA.token}`, '203.0.113.1', { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' });
    expect(english.body).toContain('<h1>Order A-1</h1>');
    expect(english.body).toContain('<p class="badge delivered">Delivered</p>');
    const head = await fetch(`${server.url}/t/${orderA.token}`, { method: 'HEAD', headers: { 'x-forwarded-for': '203.0.113.1' } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('links that must not work', () => {
  const notFound = async (path: string) => {
    const answer = await get(path, '203.0.113.2');
    expect(answer.status, path).toBe(404);
    expectPageHeaders(answer);
    expect(answer.body).toContain('<h1>Lien de suivi introuvable</h1>');
    return answer;
  };

  it('an unknown token, or a real one in the wrong case: 404 with the small French page', async () => {
    const page = await notFound(`/t/${newTrackingToken()}`);
    expect(Buffer.byteLength(page.body)).toBeLessThan(3 * 1024);
    const swapped = [...orderB.token].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
    if (swapped !== orderB.token) await notFound(`/t/${swapped}`);
  });

  it('a revoked link stops at once; its new link works', async () => {
    const before = await get(`/t/${orderB.token}`);
    expect(before.status).toBe(200);
    const revoked = await deviceB.engine.execute('revokeTrackingLink', { orderId: orderB.id });
    expect(revoked.trackingToken).not.toBe(orderB.token);
    await deviceB.client.sync();
    await notFound(`/t/${orderB.token}`);
    const after = await get(`/t/${revoked.trackingToken}`);
    expect(after.status).toBe(200);
    expect(after.body).toContain('Bénin Mode Akpakpa');
    orderB.token = revoked.trackingToken;
  });

  it('a cancelled order and a deleted order answer 404', async () => {
    const { id: clientId } = await deviceB.engine.execute('createClient', { name: 'Sènami Houngbo' });
    const cancelled = await deviceB.engine.execute('createOrder', { clientId, price: 5_000, promisedDate: '2030-06-01' });
    const deleted = await deviceB.engine.execute('createOrder', { clientId, price: 6_000, promisedDate: '2030-06-01' });
    await deviceB.client.sync();
    const cancelledToken = await tokenOf(deviceB, cancelled.id);
    const deletedToken = await tokenOf(deviceB, deleted.id);
    expect((await get(`/t/${cancelledToken}`)).status).toBe(200);
    expect((await get(`/t/${deletedToken}`)).status).toBe(200);
    await deviceB.engine.execute('changeOrderStatus', { id: cancelled.id, status: 'cancelled' });
    await deviceB.engine.execute('deleteOrder', { id: deleted.id });
    await deviceB.client.sync();
    await notFound(`/t/${cancelledToken}`);
    await notFound(`/t/${deletedToken}`);
  });

  it('malformed tokens and hostile paths: 4xx, never a 5xx, nothing shown', async () => {
    const t = orderB.token;
    const paths = [
      `/t/${t.slice(0, 15)}`,
      `/t/${t}x`,
      `/t/${t.slice(0, 8)}%00${t.slice(8, 15)}`,
      `/t/${t}%00`,
      `/t/${t.slice(0, 13)}%ED%A0%80`,
      `/t/${t.slice(0, 14)}%C3%A9`,
      '/t/%FF%FE',
      '/t/..%2F..%2F..%2Fetc%2Fpasswd',
      `/t/${t}%2F..`,
      `/t/${'A'.repeat(10_000)}`,
      `/t/${t}/extra`,
      "/t/'%20OR%201=1--",
      '/t/',
      '/t',
      `/t/${t.slice(0, 15)}%20`,
    ];
    for (const path of paths) {
      const answer = await get(path, '203.0.113.3');
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.body, path).not.toContain('Bénin Mode');
    }
    for (const path of ['/t/../../etc/passwd', `/t/${t}/../${t}`, `/t/./${t.slice(1)}`, '/t/%2e%2e/%2e%2e/etc/passwd']) {
      const answer = await rawGet(path, '203.0.113.3');
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.body, path).not.toContain('Bénin Mode');
    }
    // The paths that reach the page (not refused earlier as unstorable text) get its 404 page.
    await notFound(`/t/${'A'.repeat(10_000)}`);
    await notFound('/t/..%2F..%2F..%2Fetc%2Fpasswd');
    await notFound(`/t/${t}/extra`);
    await notFound('/t/');
  });
});

describe('two workshops', () => {
  it('each token shows its own workshop’s order only', async () => {
    const a = await get(`/t/${orderA.token}`);
    const b = await get(`/t/${orderB.token}`);
    expect(b.body).toContain('Bénin Mode Akpakpa');
    expect(b.body).toContain('Porto-Novo');
    expect(b.body).toContain('<dt>Reste à payer</dt><dd>10\u202f000 FCFA</dd>');
    expect(b.body).toContain('samedi 1er juin 2030');
    for (const other of ['Atelier Couture Élégance', 'Cotonou', 'Livrée']) expect(b.body).not.toContain(other);
    for (const other of ['Bénin Mode', 'Porto-Novo', 'juin']) expect(a.body).not.toContain(other);
  });

  it('a token copied onto another workshop’s order (a forged push) shows neither order, until the copy goes', async () => {
    const forger = new RawDevice(server.url, shopB.owner.token);
    await forger.sync();
    const forgedId = newId();
    const clientId = newId();
    const forged = await forger.sync([
      forger.mutation('clients', clientId, clientRow('Complice')),
      forger.mutation('orders', forgedId, { ...orderRow(clientId, 'Z-1', 99_000), trackingToken: orderA.token }),
    ]);
    expect(forged.rejected).toEqual([]);
    const page = await get(`/t/${orderA.token}`, '203.0.113.4');
    expect(page.status).toBe(404);
    for (const shown of ['Bénin Mode', 'Porto-Novo', 'Z-1', 'Couture Élégance', 'A-1']) expect(page.body).not.toContain(shown);
    await forger.sync([forger.mutation('orders', forgedId, { deletedAt: new Date().toISOString() })]);
    const back = await get(`/t/${orderA.token}`, '203.0.113.4');
    expect(back.status).toBe(200);
    expect(back.body).toContain('Atelier Couture Élégance');
    expect(back.body).not.toContain('Bénin Mode');
  });
});

describe('the limit against guessing', () => {
  it(`the ${TRACKING_LIMITS.perAddress + 1}st guess in the window gets 429 with Retry-After; then even a real token gets nothing`, async () => {
    const guesser = '198.51.100.7';
    for (let i = 0; i < TRACKING_LIMITS.perAddress; i++) expect((await get(`/t/${newTrackingToken()}`, guesser)).status).toBe(404);
    const refused = await get(`/t/${newTrackingToken()}`, guesser);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(TRACKING_LIMITS.windowMs / 1000);
    expectPageHeaders(refused);
    expect(refused.body).toContain('<h1>Trop de tentatives</h1>');
    expect(refused.body).toMatch(/Réessayez dans \d+ minutes?\./);

    const real = await get(`/t/${orderB.token}`, guesser);
    expect(real.status).toBe(429);
    expect(real.body).not.toContain('Bénin Mode');
    // Another address is not affected.
    expect((await get(`/t/${orderB.token}`, '198.51.100.8')).status).toBe(200);
  });

  it('parallel guesses cannot slip past the limit; an IPv6 client is counted by its /64', async () => {
    const guesses = await Promise.all(Array.from({ length: TRACKING_LIMITS.perAddress + 10 }, (_, i) => get(`/t/${newTrackingToken()}`, `2001:db8:7:1::${(i + 1).toString(16)}`)));
    const statuses = guesses.map((g) => g.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(TRACKING_LIMITS.perAddress);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    expect((await get(`/t/${orderB.token}`, '2001:db8:7:2::1')).status).toBe(200);
  });

  it('a client who opens a real link many times is never limited (found pages give their lookup back)', async () => {
    for (let i = 0; i < TRACKING_LIMITS.perAddress + 5; i++) expect((await get(`/t/${orderB.token}`, '198.51.100.9')).status).toBe(200);
    expect((await get(`/t/${newTrackingToken()}`, '198.51.100.9')).status).toBe(404);
  });
});

describe('the logs', () => {
  it('never hold a tracking token', () => {
    expect(logLines.some((line) => line.includes('"url":"/t/…"'))).toBe(true);
    const leaks = logLines.filter((line) => [orderA.token, orderB.token].some((token) => line.includes(token)));
    expect(leaks.map((line) => line.slice(0, 300))).toEqual([]);
  });
});

describe('a database that stops answering', () => {
  it('answers 503 with the French page and Retry-After, never a 500 (the last test: it closes the database)', async () => {
    await server.ctx.db.close();
    const answer = await get(`/t/${orderB.token}`, '203.0.113.5');
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('60');
    expectPageHeaders(answer);
    expect(answer.body).toContain('<h1>Suivi momentanément indisponible</h1>');
  });
});
