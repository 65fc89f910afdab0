import { describe, expect, it } from 'vitest';
import { RevealSealer, generateRevealKeyPair, openRevealSeal } from './reveal-seal';

describe('RevealSealer', () => {
  const hq = generateRevealKeyPair();
  const sealer = RevealSealer.fromPublicKey(hq.publicKey);

  it('opens only with the HQ private key, and never repeats a ciphertext', () => {
    const sealed = sealer.seal('{"address":"+919876543210"}');
    expect(sealed).not.toContain('9876543210');
    expect(sealer.seal('{"address":"+919876543210"}')).not.toBe(sealed);
    expect(openRevealSeal(sealed, hq.privateKey)).toBe('{"address":"+919876543210"}');
  });

  it.each([
    ['another key pair', () => generateRevealKeyPair().privateKey],
    ['junk', () => 'not a key'],
    ['the public key', () => hq.publicKey],
  ])('refuses %s with a 400', (_label, key) => {
    expect(() => openRevealSeal(sealer.seal('x'), key())).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('without a configured public key seals so that nobody can open it', () => {
    const sealed = RevealSealer.unrevealable().seal('x');
    expect(() => openRevealSeal(sealed, hq.privateKey)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
