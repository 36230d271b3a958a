/**
 * The BUILT desktop bundle (npm run build:desktop), started under Node with a stand-in for the
 * 'electron' module (its binary is not downloaded here): it loads, with its externals
 * (better-sqlite3) and bundled dependencies resolving, opens a hardened window on the file://
 * app, and answers IPC calls.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesktop } from '../build.js';
import { tempDir } from '../sqlite/testing.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let dir: ReturnType<typeof tempDir>;
let buildDir: string;
let built: { main: string; preload: string };

beforeAll(async () => {
  dir = tempDir('styliste-bundle-');
  // Inside the project, so that the external better-sqlite3 resolves from node_modules as in the app.
  mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
  buildDir = mkdtempSync(join(root, 'node_modules', '.cache', 'styliste-bundle-test-'));
  built = await buildDesktop(buildDir);
});
afterAll(() => {
  dir.cleanup();
  rmSync(buildDir, { recursive: true, force: true });
});

describe('the desktop bundle', () => {
  it('builds an ES module main and a CommonJS preload that exposes only the bridge', () => {
    const preload = readFileSync(built.preload, 'utf8');
    expect(preload).toContain('require("electron")');
    // One global, the typed API built over ipcRenderer; never ipcRenderer itself.
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain('exposeInMainWorld(BRIDGE_KEY, createHostApi(import_electron.ipcRenderer))');
    expect(readFileSync(built.main, 'utf8')).toMatch(/from "electron"/);
  });

  it('starts, opens a hardened window on the file:// app and answers IPC calls', () => {
    const userData = join(dir.dir, 'userData');
    const run = spawnSync(process.execPath, [fileURLToPath(new URL('./bundleSmoke.fixture.mjs', import.meta.url)), built.main], {
      env: { ...process.env, STUB_APP_PATH: root, STUB_USER_DATA: userData, STUB_PACKAGED: '1', VITE_DEV_SERVER_URL: 'http://evil.example/' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
    const appUrl = pathToFileURL(join(root, 'out', 'web', 'index.html')).href;
    expect(result).toMatchObject({
      handlers: ['styliste:invoke'],
      loaded: appUrl, // a packaged app ignores VITE_DEV_SERVER_URL
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false, preload: join(root, 'out', 'desktop', 'preload', 'index.cjs') },
      menu: ['Fichier', 'Édition', 'Affichage', 'Aide'],
      sessionGet: { ok: true, value: null },
      foreign: { ok: false, error: { code: 'forbidden' } },
      notSignedIn: { ok: false, error: { code: 'not_signed_in' } },
      csp: { responseHeaders: { 'Content-Security-Policy': [expect.stringContaining("default-src 'self'")] } },
      geolocationAllowed: false,
    });
    // The stub's safeStorage has no real encryption: it says so, and writes no session.
    expect(run.stderr).toMatch(/en mémoire/);
  });
});
