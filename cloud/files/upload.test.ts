/**
 * Photos by content hash against a real server (local storage): whole and chunked uploads,
 * a cut connection and its resumption, idempotency, refusals that leave nothing behind.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { addMember, getFile, photo, putChunks, putFile, sha256, type TestMember, useFilesServer } from './testkit.js';
import { MAX_CHUNK_BYTES } from './uploads.js';

const server = useFilesServer();

function stored(member: TestMember): string[] {
  const folder = join(server.dataDir, 'files', member.workshopId);
  return existsSync(folder) ? readdirSync(folder).sort() : [];
}

function partFile(member: TestMember, hash: string): string {
  return join(server.dataDir, 'uploads', member.workshopId, `${hash}.part`);
}

describe('whole upload', () => {
  it('stores a 1200 px WebP and a 400 px thumbnail, served with immutable cache headers', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const original = await photo(1600, 1000);
    expect(original.length).toBeLessThan(MAX_CHUNK_BYTES);
    const hash = sha256(original);

    const res = await putFile(server.url, owner.token, hash, original, { kind: 'portfolio' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ hash, kind: 'portfolio', state: 'ready', size: original.length, received: original.length, width: 1200, height: 750 });

    const full = await getFile(server.url, owner.token, hash);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/webp');
    expect(full.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(full.headers.get('etag')).toBe(`"${hash}"`);
    const fullMeta = await sharp(Buffer.from(await full.arrayBuffer())).metadata();
    expect([fullMeta.format, fullMeta.width, fullMeta.height]).toEqual(['webp', 1200, 750]);
    expect(fullMeta.exif).toBeUndefined();

    const thumb = await getFile(server.url, owner.token, `${hash}/thumb`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    const thumbMeta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([thumbMeta.format, thumbMeta.width, thumbMeta.height]).toEqual(['webp', 400, 250]);

    const again = await getFile(server.url, owner.token, hash, { 'if-none-match': `"${hash}"` });
    expect(again.status).toBe(304);

    const head = await fetch(`${server.url}/api/files/${hash}`, { method: 'HEAD', headers: { authorization: `Bearer ${owner.token}` } });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-upload-state')).toBe('ready');

    expect(stored(owner)).toEqual([`${hash}-thumb.webp`, `${hash}.webp`]);
    expect(existsSync(partFile(owner, hash))).toBe(false);
  });

  it('never enlarges a small photo', async () => {
    const staff = await addMember(server.ctx, 'staff');
    const small = await photo(300, 200);
    const res = await putFile(server.url, staff.token, sha256(small), small, { kind: 'model' });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { width: number; height: number };
    expect([body.width, body.height]).toEqual([300, 200]);
    const thumb = await getFile(server.url, staff.token, `${sha256(small)}/thumb`);
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([300, 200]);
  });

  it('is idempotent: the same photo again answers 200 at once, even without a body', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const original = await photo(800, 600);
    const hash = sha256(original);
    expect((await putFile(server.url, owner.token, hash, original)).status).toBe(201);

    const second = await putFile(server.url, owner.token, hash, original);
    expect(second.status).toBe(200);
    expect(((await second.json()) as { state: string }).state).toBe('ready');

    const empty = await putFile(server.url, owner.token, hash, Buffer.alloc(0));
    expect(empty.status).toBe(200);

    // Two devices sending the same photo at the same moment: one stores it, the other is told it is there.
    const other = await photo(640, 480);
    const otherHash = sha256(other);
    const both = await Promise.all([putFile(server.url, owner.token, otherHash, other), putFile(server.url, owner.token, otherHash, other)]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(stored(owner)).toHaveLength(4);
  });
});

describe('chunked upload', () => {
  it('resumes after a cut connection and applies the EXIF orientation', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const original = await photo(3000, 2000, { orientation: 6, noisy: true });
    expect(original.length).toBeGreaterThan(2 * MAX_CHUNK_BYTES);
    const hash = sha256(original);
    const total = original.length;
    const chunk = MAX_CHUNK_BYTES;

    // First chunk, then the same chunk again (its answer was "lost"): accepted both times.
    const first = await putFile(server.url, owner.token, hash, original.subarray(0, chunk), { range: { start: 0, end: chunk - 1, total } });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ state: 'uploading', received: chunk, size: total });
    const repeat = await putFile(server.url, owner.token, hash, original.subarray(0, chunk), { range: { start: 0, end: chunk - 1, total } });
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ received: chunk });

    // The second chunk starts, half of it travels, then the connection is lost.
    const controller = new AbortController();
    const second = original.subarray(chunk, 2 * chunk);
    let step = 0;
    const stream = new ReadableStream<Uint8Array>({
      async pull(out) {
        if (step++ === 0) {
          out.enqueue(new Uint8Array(second.subarray(0, second.length / 2)));
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
        controller.abort();
      },
    });
    const init: RequestInit & { duplex: 'half' } = {
      method: 'PUT',
      headers: { authorization: `Bearer ${owner.token}`, 'content-range': `bytes ${chunk}-${2 * chunk - 1}/${total}` },
      body: stream,
      duplex: 'half',
      signal: controller.signal,
    };
    await expect(fetch(`${server.url}/api/files/${hash}?kind=fabric`, init)).rejects.toThrow();

    // The device asks where to resume: only the first chunk counts.
    const status = await getFile(server.url, owner.token, `${hash}/status`);
    expect(status.status).toBe(200);
    const { received, state, size } = (await status.json()) as { received: number; state: string; size: number };
    expect({ received, state, size }).toEqual({ received: chunk, state: 'uploading', size: total });
    const head = await fetch(`${server.url}/api/files/${hash}`, { method: 'HEAD', headers: { authorization: `Bearer ${owner.token}` } });
    expect(head.status).toBe(404);
    expect(head.headers.get('x-upload-received')).toBe(String(chunk));

    // A chunk from too far ahead is refused with where to resume.
    const ahead = await putFile(server.url, owner.token, hash, original.subarray(2 * chunk, 3 * chunk), { range: { start: 2 * chunk, end: 3 * chunk - 1, total } });
    expect(ahead.status).toBe(409);
    expect(await ahead.json()).toMatchObject({ error: { code: 'range_mismatch', received: chunk } });

    // A chunk overlapping what is already there is fine too: only the new bytes are added.
    const overlap = await putFile(server.url, owner.token, hash, original.subarray(chunk / 2, chunk / 2 + chunk), {
      range: { start: chunk / 2, end: chunk / 2 + chunk - 1, total },
    });
    expect(overlap.status).toBe(200);
    expect(await overlap.json()).toMatchObject({ received: chunk / 2 + chunk });

    const last = await putChunks(server.url, owner.token, hash, original, chunk / 2 + chunk, chunk);
    expect(last.status).toBe(201);
    // Orientation 6: the 3000×2000 stored pixels are shown turned a quarter right, 2000×3000.
    expect(await last.json()).toMatchObject({ state: 'ready', received: total, width: 800, height: 1200 });

    const full = Buffer.from(await (await getFile(server.url, owner.token, hash)).arrayBuffer());
    const meta = await sharp(full).metadata();
    expect([meta.format, meta.width, meta.height, meta.orientation]).toEqual(['webp', 800, 1200, undefined]);
    // The red block of the stored top-left corner is now at the top right.
    const { data, info } = await sharp(full).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    const [r, g, b] = pixel(info.width - 40, 40);
    expect(r).toBeGreaterThan(200);
    expect(g! + b!).toBeLessThan(80);
    const [r2] = pixel(40, 40);
    expect(r2).toBeLessThan(230);

    const thumb = await sharp(Buffer.from(await (await getFile(server.url, owner.token, `${hash}/thumb`)).arrayBuffer())).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 267, 400]);

    // The last chunk sent again after a lost answer: 200, still ready.
    const resend = await putFile(server.url, owner.token, hash, original.subarray(total - 10), { range: { start: total - 10, end: total - 1, total } });
    expect(resend.status).toBe(200);
    expect(existsSync(partFile(owner, hash))).toBe(false);
  });

  it('refuses malformed ranges and oversized chunks or files', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const hash = sha256(Buffer.from('x'));
    const bad = await putFile(server.url, owner.token, hash, Buffer.from('abc'), { headers: { 'content-range': 'bytes 5-2/10' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_range');

    const big = Buffer.alloc(MAX_CHUNK_BYTES + 1);
    const tooBigChunk = await putFile(server.url, owner.token, hash, big, { range: { start: 0, end: big.length - 1, total: big.length + 10 } });
    expect(tooBigChunk.status).toBe(413);
    const tooBigWhole = await putFile(server.url, owner.token, hash, big);
    expect(tooBigWhole.status).toBe(413);
    const tooBigFile = await putFile(server.url, owner.token, hash, Buffer.alloc(10), { range: { start: 0, end: 9, total: 16 * 1024 * 1024 } });
    expect(tooBigFile.status).toBe(413);
    expect(((await tooBigFile.json()) as { error: { code: string } }).error.code).toBe('file_too_large');

    const short = await putFile(server.url, owner.token, hash, Buffer.alloc(5), { range: { start: 0, end: 9, total: 20 } });
    expect(short.status).toBe(400);

    const badKind = await putFile(server.url, owner.token, hash, Buffer.from('x'), { kind: 'receipt' });
    expect(badKind.status).toBe(400);
    const badHash = await putFile(server.url, owner.token, 'not-a-hash', Buffer.from('x'));
    expect(badHash.status).toBe(400);
    const anonymous = await fetch(`${server.url}/api/files/${hash}?kind=fabric`, { method: 'PUT', body: 'x' });
    expect(anonymous.status).toBe(401);
    expect(stored(owner)).toEqual([]);
  });
});
