/**
 * The desktop host and messages, end to end under Node: a real HostService over the desktop's
 * ports (workshop on a SQLite file, the session encrypted on disk, leanFetch) against a real
 * cloud. The engine writes tracking links with the cloud's address; the credits balance comes
 * from the cloud, and offline, after a restart too, the last balance read is shown with its time.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../cloud/testing/testServer.js';
import { HostService } from '../../shared/host/hostService.js';
import type { CreditsView, HostEvent } from '../../shared/host/channels.js';
import { TRIAL_CREDITS } from '../../shared/messaging/messageOptions.js';
import { tempDir } from '../sqlite/testing.js';
import { createNodePorts } from './nodePorts.js';
import { createLeanFetch } from './leanFetch.js';
import { aesEncryptor } from './testing.js';

const dir = tempDir('styliste-messages-host-');
const key = aesEncryptor();
const lean = createLeanFetch();
let server: TestServer;
/** What the network does: pass, drop (no connection), or a failing cloud behind a proxy. */
let network: 'up' | 'down' | 'broken' | 'strange' = 'up';

const netFetch: typeof fetch = async (input, init) => {
  if (network === 'down') throw new TypeError('fetch failed');
  if (network === 'broken') return new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
  // Something between answering 200 with JSON that is no balance (a portal, an old server).
  if (network === 'strange') return Response.json({ balance: '50', entries: [{ kind: 'grant', amount: 1e400 }] });
  return lean(input, init);
};

function host(dataDir: string, extra: { publicUrl?: string } = {}): { service: HostService; events: HostEvent[] } {
  const events: HostEvent[] = [];
  mkdirSync(dataDir, { recursive: true }); // Electron's userData always exists
  const ports = createNodePorts({ dataDir, serverUrl: server.url, deviceName: 'PC de l’atelier', encryptor: key, emit: (e) => events.push(e), fetch: netFetch, ...extra });
  return { service: new HostService(ports), events };
}

const execute = (service: HostService, name: string, input: unknown) => service.handle('engine.execute', { name, input }) as Promise<Record<string, unknown>>;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: join(dir.dir, 'cloud') });
}, 60_000);

afterAll(async () => {
  lean.close();
  await server?.close();
  dir.cleanup();
});

describe('messages through the desktop host', () => {
  const shopDir = join(dir.dir, 'shop');
  let first: HostService;
  let live: CreditsView;

  it('signs up; the engine writes the tracking link with the cloud the host syncs with', async () => {
    first = host(shopDir).service;
    await first.init();
    await first.handle('session.signup', { workshopName: 'Atelier Lien', ownerName: 'Afiavi Kpadonou', phone: '01 97 31 00 01', password: 'un-mot-de-passe-2026' });
    const { id: clientId } = await execute(first, 'createClient', { name: 'Aïcha Dossou', phone: '01 97 31 00 02' });
    const { id: orderId } = await execute(first, 'createOrder', { clientId, price: 20_000 });
    const sent = await execute(first, 'sendMessage', { clientId, orderId, channel: 'sms', body: 'Suivez votre commande : {lien}' });
    expect(sent.body).toMatch(new RegExp(`^Suivez votre commande : ${server.url.replace(/[.:/]/g, '\\$&')}/t/[A-Za-z0-9_-]{16,}$`));
    const link = (await first.handle('engine.query', { name: 'orderTrackingLink', args: { orderId } })) as { link: string; trackingToken: string };
    expect(link.link).toBe(`${server.url}/t/${link.trackingToken}`);
  });

  it('shows the trial credits from the cloud, then offline the last balance with the time it was read', async () => {
    live = await first.handle('messages.credits', {});
    expect(live).toMatchObject({ balance: TRIAL_CREDITS, live: true, entries: [{ kind: 'grant', amount: TRIAL_CREDITS }] });
    expect(Date.now() - Date.parse(live.checkedAt!)).toBeLessThan(10_000);

    network = 'down';
    expect(await first.handle('messages.credits', {})).toEqual({ balance: TRIAL_CREDITS, entries: [], checkedAt: live.checkedAt, live: false });
    // A cloud answering garbage (a captive portal, a proxy's error page) is not a balance either.
    network = 'broken';
    expect(await first.handle('messages.credits', {})).toEqual({ balance: TRIAL_CREDITS, entries: [], checkedAt: live.checkedAt, live: false });
    network = 'strange';
    expect(await first.handle('messages.credits', {})).toEqual({ balance: TRIAL_CREDITS, entries: [], checkedAt: live.checkedAt, live: false });
    network = 'up';
    // Payloads are checked like any channel's.
    await expect(first.handle('messages.credits', { workshopId: 'another' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('after a restart in a power cut: the balance kept with the encrypted session, and its date', async () => {
    network = 'down';
    const { service } = host(shopDir);
    await service.init();
    expect(await service.handle('messages.credits', {})).toEqual({ balance: TRIAL_CREDITS, entries: [], checkedAt: live.checkedAt, live: false });
    network = 'up';
    expect(await service.handle('messages.credits', {})).toMatchObject({ balance: TRIAL_CREDITS, live: true });
    await service.handle('session.logout', {});
  });

  it('a signed-out host refuses', async () => {
    const { service } = host(join(dir.dir, 'signed-out'));
    await service.init();
    await expect(service.handle('messages.credits', {})).rejects.toMatchObject({ code: 'not_signed_in' });
  });

  it('a public address set by the host wins over the sync address', async () => {
    const { service } = host(join(dir.dir, 'public'), { publicUrl: 'https://suivi.styliste.bj/' });
    await service.init();
    await service.handle('session.signup', { workshopName: 'Atelier Public', ownerName: 'Codjo Ahouandjinou', phone: '01 97 31 00 03', password: 'un-mot-de-passe-2026' });
    const { id: clientId } = await execute(service, 'createClient', { name: 'Rissikatou Bello', phone: '01 97 31 00 04' });
    const { id: orderId } = await execute(service, 'createOrder', { clientId, price: 9_000 });
    const sent = await execute(service, 'sendMessage', { clientId, orderId, channel: 'sms', body: '{lien}' });
    expect(sent.body).toMatch(/^https:\/\/suivi\.styliste\.bj\/t\/[A-Za-z0-9_-]{16,}$/);
    // Never read yet, and offline: the host says it does not know (no balance, no date).
    network = 'down';
    expect(await service.handle('messages.credits', {})).toEqual({ balance: null, entries: [], checkedAt: null, live: false });
    // Never read yet, and an answer that is no balance: said, not shown as one.
    network = 'strange';
    await expect(service.handle('messages.credits', {})).rejects.toMatchObject({ code: 'bad_response', message: 'Réponse du serveur illisible.' });
    network = 'up';
    // Each workshop sees its own credits.
    expect(await service.handle('messages.credits', {})).toMatchObject({ balance: TRIAL_CREDITS, live: true, entries: [{ kind: 'grant' }] });
    await service.handle('session.logout', {});
  });
});
