import {
  KeyObject,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { ValidationError } from '@jansetu/platform';

/** DI token of the sealer that locks an anonymous case's sender link to the HQ reveal public key. */
export const REVEAL_SEALER = Symbol('REVEAL_SEALER');

const INFO = Buffer.from('jansetu/reveal-link/v1');

function aesKey(shared: Buffer, ephemeral: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, ephemeral, INFO, 32));
}

/**
 * Sealed-box encryption (X25519 + HKDF-SHA256 + AES-256-GCM) to the HQ reveal key. The gateway holds only the
 * public key (REVEAL_PUBLIC_KEY, base64 SPKI DER): nothing it stores or holds opens an anonymous case's link; the
 * private key exists only with HQ and is handed in by the approving HQ officer for one reveal at a time.
 */
export class RevealSealer {
  private constructor(private readonly publicKey: KeyObject) {}

  static fromPublicKey(base64Spki: string): RevealSealer {
    const key = createPublicKey({ key: Buffer.from(base64Spki, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'x25519') throw new Error('REVEAL_PUBLIC_KEY must be an X25519 public key');
    return new RevealSealer(key);
  }

  /** No REVEAL_PUBLIC_KEY: a key pair whose private half is thrown away, so anonymous cases can never be revealed. */
  static unrevealable(): RevealSealer {
    return new RevealSealer(generateKeyPairSync('x25519').publicKey);
  }

  seal(plain: string): string {
    const eph = generateKeyPairSync('x25519');
    const ephPub = eph.publicKey.export({ format: 'der', type: 'spki' });
    const key = aesKey(diffieHellman({ privateKey: eph.privateKey, publicKey: this.publicKey }), ephPub);
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return ['x25519', ephPub, iv, c.getAuthTag(), data]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
      .join(':');
  }
}

/** Opens a sealed link with the HQ private key (base64 PKCS#8 DER or PEM); a wrong or malformed key is a 400. */
export function openRevealSeal(sealed: string, privateKey: string): string {
  const wrong = () => new ValidationError('the reveal key does not open this case / यह रिवील कुंजी इस केस की नहीं है');
  let key: KeyObject;
  try {
    key = privateKey.includes('BEGIN')
      ? createPrivateKey(privateKey)
      : createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw wrong();
  }
  const [scheme, ephB64, ivB64, tagB64, dataB64] = sealed.split(':');
  if (scheme !== 'x25519' || key.asymmetricKeyType !== 'x25519') throw wrong();
  try {
    const ephPub = Buffer.from(ephB64, 'base64');
    const ephKey = createPublicKey({ key: ephPub, format: 'der', type: 'spki' });
    const d = createDecipheriv(
      'aes-256-gcm',
      aesKey(diffieHellman({ privateKey: key, publicKey: ephKey }), ephPub),
      Buffer.from(ivB64, 'base64'),
    );
    d.setAuthTag(Buffer.from(tagB64, 'base64'));
    return Buffer.concat([d.update(Buffer.from(dataB64, 'base64')), d.final()]).toString('utf8');
  } catch {
    throw wrong();
  }
}

/** A fresh HQ reveal key pair, base64 DER (SPKI public, PKCS#8 private): for the operator's key ceremony and tests. */
export function generateRevealKeyPair(): { publicKey: string; privateKey: string } {
  const pair = generateKeyPairSync('x25519');
  return {
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
  };
}
