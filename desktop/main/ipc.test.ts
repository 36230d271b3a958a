/**
 * The IPC bridge end to end under Node: the preload's API (createHostApi) → the main side's one
 * handler (registerIpc) → a REAL HostService over REAL node ports (SQLite file, encrypted session)
 * → a REAL cloud on 127.0.0.1. Only Electron's ipcMain/ipcRenderer pair is stood in for, by a small
 * recorder with the same surface.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../cloud/testing/testServer.js';
import { tempDir } from '../sqlite/testing.js';
import { HostService } from '../../shared/host/hostService.js';
import { engineClient, type HostApi, type HostEvent, type SessionInfo } from '../../shared/host/channels.js';
import { createNodePorts } from './nodePorts.js';
import { registerIpc, EVENT_CHANNEL, INVOKE_CHANNEL, type IpcBridge, type IpcMainLike, type InvokeEventLike, type IpcReply } from './ipc.js';
import { createHostApi, type IpcRendererLike } from '../preload/bridge.js';
import { isAppUrl, appEntryUrl, type AppLocation } from './origins.js';
import { aesEncryptor } from './testing.js';

type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;
type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** Electron's ipcMain surface: records `handle` registrations so the test can call them. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** A call as it arrives from a frame at `url`, structured-cloned like Electron does. */
  async call(url: string | null, ...args: unknown[]): Promise<IpcReply> {
    const handler = this.handlers.get(INVOKE_CHANNEL);
    if (!handler) throw new Error('No handler registered');
    return structuredClone((await handler({ senderFrame: url === null ? null : { url } }, ...structuredClone(args))) as IpcReply);
  }
}

/** The window's webContents and its renderer's ipcRenderer, wired to the fake ipcMain. */
class FakeWindow implements IpcRendererLike {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  private readonly listeners = new Map<string, Set<RendererListener>>();
  constructor(
    private readonly main: FakeIpcMain,
    readonly url: string,
  ) {}
  // webContents side
  send(channel: string, ...args: unknown[]): void {
    const cloned = structuredClone(args);
    this.sent.push({ channel, args: cloned });
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, ...cloned);
  }
  isDestroyed(): boolean {
    return false;
  }
  // ipcRenderer side
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    if (channel !== INVOKE_CHANNEL) throw new Error(`No handler for ${channel}`);
    return this.main.call(this.url, ...args);
  }
  on(channel: string, listener: RendererListener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: RendererListener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
}

