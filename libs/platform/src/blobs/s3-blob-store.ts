import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { BlobKey, BlobNotFoundError, BlobStore } from './blob-store';

export interface S3BlobStoreOptions {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Anything but AWS itself (MinIO, Ceph RGW...): addressed path-style, as those stores expect. */
  endpoint?: string;
  /** Folder of the objects in the bucket, '' or ending in '/'. */
  prefix?: string;
}

/**
 * Sealed objects in S3-compatible storage, for a deployment whose gateways and dispatchers share no folder. What is
 * stored is already sealed under the citizen's data key (ERASE shreds it wherever the bytes are), and each object is
 * written whole by one PUT, so a crash never leaves half of one.
 */
export class S3BlobStore implements BlobStore {
  private readonly s3: S3Client;

  constructor(private readonly options: S3BlobStoreOptions) {
    this.s3 = new S3Client({
      region: options.region,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
      // Checksums only where S3 requires them: several S3-compatible stores refuse the newer default ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.options.bucket,
        Key: this.key(key),
        Body: bytes,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }));
      return Buffer.from(await object.Body!.transformToByteArray());
    } catch (e) {
      if (e instanceof NoSuchKey || (e instanceof S3ServiceException && e.$metadata.httpStatusCode === 404)) {
        throw new BlobNotFoundError(key);
      }
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: this.key(key) }));
  }

  close(): void {
    this.s3.destroy();
  }

  private key(key: string): string {
    return `${this.options.prefix ?? ''}${BlobKey.check(key)}`;
  }
}
