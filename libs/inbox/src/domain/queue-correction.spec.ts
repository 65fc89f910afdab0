import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FILTERED_CLASSES, MessageClasses } from './classifier';
import {
  AlreadyFiledAsError,
  AlreadyInMainQueueError,
  CORRECTED_LABELS,
  decideMoveToMain,
  decideReclassification,
  EmergencyNotFilteredError,
  FiledAs,
} from './queue-correction';

const filtered: FiledAs = {
  label: 'greeting',
  currentLabel: 'greeting',
  urgent: false,
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

describe('re-filing a case as what it really is', () => {
  const tip: FiledAs = { ...filtered, label: 'tip', currentLabel: 'tip', queue: 'main', confidence: 0.55 };

  it('marks a main-queue case as spam: into the filtered queue, the classifier’s verdict kept beside it', () => {
    expect(decideReclassification(tip, 'spam')).toEqual({
      originalLabel: 'tip',
      originalQueue: 'main',
      originalClassifiedBy: 'model',
      originalConfidence: 0.55,
      originalFilterReason: null,
      correctedQueue: 'filtered',
      correctedLabel: 'spam',
    });
  });

  it('re-labels within the main queue (a tip that is a complaint) and out of the filtered one', () => {
    expect(decideReclassification(tip, 'complaint')).toMatchObject({ correctedQueue: 'main' });
    expect(decideReclassification(filtered, 'rumour')).toMatchObject({
      originalQueue: 'filtered',
      correctedQueue: 'main',
      correctedLabel: 'rumour',
    });
  });

  it('never files an urgent case away, and never makes an emergency by hand', () => {
    expect(() => decideReclassification({ ...tip, label: 'emergency', urgent: true }, 'spam')).toThrow(
      EmergencyNotFilteredError,
    );
    expect(() => decideReclassification(tip, 'emergency')).toThrow(/label must be one of/);
  });

  it('refuses what changes nothing: the label the case already has, in its queue (409)', () => {
    expect(() => decideReclassification(tip, 'tip')).toThrow(AlreadyFiledAsError);
    expect(() => decideReclassification({ ...tip, currentLabel: 'complaint' }, 'complaint')).toThrow(
      AlreadyFiledAsError,
    );
  });

  it('for any case and label: noise goes to the filtered queue, the rest to the main one, an urgent case never filtered', () => {
    const label = fc.constantFrom(...MessageClasses);
    fc.assert(
      fc.property(
        label,
        label,
        fc.constantFrom('main' as const, 'filtered' as const),
        fc.boolean(),
        label,
        (was, now, queue, urgent, to) => {
          const filed: FiledAs = { ...tip, label: was, currentLabel: now, queue, urgent };
          let correction;
          try {
            correction = decideReclassification(filed, to);
          } catch (e) {
            // Refused with a reason (400 or 409), and only where the rules say so.
            expect([400, 409]).toContain((e as { status?: number }).status);
            expect(
              to === 'emergency' ||
                (urgent && FILTERED_CLASSES.includes(to)) ||
                (to === now && queue === (FILTERED_CLASSES.includes(to) ? 'filtered' : 'main')),
            ).toBe(true);
            return;
          }
          expect(correction.correctedQueue).toBe(FILTERED_CLASSES.includes(to) ? 'filtered' : 'main');
          expect(urgent && correction.correctedQueue === 'filtered').toBe(false);
          expect(correction.originalLabel).toBe(was);
        },
      ),
    );
  });
});