async function until<T>(what: () => T | undefined | null | false, label: string, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = what();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const location: AppLocation = { webDir: '/opt/Styliste/resources/app.asar/out/web' };
const APP_URL = `${appEntryUrl(location)}#/clients`;

let server: TestServer;
let dir: ReturnType<typeof tempDir>;
let main: FakeIpcMain;
let window: FakeWindow;
let bridge: IpcBridge;
let api: HostApi;
const received: HostEvent[] = [];
const key = aesEncryptor();

beforeAll(async () => {
  server = await startTestServer();
  dir = tempDir('styliste-ipc-');
  main = new FakeIpcMain();
  window = new FakeWindow(main, APP_URL);
  const ports = createNodePorts({
    dataDir: dir.dir,
    serverUrl: server.url,
    deviceName: 'PC de l’atelier',
    encryptor: key,
    emit: (event) => bridge.emit(event),
    log: () => undefined,
  });
  const service = new HostService(ports);
  await service.init();
  bridge = registerIpc(main, service, () => window, { isAllowedSender: (url) => isAppUrl(location, url), log: () => undefined });
  api = createHostApi(window);
  api.subscribe((event) => received.push(event));
});

afterAll(async () => {
  await api?.invoke('session.logout').catch(() => undefined);
  bridge?.dispose();
  await server?.close();
  dir?.cleanup();
});

describe('the desktop IPC bridge', () => {
  let session: SessionInfo;

  it('signs up through the one IPC handler, then the engine works', async () => {
    expect([...main.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    expect(await api.invoke('session.get')).toBeNull();

    session = await api.invoke('session.signup', {
      workshopName: 'Atelier Grâce Couture',
      ownerName: 'Grâce Houngbédji',
      phone: '01 97 11 22 33',
      password: 'motdepasse-solide',
    });
    expect(session).toMatchObject({ serverUrl: server.url, workshop: { name: 'Atelier Grâce Couture' }, member: { role: 'owner' }, deviceCode: 'A' });

    const engine = engineClient(api);
    const { id } = await engine.execute('createClient', { name: 'Afi Mensah', phone: '01 97 55 66 77' });
    const found = await engine.query('searchClients', { query: 'afi' });
    expect(found).toEqual([expect.objectContaining({ id, name: 'Afi Mensah', phone: '+2290197556677' })]);
    expect((await engine.query('clientCard', { id })).client.name).toBe('Afi Mensah');

    // The session is on disk, encrypted: the refresh token is not readable in it.
    const stored = readFileSync(join(dir.dir, 'session.bin'));
    const { session: saved } = JSON.parse(key.decryptString(stored)) as { session: { refreshToken: string; accessToken: string } };
    expect(saved.refreshToken.length).toBeGreaterThan(10);
    for (const secret of [saved.refreshToken, saved.accessToken, session.user.id]) expect(stored.includes(Buffer.from(secret))).toBe(false);
    expect(existsSync(join(dir.dir, 'workshops', `${session.workshop.id}.sqlite`))).toBe(true);
  });

  it('answers a bad payload with invalid_input, in French, as data', async () => {
    const reply = await main.call(APP_URL, { channel: 'engine.execute', payload: { name: 42 } });
    expect(reply).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/^Requête invalide/) } });
    const noEnvelope = await main.call(APP_URL, 'engine.execute');
    expect(noEnvelope).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    // Through the preload, the error is rethrown as a plain {code, message}, not an Error.
    const thrown = await api.invoke('team.remove', { memberId: 'pas-un-uuid' }).catch((error: unknown) => error);
    expect(thrown).not.toBeInstanceOf(Error);
    expect(thrown).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Requête invalide/) });
  });

  it('refuses an unknown channel', async () => {
    expect(await main.call(APP_URL, { channel: 'fs.readFile', payload: { path: '/etc/passwd' } })).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: 'Canal inconnu : fs.readFile' },
    });
    expect(await main.call(APP_URL, { channel: 'toString' })).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it("returns the engine's French error with the field at fault", async () => {
    const reply = await main.call(APP_URL, { channel: 'engine.execute', payload: { name: 'createClient', input: { name: '  ' } } });
    expect(reply).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Le nom du client est obligatoire'), field: 'name' } });
    const thrown = await engineClient(api)
      .execute('createClient', { name: 'Kossi', phone: '12' })
      .catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'invalid_input', field: 'phone' });
  });

  it('refuses calls from any page other than the app', async () => {
    for (const url of ['https://evil.example/', 'file:///tmp/evil.html', 'file:///opt/Styliste/resources/app.asar/out/web-evil/index.html', '', null]) {
      expect(await main.call(url, { channel: 'session.get' })).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    }
    const foreign = createHostApi(new FakeWindow(main, 'https://evil.example/'));
    await expect(foreign.invoke('engine.query', { name: 'searchClients', args: {} })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('forwards the host events to the window', async () => {
    const before = received.length;
    await engineClient(api).execute('createClient', { name: 'Rodrigue Agossou' });
    await until(() => received.slice(before).some((e) => e.type === 'changed'), 'a changed event');
    // The background sync pushes the change and says so.
    await until(
      () => received.some((e) => e.type === 'sync' && e.state.status === 'idle' && (e.state.lastReport?.pushed ?? 0) > 0),
      'an idle sync event after a push',
    );
    expect(window.sent.every((message) => message.channel === EVENT_CHANNEL)).toBe(true);
    expect(window.sent.length).toBe(received.length);
  });

  it('logs out: the session leaves the disk', async () => {
    expect(await api.invoke('session.logout')).toBeNull();
    expect(existsSync(join(dir.dir, 'session.bin'))).toBe(false);
    expect(await api.invoke('session.get')).toBeNull();
    await expect(engineClient(api).query('searchClients', {})).rejects.toMatchObject({ code: 'not_signed_in' });
  });
});
