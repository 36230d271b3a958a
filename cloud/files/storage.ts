/**
 * Where the processed photos live. Two variants per photo (the 1200 px WebP and its 400 px
 * thumbnail), named by workshop and content hash: a local folder by default, S3-compatible
 * storage when S3_* is configured. The interface stays small so either can be swapped.
 */
import type { Config } from '../config.js';
import { LocalFileStorage } from './localStorage.js';
import { S3FileStorage } from './s3Storage.js';

export type Variant = 'full' | 'thumb';

export interface FileStorage {
  readonly kind: 'local' | 's3';
  /** Stores one variant; replaces it if present (content is addressed by hash, so identical). */
  put(workshopId: string, hash: string, variant: Variant, data: Buffer): Promise<void>;
  /** The stored bytes, or null when absent. */
  get(workshopId: string, hash: string, variant: Variant): Promise<Buffer | null>;
  /** Removes both variants; absent ones are ignored. */
  remove(workshopId: string, hash: string): Promise<void>;
}

/** `<hash>.webp` or `<hash>-thumb.webp`: the same name in the local folder and in the bucket. */
export function variantName(hash: string, variant: Variant): string {
  return variant === 'full' ? `${hash}.webp` : `${hash}-thumb.webp`;
}

export function createStorage(config: Config): FileStorage {
  return config.s3 ? new S3FileStorage(config.s3) : new LocalFileStorage(config.dataDir);
}
