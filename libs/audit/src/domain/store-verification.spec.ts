import { describe, expect, it } from 'vitest';
import { ChainBreak } from './audit-event';
import { VerificationSummary } from './chain-verifier';
import { purgedThrough, tailBreak, verificationResult } from './store-verification';

const summary = (over: Partial<VerificationSummary> = {}): VerificationSummary => ({
  ok: true,
  checkedEvents: 10,
  chains: 3,
  brokenChains: 0,
  repeatedCopies: 0,
  anchoredChains: 1,
  unanchoredStarts: 0,
  breaks: [],
  ...over,
});
const brk = (chainId: string, chainSeq: number): ChainBreak => ({ chainId, chainSeq, eventId: null, reason: 'x' });

describe('checking the store against the chain heads', () => {
  it('takes the furthest purge of each chain', () => {
    const anchors = [
      { chainId: 'a', throughSeq: 3, throughHash: 'h' },
      { chainId: 'a', throughSeq: 7, throughHash: 'h' },
      { chainId: 'b', throughSeq: 2, throughHash: 'h' },
    ];
    expect(purgedThrough(anchors)).toEqual(
      new Map([
        ['a', 7],
        ['b', 2],
      ]),
    );
  });

  it.each([
    ['the store reaches the head', 5, 5, null],
    ['the store is ahead of a stale head', 6, 5, null],
    ['the newest events are gone', 3, 5, { chainSeq: 4, reason: /events 4\.\.5 are missing/ }],
    ['nothing of the chain is left', 0, 2, { chainSeq: 1, reason: /events 1\.\.2 are missing/ }],
  ])('%s', (_, stored, head, expected) => {
    const got = tailBreak('c', stored, head);
    if (expected === null) expect(got).toBeNull();
    else
      expect(got).toMatchObject({
        chainId: 'c',
        eventId: null,
        chainSeq: expected.chainSeq,
        reason: expect.stringMatching(expected.reason),
      });
  });

  it.each<[string, VerificationSummary, ChainBreak[], string | null, object]>([
    ['all holds', summary(), [], null, { ok: true, chains: 3, brokenChains: 0, complete: true }],
    [
      'an unfinished run says where to resume',
      summary(),
      [],
      'c',
      { ok: true, complete: false, resumeAfterChainId: 'c' },
    ],
    [
      'a missing tail of a chain not seen adds the chain',
      summary(),
      [brk('z', 1)],
      null,
      { ok: false, chains: 4, brokenChains: 1, firstBreak: { chainId: 'z' } },
    ],
    [
      'the first break in chain order wins',
      summary({ ok: false, brokenChains: 1, firstBreak: brk('m', 4), breaks: [brk('m', 4)] }),
      [brk('a', 9)],
      null,
      { ok: false, brokenChains: 2, firstBreak: { chainId: 'a', chainSeq: 9 } },
    ],
    [
      'a chain broken twice counts once',
      summary({ ok: false, brokenChains: 1, firstBreak: brk('a', 4), breaks: [brk('a', 4)] }),
      [brk('a', 9)],
      null,
      { brokenChains: 1, chains: 3, firstBreak: { chainSeq: 4 } },
    ],
  ])('%s', (_, s, tails, resume, expected) => {
    const result = verificationResult(s, tails, new Set(['a', 'm', 'x']), resume);
    expect(result).toMatchObject(expected);
    if (resume === null) expect(result).not.toHaveProperty('resumeAfterChainId');
  });
});
