import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where large sealed objects live (citizens' photos and voice notes, sealed under their data keys before they get
 * here): the local filesystem under DATA_DIR by default, S3-compatible object storage when MEDIA_S3_BUCKET is set
 * (s3-blob-store.ts). Keys are opaque ids chosen by the caller.
 */
export interface BlobStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** Throws BlobNotFoundError when there is none. */
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
}

export const BLOB_STORE = Symbol('BLOB_STORE');

export class BlobNotFoundError extends Error {}

const KEY = /^[a-z0-9][a-z0-9-]{0,127}$/;

/** Blob keys are opaque ids of a-z, 0-9 and '-': nothing a path or an object name could be bent with. */
export const BlobKey = {
  check(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid blob key ${JSON.stringify(key)}`);
    return key;
  },
};

/** Files under one folder, written whole (temporary file, then rename) so a crash never leaves half an object. */
export class FileSystemBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), BlobKey.check(key));
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true, mode: 0o700 });
    await writeFile(`${path}.tmp`, bytes, { mode: 0o600 });
    await rename(`${path}.tmp`, path);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await readFile(this.path(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new BlobNotFoundError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
