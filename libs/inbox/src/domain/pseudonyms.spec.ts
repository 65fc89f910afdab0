import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BlindIndex } from '@jansetu/platform';
import { anonymousPseudonym, senderKeys, stationPseudonym } from './pseudonyms';

describe('inbox pseudonyms', () => {
  const blind = new BlindIndex(randomBytes(32).toString('base64'));

  it('are stable per citizen per station and differ between stations and citizens', () => {
    const a = stationPseudonym(blind, 'station-1', 'citizen:1');
    expect(a).toMatch(/^T-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(stationPseudonym(blind, 'station-1', 'citizen:1')).toBe(a);
    expect(stationPseudonym(blind, 'station-2', 'citizen:1')).not.toBe(a);
    expect(stationPseudonym(blind, 'station-1', 'citizen:2')).not.toBe(a);
    // Another deployment's key gives other names: pseudonyms cannot be recomputed without the key.
    expect(stationPseudonym(new BlindIndex(randomBytes(32).toString('base64')), 'station-1', 'citizen:1')).not.toBe(a);
  });

  it('give anonymous cases a fresh name and a sender key unlike the named one', () => {
    expect(anonymousPseudonym()).toMatch(/^A-[0-9A-Z]{8}$/);
    expect(anonymousPseudonym()).not.toBe(anonymousPseudonym());
    const keys = senderKeys(blind, 'citizen:1');
    expect(keys.named).not.toBe(keys.anonymous);
  });
});
