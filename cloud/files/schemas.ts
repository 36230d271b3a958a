/**
 * Request and response schemas of the files area (they validate and feed the OpenAPI document;
 * the app's host imports the types of the answers, `shared/host/cloudContracts.ts`).
 */
import { z } from 'zod';
import { FILE_KINDS } from '../../shared/domain/fileKinds.js';

/** A photo is named by the SHA-256 of its original bytes. */
export const hashParams = z.strictObject({
  hash: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'invalid.fileHash')
    .transform((h) => h.toLowerCase()),
});

export const uploadQuery = z.object({ kind: z.enum(FILE_KINDS) });

/** The answer of `GET /api/files/:hash/status` and of every chunk `PUT` (the host resumes from `received`). */
export const fileStatusSchema = z.object({
  hash: z.string(),
  kind: z.enum(FILE_KINDS),
  state: z.enum(['uploading', 'ready']),
  size: z.number().int().nonnegative(),
  received: z.number().int().nonnegative(),
  width: z.number().int().positive().nullable(),
  height: z.number().int().positive().nullable(),
});
export type FileStatus = z.infer<typeof fileStatusSchema>;
