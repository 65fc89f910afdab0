import { describe, expect, it } from 'vitest';
import { smsSegments } from '@jansetu/channels';
import { renderVariant } from './broadcast';
import {
  newVerificationCode,
  normaliseVerificationCode,
  VERIFICATION_ALPHABET,
  verificationLine,
} from './verification-code';

describe('verification codes', () => {
  it('are six characters of an alphabet without look-alikes, and rarely repeat', () => {
    const codes = Array.from({ length: 5000 }, newVerificationCode);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{6}$/);
    expect(VERIFICATION_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(new Set(codes).size).toBeGreaterThan(4990);
    // Every letter of the alphabet is drawn (uniformly: none is far from 1/30 of the draws).
    const counts = new Map<string, number>();
    for (const ch of codes.join('')) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(30);
    for (const n of counts.values()) expect(n).toBeGreaterThan(700);
  });

  it.each([
    ['k7m2qx', 'K7M2QX'],
    [' K7M-2QX ', 'K7M2QX'],
    ['K7 M2 QX', 'K7M2QX'],
    ['K7M2Q', null],
    ['K7M2QXX', null],
    ['K0M2QX', null],
    ['9876543210', null],
  ])('reads %j as %j', (typed, code) => {
    expect(normaliseVerificationCode(typed)).toBe(code);
  });

  it('rides on the sent text and keeps a short Hindi broadcast to one SMS part', () => {
    const body = { hi: 'बच्चा चोरी की अफवाह झूठी है।' };
    const text = renderVariant(body, 'hi', 'K7M2QX');
    expect(text).toBe(`बच्चा चोरी की अफवाह झूठी है।\n${verificationLine('K7M2QX')}`);
    expect(verificationLine('K7M2QX')).toBe('सत्यापन कोड / Verify: K7M2QX');
    expect(smsSegments(text)).toMatchObject({ encoding: 'ucs2', segments: 1 });
    expect(renderVariant(body, 'hi')).toBe(body.hi);
  });
});
