/**
 * What a host provides to the host service: where the workshop database lives, where the session
 * is kept, where photos wait for upload. Electron implements these over files in userData (tokens
 * encrypted with safeStorage); the browser worker over OPFS.
 */
import type { Engine } from '../engine/engine.js';
import type { HostEvent } from './channels.js';
import type { SessionPayload } from './cloudContracts.js';
import type { FileKind } from '../domain/fileKinds.js';
import type { KeptCredits } from './messageCredits.js';

export interface StoredSession extends SessionPayload {
  serverUrl: string;
  deviceCode: string | null;
  /** The last message-credits balance read from the cloud, shown while offline (messageCredits.ts). */
  credits?: KeptCredits;
}

export interface WorkshopDatabase {
  engine: Engine;
  /** Close and erase this workshop's local data (access revoked). */
  wipe(): Promise<void>;
}

export interface PhotoStore {
  put(hash: string, bytes: Uint8Array, kind: FileKind): Promise<void>;
  get(hash: string): Promise<Uint8Array | null>;
  /** Photos taken here and not yet on the server. */
  pending(): Promise<{ hash: string; kind: FileKind }[]>;
  markUploaded(hash: string): Promise<void>;
}

export interface HostPorts {
  openWorkshop(workshopId: string): Promise<WorkshopDatabase>;
  loadSession(): Promise<StoredSession | null>;
  saveSession(session: StoredSession | null): Promise<void>;
  photos: PhotoStore;
  fetch: typeof fetch;
  serverUrl: string;
  /**
   * The cloud's public address (`PUBLIC_URL`: tracking links in messages) when it is not the
   * address the host syncs with; absent, the sync address is it.
   */
  publicUrl?: string;
  deviceName: string;
  emit(event: HostEvent): void;
  /** Electron: opens a page (the payment page) in the system's browser; absent in the web host, whose page opens a tab. */
  openExternal?(url: string): Promise<void>;
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
