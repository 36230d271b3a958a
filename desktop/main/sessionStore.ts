/**
 * The signed-in session (with its refresh token) kept on disk ENCRYPTED by the operating system:
 * Electron's safeStorage in the app (DPAPI on Windows, the keyring on Linux, the Keychain on
 * macOS). Without encryption the session stays in memory only: a token is never written in
 * clear text, at the price of signing in again after a restart.
 */
import { readFile, rm } from 'node:fs/promises';
import { z } from 'zod';
import type { StoredSession } from '../../shared/host/ports.js';
import { isMissing, removeStaleTemps, writeFileAtomic } from './atomicFile.js';

/** Exactly the shape of Electron's `safeStorage`, so the app passes it as is. */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const storedSession = z.looseObject({
  accessToken: z.string(),
  refreshToken: z.string(),
  user: z.looseObject({ id: z.string(), name: z.string(), phone: z.string(), email: z.string().nullish().transform((e) => e ?? null) }),
  workshop: z.looseObject({ id: z.string(), name: z.string() }),
  member: z.looseObject({ id: z.string(), role: z.enum(['owner', 'staff', 'viewer']) }),
  serverUrl: z.string(),
  deviceCode: z.string().nullable(),
});

const FORMAT = 1;
const envelope = z.object({ format: z.literal(FORMAT), session: storedSession });

export interface SessionStore {
  load(): Promise<StoredSession | null>;
  save(session: StoredSession | null): Promise<void>;
}

export function createSessionStore(path: string, encryptor: Encryptor, log: (message: string) => void): SessionStore {
  let memory: StoredSession | null = null;
  let warned = false;
  // One write at a time, in call order: the last saved session is the one on disk.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const available = (): boolean => {
    let ok = false;
    try {
      ok = encryptor.isEncryptionAvailable();
    } catch {
      ok = false;
    }
    if (!ok && !warned) {
      warned = true;
      log('Chiffrement du système indisponible : la session reste en mémoire et ne sera pas enregistrée sur le disque (reconnexion nécessaire au prochain démarrage).');
    }
    return ok;
  };

  return {
    load: () =>
      serial(async () => {
        if (memory) return memory;
        await removeStaleTemps(path);
        if (!available()) return null;
        let bytes: Buffer;
        try {
          bytes = await readFile(path);
        } catch (error) {
          if (isMissing(error)) return null;
          throw error;
        }
        try {
          const parsed = envelope.safeParse(JSON.parse(encryptor.decryptString(bytes)));
          if (!parsed.success) throw new Error('format');
          memory = parsed.data.session;
          return memory;
        } catch {
          // Another user's key, a reinstalled system or a damaged file: start signed out.
          log('Session enregistrée illisible (clé de chiffrement changée ou fichier endommagé) : reconnexion nécessaire.');
          return null;
        }
      }),
    save: (session) =>
      serial(async () => {
        memory = session;
        if (!session || !available()) {
          await rm(path, { force: true });
          return;
        }
        const encrypted = encryptor.encryptString(JSON.stringify({ format: FORMAT, session }));
        await writeFileAtomic(path, encrypted);
      }),
  };
}
