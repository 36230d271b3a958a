/**
 * The `files` table, read and written inside one workshop's transaction (row-level security:
 * a hash of another workshop is simply not there).
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { FILE_KINDS } from '../../shared/domain/fileKinds.js';
import type { Tx } from '../db/client.js';
import { files } from '../db/schema.js';

export const fileKindSchema = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof fileKindSchema>;
export type FileState = 'uploading' | 'ready';

export interface FileRecord {
  hash: string;
  kind: FileKind;
  state: FileState;
  size: number;
  received: number;
  width: number | null;
  height: number | null;
}

function toRecord(row: typeof files.$inferSelect): FileRecord {
  return {
    hash: row.hash,
    kind: fileKindSchema.parse(row.kind),
    state: row.state === 'ready' ? 'ready' : 'uploading',
    size: Number(row.size),
    received: Number(row.received),
    width: row.width,
    height: row.height,
  };
}

export async function findFile(tx: Tx, workshopId: string, hash: string): Promise<FileRecord | null> {
  const [row] = await tx.select().from(files).where(and(eq(files.workshopId, workshopId), eq(files.hash, hash)));
  return row ? toRecord(row) : null;
}

/** Starts an upload (or finds the one already there, whatever its state). */
export async function startFile(tx: Tx, workshopId: string, hash: string, kind: FileKind, size: number): Promise<FileRecord> {
  await tx.insert(files).values({ workshopId, hash, kind, size, received: 0, state: 'uploading' }).onConflictDoNothing();
  const record = await findFile(tx, workshopId, hash);
  if (!record) throw new Error('file row vanished after insert');
  return record;
}

/** Restarts an upload that has no byte yet with another total size. */
export async function resizeFile(tx: Tx, workshopId: string, hash: string, size: number): Promise<void> {
  await tx
    .update(files)
    .set({ size })
    .where(and(eq(files.workshopId, workshopId), eq(files.hash, hash), eq(files.state, 'uploading'), eq(files.received, 0)));
}

/** Moves `received` from `from` to `to`; false when someone else moved it first. */
export async function advanceFile(tx: Tx, workshopId: string, hash: string, from: number, to: number): Promise<boolean> {
  const updated = await tx
    .update(files)
    .set({ received: to })
    .where(and(eq(files.workshopId, workshopId), eq(files.hash, hash), eq(files.state, 'uploading'), eq(files.received, from)))
    .returning({ hash: files.hash });
  return updated.length === 1;
}

export async function markReady(tx: Tx, workshopId: string, hash: string, width: number, height: number): Promise<FileRecord> {
  const [row] = await tx
    .update(files)
    .set({ state: 'ready', received: sql`${files.size}`, width, height })
    .where(and(eq(files.workshopId, workshopId), eq(files.hash, hash)))
    .returning();
  if (!row) throw new Error('file row vanished before it was ready');
  return toRecord(row);
}

/** Forgets an upload that will never become a photo (wrong hash, not an image). */
export async function dropUpload(tx: Tx, workshopId: string, hash: string): Promise<void> {
  await tx.delete(files).where(and(eq(files.workshopId, workshopId), eq(files.hash, hash), eq(files.state, 'uploading')));
}

/** Uploads started before `before` and never finished, across workshops (system transaction). */
export async function staleUploads(tx: Tx, before: Date): Promise<{ workshopId: string; hash: string }[]> {
  return tx
    .select({ workshopId: files.workshopId, hash: files.hash })
    .from(files)
    .where(and(eq(files.state, 'uploading'), lt(files.createdAt, before)));
}
