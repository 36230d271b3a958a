/**
 * A JSON answer as small as HTTP/1.1 allows, for the answers a device fetches over mobile data
 * every few minutes (POST /api/sync): no Date, no charset (JSON is UTF-8), no Vary (a POST answer
 * is never cached), no Connection/Keep-Alive lines (HTTP/1.1 connections stay open by default),
 * a Content-Length rather than chunked framing, and the body compressed here — brotli when the
 * device accepts it, else gzip — only when it is big enough to gain from it. Routes that answer
 * this way are mounted ahead of the app's compression middleware (see app.ts).
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Request, Response } from 'express';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, compression costs more (header + framing) than it saves. */
export const COMPRESS_FROM_BYTES = 512;
/**
 * Brotli quality by body size: the small answers of everyday syncs at a cheap level, the pages of
 * a first sync (hundreds of kilobytes of JSON, sent once per device) at a higher one — measured
 * in bench/sync.bench.ts ("brotli quality" table).
 */
export const BROTLI_QUALITY = { small: 4, large: 6, largeFrom: 64 * 1024 } as const;

/** The encodings a request accepts (q > 0), lower-cased: `br;q=1, gzip` → br, gzip. */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) <= 0)) accepted.add(name);
  }
  return accepted;
}

export async function encodeBody(json: Buffer, acceptEncoding: string | undefined): Promise<{ body: Buffer; encoding: 'br' | 'gzip' | null }> {
  if (json.length < COMPRESS_FROM_BYTES) return { body: json, encoding: null };
  const accepted = acceptedEncodings(acceptEncoding);
  if (accepted.has('br')) {
    const quality = json.length >= BROTLI_QUALITY.largeFrom ? BROTLI_QUALITY.large : BROTLI_QUALITY.small;
    const body = await brotli(json, { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
    return { body, encoding: 'br' };
  }
  if (accepted.has('gzip')) return { body: await gzipAsync(json), encoding: 'gzip' };
  return { body: json, encoding: null };
}

export async function sendLeanJson(req: Request, res: Response, value: unknown): Promise<void> {
  const { body, encoding } = await encodeBody(Buffer.from(JSON.stringify(value)), req.headers['accept-encoding']);
  res.sendDate = false;
  res.removeHeader('X-Content-Type-Options');
  // Removing the header keeps the connection open (HTTP/1.1's default) without saying so.
  res.removeHeader('Connection');
  res.setHeader('Content-Type', 'application/json');
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}
