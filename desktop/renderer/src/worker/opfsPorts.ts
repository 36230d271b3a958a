/**
 * HostPorts for the browser: the workshop database in OPFS (SQLite WASM, opfs-sahpool), the
 * session and the photos waiting for upload as files in OPFS. Runs inside the engine worker.
 */
import type { Sqlite3Static } from '@sqlite.org/sqlite-wasm';
import { Engine } from '../../../../shared/engine/engine.js';
import type { HostEvent } from '../../../../shared/host/channels.js';
import type { HostPorts, PhotoStore, StoredSession } from '../../../../shared/host/ports.js';
import { openOpfsDatabase } from '../../../sqlite/wasmAdapter.js';
import type { FileKind } from '../../../../shared/domain/fileKinds.js';
import { HOST_TEXTS } from '../../../../shared/host/texts.js';
import { text } from '../../../../shared/i18n/texts.js';

async function dir(path: string[]): Promise<FileSystemDirectoryHandle> {
  let handle = await navigator.storage.getDirectory();
  for (const part of path) handle = await handle.getDirectoryHandle(part, { create: true });
  return handle;
}

async function readFile(folder: string[], name: string): Promise<Uint8Array | null> {
  try {
    const file = await (await (await dir(folder)).getFileHandle(name)).getFile();
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    return null;
  }
}

/** Writes through a sync access handle (worker only): truncate, write, flush. */
async function writeFile(folder: string[], name: string, bytes: Uint8Array): Promise<void> {
  const handle = await (await dir(folder)).getFileHandle(name, { create: true });
  const access = await (handle as FileSystemFileHandle & { createSyncAccessHandle(): Promise<SyncAccess> }).createSyncAccessHandle();
  try {
    access.truncate(0);
    access.write(bytes, { at: 0 });
    access.flush();
  } finally {
    access.close();
  }
}

interface SyncAccess {
  truncate(size: number): void;
  write(data: Uint8Array, options: { at: number }): number;
  flush(): void;
  close(): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function photoStore(): PhotoStore {
  const index = async (): Promise<Record<string, FileKind>> => {
    const bytes = await readFile(['photos'], 'pending.json');
    return bytes ? (JSON.parse(decoder.decode(bytes)) as Record<string, FileKind>) : {};
  };
  return {
    async put(hash, bytes, kind) {
      await writeFile(['photos'], hash, bytes);
      const pending = await index();
      pending[hash] = kind;
      await writeFile(['photos'], 'pending.json', encoder.encode(JSON.stringify(pending)));
    },
    get: (hash) => readFile(['photos'], hash),
    async pending() {
      return Object.entries(await index()).map(([hash, kind]) => ({ hash, kind }));
    },
    async markUploaded(hash) {
      const pending = await index();
      delete pending[hash];
      await writeFile(['photos'], 'pending.json', encoder.encode(JSON.stringify(pending)));
    },
  };
}

export function opfsPorts(sqlite3: Sqlite3Static, serverUrl: string, emit: (event: HostEvent) => void): HostPorts {
  return {
    async openWorkshop(workshopId) {
      const { port, wipe } = await openOpfsDatabase(sqlite3, `workshop-${workshopId}`);
      return { engine: await Engine.open(port), wipe };
    },
    async loadSession() {
      const bytes = await readFile([], 'session.json');
      return bytes ? (JSON.parse(decoder.decode(bytes)) as StoredSession) : null;
    },
    async saveSession(session) {
      await writeFile([], 'session.json', encoder.encode(session ? JSON.stringify(session) : ''));
    },
    photos: photoStore(),
    fetch: (input, init) => fetch(input, init),
    serverUrl,
    // How the owner sees this device in the team's list: named once, in the workshop's language.
    deviceName: text(HOST_TEXTS, 'fr', navigator.userAgent.includes('Mobile') ? 'browserPhone' : 'browserComputer'),
    emit,
  };
}
