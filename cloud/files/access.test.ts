/**
 * What the files area refuses, against a real server: a wrong hash, anything that is not a
 * photo (nothing is kept), a viewer uploading, another workshop reading.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../db/client.js';
import { addMember, bombPng, getFile, pdfDocument, photo, putChunks, putFile, sha256, type TestMember, useFilesServer } from './testkit.js';
import { createStorage } from './storage.js';
import { Uploads } from './uploads.js';

const server = useFilesServer();

/** Everything the server keeps for a workshop: processed photos and partial uploads. */
function leftovers(member: TestMember): string[] {
  return ['files', 'uploads'].flatMap((area) => {
    const folder = join(server.dataDir, area, member.workshopId);
    return existsSync(folder) ? readdirSync(folder) : [];
  });
}

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe('refused uploads keep nothing', () => {
  it('refuses bytes that do not match their hash (400 hash_mismatch)', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const original = await photo(800, 600);
    const wrong = sha256(Buffer.from('another photo'));
    const res = await putFile(server.url, owner.token, wrong, original);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('hash_mismatch');
    expect((await getFile(server.url, owner.token, `${wrong}/status`)).status).toBe(404);
    expect(leftovers(owner)).toEqual([]);
  });

  it('checks the hash of a chunked upload once complete', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const original = await photo(1200, 900, { noisy: true });
    const wrong = sha256(Buffer.concat([original, Buffer.from('!')]));
    const res = await putChunks(server.url, owner.token, wrong, original, 0, 64 * 1024);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe('hash_mismatch');
    expect(leftovers(owner)).toEqual([]);
  });

  const truncatedJpeg = async () => {
    const jpeg = await photo(1000, 800, { noisy: true });
    return jpeg.subarray(0, Math.floor(jpeg.length / 2));
  };
  const cases: [string, () => Buffer | Promise<Buffer>][] = [
    ['a PDF', pdfDocument],
    ['random bytes', () => randomBytes(50_000)],
    ['a text file named like a photo', () => Buffer.from('Ceci est un texte, pas une photo.\n'.repeat(20))],
    ['a truncated JPEG', truncatedJpeg],
    ['an SVG drawing', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')],
    ['a 30000×30000 PNG decompression bomb', () => bombPng(30_000)],
  ];
  for (const [name, make] of cases) {
    it(`refuses ${name} with 415 not_an_image`, async () => {
      const staff = await addMember(server.ctx, 'staff');
      const data = await make();
      const hash = sha256(data);
      const res = await putFile(server.url, staff.token, hash, data);
      expect(res.status).toBe(415);
      const error = await errorOf(res);
      expect(error.code).toBe('not_an_image');
      expect(error.message).toMatch(/n’est pas une photo/);
      expect((await getFile(server.url, staff.token, `${hash}/status`)).status).toBe(404);
      expect((await getFile(server.url, staff.token, hash)).status).toBe(404);
      expect(leftovers(staff)).toEqual([]);
    });
  }

  it('answers in English when asked', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const data = pdfDocument();
    const res = await putFile(server.url, owner.token, sha256(data), data, { headers: { 'accept-language': 'en' } });
    expect(res.status).toBe(415);
    expect((await errorOf(res)).message).toMatch(/not a readable photo/);
  });
});

describe('who may do what', () => {
  it('lets owner and staff upload, not a viewer (403 forbidden); a viewer may read', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const viewer = await addMember(server.ctx, 'viewer', owner.workshopId);
    const original = await photo(500, 500);
    const hash = sha256(original);
    const refused = await putFile(server.url, viewer.token, hash, original);
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe('forbidden');
    expect(leftovers(owner)).toEqual([]);

    expect((await putFile(server.url, owner.token, hash, original)).status).toBe(201);
    expect((await getFile(server.url, viewer.token, hash)).status).toBe(200);
    expect((await getFile(server.url, viewer.token, `${hash}/thumb`)).status).toBe(200);
  });

  it('hides a photo from another workshop (404, never 403), which keeps its own copy', async () => {
    const ours = await addMember(server.ctx, 'owner');
    const theirs = await addMember(server.ctx, 'owner');
    const original = await photo(700, 500);
    const hash = sha256(original);
    expect((await putFile(server.url, ours.token, hash, original)).status).toBe(201);

    for (const path of [hash, `${hash}/thumb`, `${hash}/status`]) {
      const res = await getFile(server.url, theirs.token, path);
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('not_found');
    }
    expect((await getFile(server.url, theirs.token, hash, { 'if-none-match': `"${hash}"` })).status).toBe(404);

    // Row-level security itself, without the query's own filter: each workshop sees only its row.
    const visible = (workshopId: string) =>
      server.ctx.db.withWorkshop(workshopId, (tx) => rows<{ workshop_id: string }>(tx, sql`SELECT workshop_id FROM files WHERE hash = ${hash}`));
    expect(await visible(theirs.workshopId)).toEqual([]);
    expect((await visible(ours.workshopId)).map((r) => r.workshop_id)).toEqual([ours.workshopId]);

    // The other workshop uploading the same photo gets its own, separate copy.
    const again = await putFile(server.url, theirs.token, hash, original);
    expect(again.status).toBe(201);
    expect(leftovers(theirs).sort()).toEqual([`${hash}-thumb.webp`, `${hash}.webp`]);
  });

  it('refuses a revoked member', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const original = await photo(400, 300);
    const hash = sha256(original);
    expect((await putFile(server.url, owner.token, hash, original)).status).toBe(201);
    await server.ctx.db.system((tx) => tx.execute(sql`UPDATE members SET deleted_at = '2026-01-01T00:00:00.000Z' WHERE id = ${owner.memberId}`));
    const res = await getFile(server.url, owner.token, hash);
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('access_revoked');
  });
});

describe('housekeeping', () => {
  it('documents every files endpoint in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/files/{hash}'] ?? doc.paths['/files/{hash}'] ?? {}).sort()).toEqual(['get', 'put']);
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/files/') || p.startsWith('/api/files/'));
    expect(paths.length).toBe(3);
  });

  it('purges uploads abandoned long ago', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const original = await photo(1200, 900, { noisy: true });
    const hash = sha256(original);
    const res = await putFile(server.url, owner.token, hash, original.subarray(0, 1000), { range: { start: 0, end: 999, total: original.length } });
    expect(res.status).toBe(200);
    expect(leftovers(owner)).toEqual([`${hash}.part`]);
    const uploads = new Uploads(server.ctx, createStorage(server.ctx.config));
    expect(await uploads.purgeStale(new Date(Date.now() - 86_400_000))).toBe(0);
    expect(await uploads.purgeStale(new Date(Date.now() + 1000))).toBeGreaterThanOrEqual(1);
    expect(leftovers(owner)).toEqual([]);
    expect((await getFile(server.url, owner.token, `${hash}/status`)).status).toBe(404);
  });
});
