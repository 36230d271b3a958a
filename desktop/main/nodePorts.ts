/**
 * The host ports of the desktop app, over files in the user's data folder (no Electron import,
 * so that all of it runs and is tested under plain Node):
 *
 *   <dataDir>/workshops/<workshopId>.sqlite   the workshop (better-sqlite3, WAL)
 *   <dataDir>/session.bin                     the session, encrypted (safeStorage in the app)
 *   <dataDir>/photos/<sha256>                 photos, + photos/pending.json (not yet uploaded)
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openBetterSqlite } from '../sqlite/betterSqliteAdapter.js';
import { Engine, type EngineOptions } from '../../shared/engine/engine.js';
import type { HostEvent } from '../../shared/host/channels.js';
import type { HostPorts, WorkshopDatabase } from '../../shared/host/ports.js';
import { createSessionStore, type Encryptor } from './sessionStore.js';
import { createPhotoStore } from './photoStore.js';
import { createLeanFetch } from './leanFetch.js';

export type { Encryptor } from './sessionStore.js';

export interface NodePortsOptions {
  dataDir: string;
  serverUrl: string;
  /** The cloud's public address for tracking links, when it is not `serverUrl` (HostPorts.publicUrl). */
  publicUrl?: string;
  deviceName: string;
  /** Electron's `safeStorage` in the app. */
  encryptor: Encryptor;
  emit(event: HostEvent): void;
  /** Default: leanFetch (only the headers we set: bytes on mobile data). */
  fetch?: typeof fetch;
  log?: (message: string) => void;
  engine?: EngineOptions;
}

const WORKSHOP_ID = /^[0-9A-Za-z-]{1,64}$/;

export function workshopPath(dataDir: string, workshopId: string): string {
  // The id comes from the server and becomes a file name: nothing but an id gets through.
  if (!WORKSHOP_ID.test(workshopId)) throw new Error(`Identifiant d'atelier invalide : ${workshopId.slice(0, 80)}`);
  return join(dataDir, 'workshops', `${workshopId}.sqlite`);
}

export function createNodePorts(options: NodePortsOptions): HostPorts {
  const log = options.log ?? ((message: string) => console.warn(`[styliste] ${message}`));
  const session = createSessionStore(join(options.dataDir, 'session.bin'), options.encryptor, log);
  return {
    async openWorkshop(workshopId) {
      const path = workshopPath(options.dataDir, workshopId);
      await mkdir(join(options.dataDir, 'workshops'), { recursive: true });
      return openWorkshopFile(path, options.engine);
    },
    loadSession: () => session.load(),
    saveSession: (value) => session.save(value),
    photos: createPhotoStore(join(options.dataDir, 'photos'), log),
    fetch: options.fetch ?? createLeanFetch(),
    serverUrl: options.serverUrl,
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    deviceName: options.deviceName,
    emit: (event) => options.emit(event),
  };
}

async function openWorkshopFile(path: string, engineOptions: EngineOptions = {}): Promise<WorkshopDatabase> {
  const port = openBetterSqlite(path);
  let engine: Engine;
  try {
    engine = await Engine.open(port, engineOptions);
  } catch (error) {
    await port.close();
    throw error;
  }
  return {
    engine,
    async wipe() {
      // Closing twice is harmless (better-sqlite3), so a wipe after a logout's close is fine.
      await engine.close();
      await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(`${path}${suffix}`, { force: true })));
    },
  };
}
