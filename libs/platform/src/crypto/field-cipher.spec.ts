import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BlindIndex, FieldCipher, maskAddress } from './field-cipher';

const key = () => randomBytes(32).toString('base64');

describe('FieldCipher', () => {
  it('round-trips and never repeats a ciphertext', () => {
    const cipher = new FieldCipher('k1', { k1: key() });
    const a = cipher.encrypt('+919876543210');
    expect(a).not.toContain('9876543210');
    expect(cipher.encrypt('+919876543210')).not.toBe(a);
    expect(cipher.decrypt(a)).toBe('+919876543210');
  });

  it('refuses a tampered ciphertext', () => {
    const cipher = new FieldCipher('k1', { k1: key() });
    const [id, iv, tag, data] = cipher.encrypt('+919876543210').split(':');
    const flipped = Buffer.from(data, 'base64');
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([id, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
  });

  it('reads rows sealed with an older key after rotation', () => {
    const k1 = key();
    const sealed = new FieldCipher('k1', { k1 }).encrypt('chat:123456789');
    const rotated = new FieldCipher('k2', { k1, k2: key() });
    expect(rotated.decrypt(sealed)).toBe('chat:123456789');
    expect(rotated.encrypt('x').startsWith('k2:')).toBe(true);
  });
});

describe('BlindIndex', () => {
  it('is stable per channel and address, and depends on the key', () => {
    const k = key();
    expect(new BlindIndex(k).hash('sms', '+919876543210')).toBe(new BlindIndex(k).hash('sms', '+919876543210'));
    expect(new BlindIndex(k).hash('sms', '+919876543210')).not.toBe(
      new BlindIndex(k).hash('telegram', '+919876543210'),
    );
    expect(new BlindIndex(k).hash('sms', '+919876543210')).not.toBe(new BlindIndex(key()).hash('sms', '+919876543210'));
  });
});

describe('maskAddress', () => {
  it('shows only the first two and last three digits', () => {
    expect(maskAddress('+919876543210')).toBe('+91 98•••••210');
    expect(maskAddress('9876543210')).toBe('98•••••210');
  });
});
