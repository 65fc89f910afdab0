import { describe, expect, it } from 'vitest';
import { CaseAction, statusAfterReply, transitionCase } from './case-lifecycle';
import { CaseStatus } from './case-view';

describe('case lifecycle', () => {
  it.each<[CaseStatus, CaseAction, CaseStatus | 'refused', boolean]>([
    ['new', 'acknowledge', 'acknowledged', true],
    ['new', 'start', 'in_progress', true],
    ['new', 'close', 'closed', true],
    ['acknowledged', 'acknowledge', 'acknowledged', false],
    ['acknowledged', 'start', 'in_progress', true],
    ['acknowledged', 'close', 'closed', true],
    ['in_progress', 'acknowledge', 'refused', false],
    ['in_progress', 'start', 'in_progress', false],
    ['in_progress', 'close', 'closed', true],
    ['closed', 'acknowledge', 'refused', false],
    ['closed', 'start', 'refused', false],
    ['closed', 'close', 'closed', false],
  ])('%s + %s → %s (changed: %s)', (status, action, next, changed) => {
    if (next === 'refused') {
      expect(() => transitionCase(status, action)).toThrow(
        expect.objectContaining({ code: 'invalid_transition', status: 409 }),
      );
    } else {
      expect(transitionCase(status, action)).toEqual({ status: next, changed });
    }
  });

  it.each<[CaseStatus, CaseStatus]>([
    ['new', 'acknowledged'],
    ['acknowledged', 'acknowledged'],
    ['in_progress', 'in_progress'],
    ['closed', 'closed'],
  ])('a reply to a %s case leaves it %s', (status, next) => {
    expect(statusAfterReply(status)).toBe(next);
  });
});
