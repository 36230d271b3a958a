/**
 * The raw bytes of an upload request: the Content-Range it claims (`bytes start-end/total`,
 * end inclusive, as in RFC 9110) and the body itself, read into memory up to a limit. A body that
 * ends before its announced length (the phone lost its connection) is an error, never a chunk.
 */
import type { Request } from 'express';

export interface ChunkRange {
  start: number;
  /** Inclusive. */
  end: number;
  total: number;
}

/** null when the header is absent; 'invalid' when present but unusable. */
export function parseContentRange(header: string | undefined): ChunkRange | null | 'invalid' {
  if (header === undefined || header.trim() === '') return null;
  const match = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(header.trim());
  if (!match) return 'invalid';
  const [start, end, total] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (end < start || end >= total) return 'invalid';
  return { start, end, total };
}

export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
}

export class IncompleteBodyError extends Error {
  override name = 'IncompleteBodyError';
}

/** Reads the request body (at most `limit` bytes) into one Buffer. */
export async function readBody(req: Request, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  const expected = declared === undefined ? undefined : Number(declared);
  if (expected !== undefined && expected > limit) throw new BodyTooLargeError(`declared ${expected} > ${limit}`);
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      length += chunk.length;
      if (length > limit) throw new BodyTooLargeError(`body over ${limit}`);
      parts.push(chunk);
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw error;
    throw new IncompleteBodyError(error instanceof Error ? error.message : String(error));
  }
  if (req.readableAborted || (expected !== undefined && length !== expected)) throw new IncompleteBodyError(`received ${length} of ${expected ?? '?'}`);
  return Buffer.concat(parts, length);
}
