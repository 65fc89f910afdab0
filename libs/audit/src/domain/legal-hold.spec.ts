import { describe, expect, it } from 'vitest';
import {
  assertHoldRequest,
  assertReleaseReason,
  assertRetentionDays,
  HeldTarget,
  heldTargetOf,
  holdKindOf,
  HoldRequest,
  holdSubject,
} from './legal-hold';

describe('retention', () => {
  it.each<[number | null, RegExp | null]>([
    [null, null],
    [30, null],
    [3650, null],
    [29, /at least 30/],
    [7, /at least 30/],
    [45.5, /whole number/],
  ])('%s days', (days, error) => {
    if (error) expect(() => assertRetentionDays(days)).toThrow(error);
    else expect(() => assertRetentionDays(days)).not.toThrow();
  });
});

describe('a legal hold request', () => {
  it.each<[string, HoldRequest, string, { all: boolean } | RegExp]>([
    ['on everything', {}, 'court order', { all: true }],
    ['on a jurisdiction', { jurisdictionCode: 'GAY' }, 'court order', { all: false }],
    ['on a citizen', { pseudonym: 'N-1' }, 'inquiry', { all: false }],
    ['naming two things', { chainId: 'x', pseudonym: 'N-1' }, 'inquiry', /at most one of/],
    ['without a reason', { chainId: 'x' }, '   ', /needs a reason/],
  ])('%s', (_, request, reason, expected) => {
    if (expected instanceof RegExp) expect(() => assertHoldRequest(request, reason)).toThrow(expected);
    else expect(assertHoldRequest(request, reason)).toEqual(expected);
  });

  it('needs a reason to be released', () => {
    expect(() => assertReleaseReason('')).toThrow(/needs a reason/);
    expect(() => assertReleaseReason('inquiry closed')).not.toThrow();
  });

  it.each<[string, HoldRequest, string | null, HeldTarget]>([
    [
      'a broadcast is its chain',
      { broadcastId: 'b1' },
      null,
      { jurisdictionPath: null, chainId: 'broadcast:b1', pseudonym: null },
    ],
    [
      'a chain as named',
      { chainId: 'officer:o1' },
      null,
      { jurisdictionPath: null, chainId: 'officer:o1', pseudonym: null },
    ],
    [
      'a jurisdiction by its path',
      { jurisdictionCode: 'GAY' },
      '/s/g/',
      { jurisdictionPath: '/s/g/', chainId: null, pseudonym: null },
    ],
    ['a citizen', { pseudonym: 'N-1' }, null, { jurisdictionPath: null, chainId: null, pseudonym: 'N-1' }],
    ['everything', {}, null, { jurisdictionPath: null, chainId: null, pseudonym: null }],
  ])('stores %s', (_, request, path, expected) => {
    expect(heldTargetOf(request, path)).toEqual(expected);
  });
});

describe('a stored hold', () => {
  const none: HeldTarget = { jurisdictionPath: null, chainId: null, pseudonym: null };
  it.each<[HeldTarget, object, object]>([
    [none, { kind: 'all' }, { holdId: 'h' }],
    [
      { ...none, jurisdictionPath: '/s/g/' },
      { kind: 'jurisdiction', jurisdictionPath: '/s/g/', jurisdictionCode: 'GAY' },
      { holdId: 'h' },
    ],
    [
      { ...none, chainId: 'broadcast:b' },
      { kind: 'chain', chainId: 'broadcast:b' },
      { holdId: 'h', chainId: 'broadcast:b' },
    ],
    [
      { ...none, pseudonym: 'N-1' },
      { kind: 'citizen', pseudonym: 'N-1' },
      { holdId: 'h', pseudonym: 'N-1' },
    ],
  ])('%j reads as %j', (held, kind, subject) => {
    expect(holdKindOf(held, 'GAY')).toEqual(kind);
    expect(holdSubject('h', held)).toEqual(subject);
  });
});
