/**
 * The same uploads with S3-compatible storage: a real s3rver on 127.0.0.1 (random port, temp
 * folder), the cloud configured through S3_* like in production, objects checked in the bucket.
 */
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.js';
import { S3FileStorage } from './s3Storage.js';
import { addMember, getFile, photo, putChunks, putFile, pdfDocument, sha256 } from './testkit.js';

const BUCKET = 'styliste-photos';
const KEYS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let s3rver: S3rver;
let s3: S3Client;
let server: TestServer;
let s3Dir: string;
let dataDir: string;

beforeAll(async () => {
  s3Dir = mkdtempSync(join(tmpdir(), 'styliste-s3rver-'));
  dataDir = mkdtempSync(join(tmpdir(), 'styliste-files-'));
  s3rver = new S3rver({ address: '127.0.0.1', port: 0, directory: s3Dir, silent: true });
  const { port } = await s3rver.run();
  const endpoint = `http://127.0.0.1:${port}`;
  s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: KEYS });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  server = await startTestServer({
    DATA_DIR: dataDir,
    S3_ENDPOINT: endpoint,
    S3_BUCKET: BUCKET,
    S3_ACCESS_KEY_ID: KEYS.accessKeyId,
    S3_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
  });
});

afterAll(async () => {
  await server?.close();
  s3?.destroy();
  await s3rver?.close();
  rmSync(s3Dir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

async function keysOf(workshopId: string): Promise<string[]> {
  const list = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${workshopId}/` }));
  return (list.Contents ?? []).map((o) => o.Key ?? '').sort();
}

describe('S3-compatible storage', () => {
  it('stores both WebP variants in the bucket and serves them back', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const original = await photo(2400, 1600, { noisy: true, orientation: 6 });
    const hash = sha256(original);
    const done = await putChunks(server.url, owner.token, hash, original, 0, 512 * 1024, 'portfolio');
    expect(done.status).toBe(201);
    expect(await done.json()).toMatchObject({ state: 'ready', width: 800, height: 1200 });

    expect(await keysOf(owner.workshopId)).toEqual([`${owner.workshopId}/${hash}-thumb.webp`, `${owner.workshopId}/${hash}.webp`]);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: S3FileStorage.key(owner.workshopId, hash, 'full') }));
    expect(head.ContentType).toBe('image/webp');

    const res = await getFile(server.url, owner.token, hash);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe(`"${hash}"`);
    const served = Buffer.from(await res.arrayBuffer());
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: S3FileStorage.key(owner.workshopId, hash, 'full') }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(served)).toBe(true);
    const meta = await sharp(served).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 800, 1200]);

    const thumb = await sharp(Buffer.from(await (await getFile(server.url, owner.token, `${hash}/thumb`)).arrayBuffer())).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 267, 400]);

    // Nothing processed landed in the local folder: only the (now removed) partial upload did.
    expect(existsSync(join(dataDir, 'files'))).toBe(false);
    expect(existsSync(join(dataDir, 'uploads', owner.workshopId, `${hash}.part`))).toBe(false);

    const other = await addMember(server.ctx, 'owner');
    expect((await getFile(server.url, other.token, hash)).status).toBe(404);
  });

  it('puts nothing in the bucket for a refused file', async () => {
    const owner = await addMember(server.ctx, 'owner');
    const pdf = pdfDocument();
    const res = await putFile(server.url, owner.token, sha256(pdf), pdf);
    expect(res.status).toBe(415);
    expect(await keysOf(owner.workshopId)).toEqual([]);
  });
});
