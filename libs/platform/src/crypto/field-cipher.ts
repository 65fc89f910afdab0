import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for contact addresses at rest. The output names its key ("k1:iv:tag:ciphertext") so keys can be
 * rotated: new writes use the current key, old rows stay readable while a re-encryption job catches up.
 */
export class FieldCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly currentKeyId: string,
    keys: Record<string, string>,
  ) {
    this.keys = new Map(Object.entries(keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
    if (this.keys.get(currentKeyId)?.length !== 32) throw new Error(`encryption key ${currentKeyId} must be 32 bytes`);
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      this.currentKeyId,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      data.toString('base64'),
    ].join(':');
  }

  decrypt(sealed: string): string {
    const [keyId, iv, tag, data] = sealed.split(':');
    const key = this.keys.get(keyId);
    if (!key || !iv || !tag || data === undefined) throw new Error('unreadable ciphertext or unknown key id');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }
}

/** Keyed hash of an address, so a citizen is found by number without the number being stored in clear. */
export class BlindIndex {
  private readonly key: Buffer;
  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64');
  }
  hash(channel: string, address: string): string {
    return createHmac('sha256', this.key).update(`${channel}\u0000${address}`).digest('base64url');
  }
}

/** "+91 98•••••210": enough for an officer to tell two members apart, never enough to call one. */
export function maskAddress(address: string): string {
  const digits = address.replace(/\D/g, '');
  if (digits.length < 6) return '•••';
  const national = digits.length > 10 ? digits.slice(-10) : digits;
  const country = digits.length > 10 ? `+${digits.slice(0, digits.length - 10)} ` : '';
  return `${country}${national.slice(0, 2)}${'•'.repeat(national.length - 5)}${national.slice(-3)}`;
}
