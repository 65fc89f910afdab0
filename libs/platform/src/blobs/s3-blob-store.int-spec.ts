import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Fake, testConfig } from '@jansetu/testing';
import { blobStoreFor } from '../platform.module';
import { BlobNotFoundError, FileSystemBlobStore } from './blob-store';
import { S3BlobStore } from './s3-blob-store';

/** The media store of a deployment whose processes share no folder, against an S3 that checks SigV4 signatures. */
describe('S3BlobStore (S3 fake, path-style, signatures checked)', () => {
  const s3 = new S3Fake(['jansetu-media']);
  let store: S3BlobStore;
  const options = () => ({
    bucket: 'jansetu-media',
    region: 'ap-south-1',
    accessKeyId: S3Fake.ACCESS_KEY_ID,
    secretAccessKey: S3Fake.SECRET_ACCESS_KEY,
    endpoint: s3.endpoint,
    prefix: 'bihar/media/',
  });

  beforeAll(async () => {
    await s3.start();
    store = new S3BlobStore(options());
  });
  afterAll(async () => {
    store?.close();
    await s3.stop();
  });

  it('keeps an object whole under its prefix, gives it back byte for byte, and deletes it', async () => {
    const bytes = randomBytes(300_000);
    await store.put('a1b2-photo', bytes);
    expect(s3.objects.get('jansetu-media/bihar/media/a1b2-photo')?.equals(bytes)).toBe(true);
    expect((await store.get('a1b2-photo')).equals(bytes)).toBe(true);
    await store.delete('a1b2-photo');
    expect(s3.objects.has('jansetu-media/bihar/media/a1b2-photo')).toBe(false);
    await expect(store.get('a1b2-photo')).rejects.toBeInstanceOf(BlobNotFoundError);
    // Deleting what is gone is no error (ERASE may run twice).
    await expect(store.delete('a1b2-photo')).resolves.toBeUndefined();
  });

  it('is refused by S3 with the wrong secret, and stores nothing', async () => {
    const wrong = new S3BlobStore({ ...options(), secretAccessKey: 'not-the-secret' });
    await expect(wrong.put('c3d4-voice', Buffer.from('x'))).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    expect(s3.objects.has('jansetu-media/bihar/media/c3d4-voice')).toBe(false);
    wrong.close();
  });

  it('refuses a key that could name another object, before any request', async () => {
    const before = s3.calls.length;
    await expect(store.put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/invalid blob key/);
    await expect(store.get('a/b')).rejects.toThrow(/invalid blob key/);
    expect(s3.calls.length).toBe(before);
  });

  it('fails (for the caller to retry) while S3 is down, and works again after', async () => {
    s3.down = true;
    await expect(store.put('e5f6-video', Buffer.from('y'))).rejects.toMatchObject({ name: 'SlowDown' });
    s3.down = false;
    await store.put('e5f6-video', Buffer.from('y'));
    expect((await store.get('e5f6-video')).toString()).toBe('y');
  });

  it('is the store a deployment gets when MEDIA_S3_BUCKET is set, the MEDIA_DIR folder otherwise', () => {
    const url = 'postgresql://127.0.0.1/unused';
    expect(blobStoreFor(testConfig(url))).toBeInstanceOf(FileSystemBlobStore);
    const configured = blobStoreFor(
      testConfig(url, {
        MEDIA_S3_BUCKET: 'jansetu-media',
        MEDIA_S3_ENDPOINT: s3.endpoint,
        MEDIA_S3_ACCESS_KEY_ID: S3Fake.ACCESS_KEY_ID,
        MEDIA_S3_SECRET_ACCESS_KEY: S3Fake.SECRET_ACCESS_KEY,
      }),
    );
    expect(configured).toBeInstanceOf(S3BlobStore);
    (configured as S3BlobStore).close();
    expect(() => testConfig(url, { MEDIA_S3_BUCKET: 'jansetu-media' })).toThrow(
      /^Missing setting MEDIA_S3_ACCESS_KEY_ID/,
    );
  });
});
