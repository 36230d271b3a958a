import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../sqlite/testing.js';
import { sha256Hex, type HostPorts } from '../../shared/host/ports.js';
import { createNodePorts, type Encryptor } from './nodePorts.js';
import { tempPathFor } from './atomicFile.js';
import { aesEncryptor, unavailableEncryptor } from './testing.js';
import { sampleSession } from './sessionSample.fixture.js';

let dir: ReturnType<typeof tempDir>;
let logs: string[];

beforeEach(() => {
  dir = tempDir('styliste-ports-');
  logs = [];
});
afterEach(() => dir.cleanup());

function ports(encryptor: Encryptor): HostPorts {
  return createNodePorts({
    dataDir: dir.dir,
    serverUrl: 'http://127.0.0.1:9',
    deviceName: 'PC de l’atelier',
    encryptor,
    emit: () => undefined,
    log: (message) => logs.push(message),
  });
}

const sessionFile = () => join(dir.dir, 'session.bin');

describe('session', () => {
  it('is encrypted at rest and decrypts back after a restart', async () => {
    const key = randomBytes(32);
    const session = sampleSession();
    await ports(aesEncryptor(key)).saveSession(session);

    const raw = readFileSync(sessionFile());
    for (const secret of [session.refreshToken, session.accessToken, session.user.phone, 'refreshToken']) {
      expect(raw.includes(Buffer.from(secret))).toBe(false);
    }
    // A new process (new ports) with the same system key reads it back.
    expect(await ports(aesEncryptor(key)).loadSession()).toEqual(session);
    // Another key (another user, a reinstalled system): signed out, said in the log, no crash.
    expect(await ports(aesEncryptor(randomBytes(32))).loadSession()).toBeNull();
    expect(logs.join('\n')).toMatch(/illisible/);
  });

  it('keeps the old session when a write was cut in the middle (power cut)', async () => {
    const key = randomBytes(32);
    const old = sampleSession();
    await ports(aesEncryptor(key)).saveSession(old);
    // What a crash leaves: the new version half-written to its temporary file, never renamed.
    const next = aesEncryptor(key).encryptString(JSON.stringify({ format: 1, session: { ...old, refreshToken: 'new-token' } }));
    const temp = tempPathFor(sessionFile());
    writeFileSync(temp, next.subarray(0, next.length >> 1));

    expect(await ports(aesEncryptor(key)).loadSession()).toEqual(old);
    expect(existsSync(temp)).toBe(false); // the debris is cleaned up at start
  });

  it('is always a whole session when the writing process is killed at any moment', async () => {
    const key = randomBytes(32);
    const fixture = fileURLToPath(new URL('./sessionWriter.fixture.ts', import.meta.url));
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', fixture, dir.dir, key.toString('hex')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let errors = '';
      let killed = false;
      const timer = setTimeout(() => reject(new Error(`writer never saved: ${errors}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        if (!killed && /SAVED (\d+)/.test(chunk.toString())) {
          killed = true;
          setTimeout(() => child.kill('SIGKILL'), 37);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
      child.on('exit', (_code, signal) => {
        clearTimeout(timer);
        if (signal === 'SIGKILL') resolve();
        else reject(new Error(`writer ended by itself: ${errors}`));
      });
    });
    const loaded = await ports(aesEncryptor(key)).loadSession();
    expect(loaded?.refreshToken).toMatch(/^refresh-\d+$/);
    expect(readdirSync(dir.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('stays in memory only, never on disk, when the system cannot encrypt', async () => {
    const p = ports(unavailableEncryptor());
    await p.saveSession(sampleSession());
    expect(existsSync(sessionFile())).toBe(false);
    expect(readdirSync(dir.dir)).toEqual([]);
    expect(await p.loadSession()).toEqual(sampleSession()); // this run still has it
    expect(await ports(unavailableEncryptor()).loadSession()).toBeNull(); // a restart does not
    expect(logs.join('\n')).toMatch(/en mémoire/);
  });

  it('is erased from disk at logout', async () => {
    const p = ports(aesEncryptor());
    await p.saveSession(sampleSession());
    expect(existsSync(sessionFile())).toBe(true);
    await p.saveSession(null);
    expect(existsSync(sessionFile())).toBe(false);
    expect(await p.loadSession()).toBeNull();
  });
});

describe('photos', () => {
  it('keeps photos by hash and the list of those still to upload, across restarts', async () => {
    const p = ports(aesEncryptor());
    const fabric = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
    const model = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 4, 5]);
    const [h1, h2] = await Promise.all([sha256Hex(fabric), sha256Hex(model)]);
    await Promise.all([p.photos.put(h1, fabric, 'fabric'), p.photos.put(h2, model, 'model')]);

    expect(await p.photos.get(h1)).toEqual(fabric);
    expect(readFileSync(join(dir.dir, 'photos', h2))).toEqual(Buffer.from(model));
    expect(await p.photos.get('0'.repeat(64))).toBeNull();
    expect(await p.photos.get('../session.bin')).toBeNull();
    await expect(p.photos.put('../../evil', fabric, 'fabric')).rejects.toThrow(/invalide/);

    const again = ports(aesEncryptor());
    expect((await again.photos.pending()).sort((a, b) => a.hash.localeCompare(b.hash))).toEqual(
      [
        { hash: h1, kind: 'fabric' },
        { hash: h2, kind: 'model' },
      ].sort((a, b) => a.hash.localeCompare(b.hash)),
    );
    await again.photos.markUploaded(h1);
    expect(await ports(aesEncryptor()).photos.pending()).toEqual([{ hash: h2, kind: 'model' }]);
    expect(await again.photos.get(h1)).toEqual(fabric); // uploaded photos stay as a local cache
  });
});

describe('workshop database', () => {
  it('opens the workshop in its own SQLite file and wipes it (with -wal and -shm)', async () => {
    const p = ports(aesEncryptor());
    const workshopId = '01970000-0000-7000-8000-0000000000aa';
    const db = await p.openWorkshop(workshopId);
    await db.engine.execute('setupWorkshop', { name: 'Atelier Chez Aïcha', ownerName: 'Aïcha Dossou', phone: '+229 01 97 00 00 00', city: 'Cotonou' });
    const { id } = await db.engine.execute('createClient', { name: 'Afi Mensah' });
    expect((await db.engine.query('clientCard', { id })).client.name).toBe('Afi Mensah');

    const folder = join(dir.dir, 'workshops');
    expect(readdirSync(folder)).toContain(`${workshopId}.sqlite`);
    expect(readdirSync(folder).some((name) => name.endsWith('-wal'))).toBe(true);

    await db.wipe();
    expect(readdirSync(folder)).toEqual([]);
    await db.wipe(); // twice is harmless
    await expect(p.openWorkshop('../../etc/passwd')).rejects.toThrow(/invalide/);
  });
});
