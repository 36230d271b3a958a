/**
 * Test helpers for the files area (used by its *.test.ts only): a server with local storage in a
 * temporary folder, workshops and members written straight into the database, access tokens,
 * real images made with sharp, raw HTTP uploads.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { CloudContext } from '../context.js';
import { signAccessToken } from '../auth/tokens.js';
import type { Role } from '../../shared/domain/roles.js';
import { startTestServer, type TestServer } from '../testing/testServer.js';

/** A test server whose local file storage lives in `dataDir`, a fresh temporary folder. */
export interface FilesServer extends TestServer {
  dataDir: string;
}

/** Starts a server storing files under a new temporary folder; `close` stops it and deletes the folder. */
export async function startFilesServer(): Promise<FilesServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'styliste-files-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });
  let server: TestServer;
  try {
    server = await startTestServer({ DATA_DIR: dataDir });
  } catch (error) {
    removeDataDir();
    throw error;
  }
  return {
    ...server,
    dataDir,
    async close() {
      await server.close();
      removeDataDir();
    },
  };
}

/**
 * The files server of a test file: started before its tests and closed after them (hooks
 * registered by this call, at the top of the file). Its fields can be read once the tests run.
 */
export function useFilesServer(): FilesServer {
  let started: FilesServer | undefined;
  beforeAll(async () => {
    started = await startFilesServer();
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = (): FilesServer => {
    if (!started) throw new Error('The files server is not started yet: use it inside a test or hook.');
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    get ctx() {
      return current().ctx;
    },
    get dataDir() {
      return current().dataDir;
    },
    close: () => current().close(),
  };
}

export interface TestMember {
  workshopId: string;
  memberId: string;
  userId: string;
  token: string;
}

/** A member of a workshop (a new workshop unless one is given), with an access token. */
export async function addMember(ctx: CloudContext, role: Role, workshopId: string = randomUUID()): Promise<TestMember> {
  const memberId = randomUUID();
  const userId = randomUUID();
  await ctx.db.system(async (tx) => {
    // Every real workshop has its sync state (signup writes it): the guards read the member there.
    await tx.execute(sql`INSERT INTO workshop_sync (workshop_id, last_seq, next_device_number) VALUES (${workshopId}, 0, 0) ON CONFLICT DO NOTHING`);
    await tx.execute(sql`INSERT INTO members (workshop_id, id, name, role, user_id, clocks, seqs, last_seq)
      VALUES (${workshopId}, ${memberId}, ${`Membre ${role}`}, ${role}, ${userId}, '{}'::jsonb, '{}'::jsonb, 0)`);
  });
  const token = signAccessToken(ctx.config.jwtSecret, { userId, workshopId, memberId }, 900);
  return { workshopId, memberId, userId, token };
}

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * A real JPEG photo: grey noise (so it weighs what a phone photo weighs when `noisy`) with a red
 * block in its stored top-left corner, tagged with the given EXIF orientation.
 */
export async function photo(width: number, height: number, options: { orientation?: number; noisy?: boolean; quality?: number } = {}): Promise<Buffer> {
  const base = options.noisy
    ? sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    : sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 200 } } });
  const block = await sharp({ create: { width: Math.round(width / 5), height: Math.round(height / 5), channels: 3, background: { r: 255, g: 0, b: 0 } } })
    .png()
    .toBuffer();
  const composed = await base.composite([{ input: block, left: 0, top: 0 }]).png().toBuffer();
  const jpeg = sharp(composed).jpeg({ quality: options.quality ?? 90 });
  return (options.orientation ? jpeg.withMetadata({ orientation: options.orientation }) : jpeg).toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid PNG of side×side black pixels (1 bit grey): ~110 KB on disk for 30000×30000. */
export function bombPng(side: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const raw = Buffer.alloc((1 + Math.ceil(side / 8)) * side); // filter byte 0 + zero pixels per row
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A small but real PDF document. */
export function pdfDocument(): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
      '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  );
}

export interface PutOptions {
  kind?: string;
  range?: { start: number; end: number; total: number };
  headers?: Record<string, string>;
}

/** PUT /api/files/:hash with raw bytes. */
export function putFile(url: string, token: string, hash: string, body: Buffer, options: PutOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', ...options.headers };
  if (options.range) headers['content-range'] = `bytes ${options.range.start}-${options.range.end}/${options.range.total}`;
  return fetch(`${url}/api/files/${hash}?kind=${options.kind ?? 'fabric'}`, { method: 'PUT', headers, body: new Uint8Array(body) });
}

export function getFile(url: string, token: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/api/files/${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
}

/** Sends `data` in chunks of `chunk` bytes from `from`; returns the last response. */
export async function putChunks(url: string, token: string, hash: string, data: Buffer, from: number, chunk: number, kind = 'fabric'): Promise<Response> {
  let last: Response | undefined;
  for (let start = from; start < data.length; start += chunk) {
    const end = Math.min(start + chunk, data.length) - 1;
    last = await putFile(url, token, hash, data.subarray(start, end + 1), { kind, range: { start, end, total: data.length } });
    if (last.status !== 200 && last.status !== 201) return last;
    if (end + 1 < data.length) await last.arrayBuffer();
  }
  if (!last) throw new Error('nothing to send');
  return last;
}
