/**
 * Photos in the data folder: `<dataDir>/files/<workshopId>/<hash>.webp` and `…-thumb.webp`.
 * Each write goes to a temporary file in the same folder, is flushed, then renamed into place,
 * so a power cut never leaves a half-written photo under its final name.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { variantName, type FileStorage, type Variant } from './storage.js';

const SAFE_SEGMENT = /^[0-9a-f-]{1,64}$/;

export class LocalFileStorage implements FileStorage {
  readonly kind = 'local' as const;
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = join(dataDir, 'files');
  }

  private folder(workshopId: string): string {
    if (!SAFE_SEGMENT.test(workshopId)) throw new Error(`invalid workshop id for storage: ${workshopId}`);
    return join(this.root, workshopId);
  }

  private path(workshopId: string, hash: string, variant: Variant): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('invalid hash for storage');
    return join(this.folder(workshopId), variantName(hash, variant));
  }

  async put(workshopId: string, hash: string, variant: Variant, data: Buffer): Promise<void> {
    const target = this.path(workshopId, hash, variant);
    await mkdir(this.folder(workshopId), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'wx', 0o640);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(workshopId: string, hash: string, variant: Variant): Promise<Buffer | null> {
    try {
      return await readFile(this.path(workshopId, hash, variant));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(workshopId: string, hash: string): Promise<void> {
    await rm(this.path(workshopId, hash, 'full'), { force: true });
    await rm(this.path(workshopId, hash, 'thumb'), { force: true });
  }
}
