import { describe, expect, it } from 'vitest';
import { AlreadyInMainQueueError, CORRECTED_LABELS, decideMoveToMain, FiledAs } from './queue-correction';

const filtered: FiledAs = {
  label: 'greeting',
  queue: 'filtered',
  classifiedBy: 'model',
  confidence: 0.61,
  filterReason: null,
};

describe('moving a mis-filtered case to the main queue', () => {
  it.each([
    { label: 'no verdict', corrected: null, expected: null },
    { label: 'a tip after all', corrected: 'tip' as const, expected: 'tip' },
    { label: 'a complaint', corrected: 'complaint' as const, expected: 'complaint' },
  ])('keeps the classifier’s verdict beside the officer’s ($label)', ({ corrected, expected }) => {
    expect(decideMoveToMain(filtered, corrected)).toEqual({
      originalLabel: 'greeting',
      originalQueue: 'filtered',
      originalClassifiedBy: 'model',
      originalConfidence: 0.61,
      originalFilterReason: null,
      correctedQueue: 'main',
      correctedLabel: expected,
    });
  });

  it('refuses a case already in the main queue (409)', () => {
    expect(() => decideMoveToMain({ ...filtered, queue: 'main' }, null)).toThrow(AlreadyInMainQueueError);
  });

  it.each(['greeting', 'spam', 'political', 'abuse', 'emergency'] as const)('refuses the label %s', (label) => {
    expect(() => decideMoveToMain(filtered, label)).toThrow(/label must be one of/);
  });

  it('keeps a mute as the reason, so training can leave it out', () => {
    expect(decideMoveToMain({ ...filtered, filterReason: 'muted' }, null).originalFilterReason).toBe('muted');
    expect(CORRECTED_LABELS).toEqual(['tip', 'complaint', 'rumour']);
  });
});
