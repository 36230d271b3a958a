/**
 * Photos in S3-compatible storage (AWS S3, MinIO, s3rver in tests): keys
 * `<workshopId>/<hash>.webp` and `<workshopId>/<hash>-thumb.webp` in one bucket. Path-style
 * addressing, which every S3-compatible server understands. The bucket must exist.
 * Only this module knows S3; the rest of the cloud sees the FileStorage interface.
 */
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { Config } from '../config.js';
import { variantName, type FileStorage, type Variant } from './storage.js';

type S3Config = NonNullable<Config['s3']>;

export class S3FileStorage implements FileStorage {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.client = new S3Client({
      endpoint: config.endpoint,
      region: config.region,
      forcePathStyle: true,
      // Checksums only where S3 requires them: many S3-compatible servers reject the others.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    });
  }

  static key(workshopId: string, hash: string, variant: Variant): string {
    return `${workshopId}/${variantName(hash, variant)}`;
  }

  async put(workshopId: string, hash: string, variant: Variant, data: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: S3FileStorage.key(workshopId, hash, variant),
        Body: data,
        ContentType: 'image/webp',
        ContentLength: data.length,
        CacheControl: 'private, max-age=31536000, immutable',
      }),
    );
  }

  async get(workshopId: string, hash: string, variant: Variant): Promise<Buffer | null> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: S3FileStorage.key(workshopId, hash, variant) }));
      if (!result.Body) return null;
      return Buffer.from(await result.Body.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return null;
      throw error;
    }
  }

  async remove(workshopId: string, hash: string): Promise<void> {
    // One request per key: DeleteObjects needs a Content-MD5 that not every server accepts.
    for (const variant of ['full', 'thumb'] as const) {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: S3FileStorage.key(workshopId, hash, variant) }));
    }
  }
}
