/**
 * Photos on disk by content hash (`<folder>/<hash>`), with a small JSON index of those taken here
 * and not yet uploaded (and their kind). Every file is written atomically; the index is updated
 * one change at a time so that two photos taken together are both remembered.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { PhotoStore } from '../../shared/host/ports.js';
import { FILE_KINDS, type FileKind } from '../../shared/domain/fileKinds.js';
import { isMissing, removeStaleTemps, writeFileAtomic } from './atomicFile.js';


const HASH = /^[0-9a-f]{64}$/;
const INDEX_FILE = 'pending.json';
const indexSchema = z.object({
  format: z.literal(1),
  pending: z.record(z.string().regex(HASH), z.enum(FILE_KINDS)),
});

function checkHash(hash: string): string {
  // The hash becomes a file name: never let anything else (../, separators) through.
  if (!HASH.test(hash)) throw new Error(`Empreinte de photo invalide : ${hash.slice(0, 80)}`);
  return hash;
}

export function createPhotoStore(folder: string, log: (message: string) => void): PhotoStore {
  const indexPath = join(folder, INDEX_FILE);
  let ready: Promise<void> | null = null;
  const prepare = () =>
    (ready ??= (async () => {
      await mkdir(folder, { recursive: true });
      await removeStaleTemps(indexPath);
    })());

  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const readIndex = async (): Promise<Record<string, FileKind>> => {
    let text: string;
    try {
      text = await readFile(indexPath, 'utf8');
    } catch (error) {
      if (isMissing(error)) return {};
      throw error;
    }
    try {
      return indexSchema.parse(JSON.parse(text)).pending;
    } catch {
      log('Liste des photos à envoyer illisible : elle est recommencée.');
      return {};
    }
  };
  const writeIndex = (pending: Record<string, FileKind>) => writeFileAtomic(indexPath, JSON.stringify({ format: 1, pending }), 0o644);

  return {
    async put(hash, bytes, kind) {
      const path = join(folder, checkHash(hash));
      await prepare();
      const exists = await stat(path).then((s) => s.size === bytes.length, () => false);
      if (!exists) await writeFileAtomic(path, bytes, 0o644);
      await serial(async () => {
        const pending = await readIndex();
        if (pending[hash] === kind) return;
        await writeIndex({ ...pending, [hash]: kind });
      });
    },
    async get(hash) {
      if (!HASH.test(hash)) return null;
      try {
        return new Uint8Array(await readFile(join(folder, hash)));
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
    async pending() {
      await prepare();
      const pending = await serial(readIndex);
      return Object.entries(pending).map(([hash, kind]) => ({ hash, kind }));
    },
    async markUploaded(hash) {
      if (!HASH.test(hash)) return;
      await prepare();
      await serial(async () => {
        const pending = await readIndex();
        if (!(hash in pending)) return;
        delete pending[hash];
        await writeIndex(pending);
      });
    },
  };
}
