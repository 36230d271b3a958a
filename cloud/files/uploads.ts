/**
 * Resumable, idempotent uploads by content hash. The bytes received so far wait in
 * `<dataDir>/uploads/<workshopId>/<hash>.part`; the `files` row says how many count. A chunk
 * must start at or before `received` (a chunk sent twice after a lost answer is accepted
 * again); once the last byte is in, the whole is checked against its SHA-256, decoded and
 * re-encoded, both variants are stored and the row becomes ready. Work on one photo is
 * serialised in this process; the database transactions stay short (no transaction is held
 * while bytes travel or while sharp works, which matters on PGlite's single connection).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { CloudContext } from '../context.js';
import type { Locale } from '../../shared/i18n/index.js';
import { filesError } from './texts.js';
import { NotAnImageError, processImage } from './images.js';
import { advanceFile, dropUpload, findFile, markReady, resizeFile, staleUploads, startFile, type FileKind, type FileRecord } from './records.js';
import type { ChunkRange } from './requestBody.js';
import type { FileStorage } from './storage.js';

export const MAX_FILE_BYTES = 15 * 1024 * 1024;
export const MAX_CHUNK_BYTES = 1024 * 1024;

export interface ChunkResult {
  /** True when this request completed the photo. */
  completed: boolean;
  record: FileRecord;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export class Uploads {
  private readonly locks = new Map<string, Promise<void>>();

  constructor(
    private readonly ctx: Pick<CloudContext, 'config' | 'db' | 'logger'>,
    readonly storage: FileStorage,
  ) {}

  partPath(workshopId: string, hash: string): string {
    return join(this.ctx.config.dataDir, 'uploads', workshopId, `${hash}.part`);
  }

  /** Runs `work` alone for this photo of this workshop. */
  private async exclusive<T>(workshopId: string, hash: string, work: () => Promise<T>): Promise<T> {
    const key = `${workshopId}/${hash}`;
    const previous = this.locks.get(key) ?? Promise.resolve();
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.locks.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.locks.get(key) === tail) this.locks.delete(key);
    }
  }

  /** The row as the device should see it: `received` never more than the bytes really kept. */
  async status(workshopId: string, hash: string, record: FileRecord): Promise<FileRecord> {
    if (record.state === 'ready') return record;
    const kept = await sizeOf(this.partPath(workshopId, hash));
    return { ...record, received: Math.min(record.received, kept) };
  }

  async receive(workshopId: string, hash: string, kind: FileKind, range: ChunkRange, body: Buffer, locale: Locale): Promise<ChunkResult> {
    return this.exclusive(workshopId, hash, async () => {
      const db = this.ctx.db;
      let record = await db.withWorkshop(workshopId, async (tx) => {
        const found = await startFile(tx, workshopId, hash, kind, range.total);
        if (found.state === 'uploading' && found.size !== range.total && found.received === 0) {
          await resizeFile(tx, workshopId, hash, range.total);
          return { ...found, size: range.total };
        }
        return found;
      });
      if (record.state === 'ready') return { completed: false, record };
      if (record.size !== range.total) throw filesError('size_mismatch', locale, { received: record.received, size: record.size });

      // The part file is the truth about bytes kept; the row may be ahead of it (lost file) or
      // behind it (stopped between writing and recording): keep what both agree on.
      const part = this.partPath(workshopId, hash);
      const kept = await sizeOf(part);
      const received = Math.min(record.received, kept);
      if (kept > received) await truncate(part, received);
      if (received !== record.received) {
        const from = record.received;
        await db.withWorkshop(workshopId, (tx) => advanceFile(tx, workshopId, hash, from, received));
        record = { ...record, received };
      }
      if (range.start > received) throw filesError('range_mismatch', locale, { received, size: record.size });

      const end = range.end + 1;
      if (end > received) {
        await mkdir(join(this.ctx.config.dataDir, 'uploads', workshopId), { recursive: true });
        const handle = await open(part, 'a', 0o640);
        try {
          await handle.write(body.subarray(received - range.start));
          await handle.datasync();
        } finally {
          await handle.close();
        }
        const moved = await db.withWorkshop(workshopId, (tx) => advanceFile(tx, workshopId, hash, received, end));
        if (!moved) {
          await truncate(part, received);
          throw filesError('range_mismatch', locale, { received, size: record.size });
        }
        record = { ...record, received: end };
      }
      if (record.received < record.size) return { completed: false, record };
      return { completed: true, record: await this.finish(workshopId, hash, locale) };
    });
  }

  /** All bytes are in: check, convert, store, mark ready. Bad input leaves nothing behind. */
  private async finish(workshopId: string, hash: string, locale: Locale): Promise<FileRecord> {
    const part = this.partPath(workshopId, hash);
    const discard = async () => {
      await rm(part, { force: true });
      await this.ctx.db.withWorkshop(workshopId, (tx) => dropUpload(tx, workshopId, hash));
    };
    if ((await sha256Of(part)) !== hash) {
      await discard();
      throw filesError('hash_mismatch', locale);
    }
    let image;
    try {
      image = await processImage(await readFile(part));
    } catch (error) {
      if (!(error instanceof NotAnImageError)) throw error;
      this.ctx.logger.info({ workshopId, hash, reason: error.message }, 'upload refused: not an image');
      await discard();
      throw filesError('not_an_image', locale);
    }
    await this.storage.put(workshopId, hash, 'thumb', image.thumb.data);
    await this.storage.put(workshopId, hash, 'full', image.full.data);
    const record = await this.ctx.db.withWorkshop(workshopId, (tx) => markReady(tx, workshopId, hash, image.full.width, image.full.height));
    await rm(part, { force: true });
    return record;
  }

  /** Reads the record of a photo, for the workshop's own members (RLS). */
  find(workshopId: string, hash: string): Promise<FileRecord | null> {
    return this.ctx.db.withWorkshop(workshopId, (tx) => findFile(tx, workshopId, hash));
  }

  /** Forgets uploads started before `before` and never finished (for a scheduled job). */
  async purgeStale(before: Date): Promise<number> {
    const stale = await this.ctx.db.system((tx) => staleUploads(tx, before));
    for (const { workshopId, hash } of stale) {
      await this.exclusive(workshopId, hash, async () => {
        await this.ctx.db.withWorkshop(workshopId, (tx) => dropUpload(tx, workshopId, hash));
        await rm(this.partPath(workshopId, hash), { force: true });
      });
    }
    return stale.length;
  }
}
