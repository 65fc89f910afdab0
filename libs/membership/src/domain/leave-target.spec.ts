import { describe, expect, it } from 'vitest';
import { decideLeave } from './leave-target';

const a = { joinCode: '482193', name: 'धरमपुर' };
const b = { joinCode: '771204', name: 'मुफस्सिल' };

describe('decideLeave', () => {
  it.each([
    ['LEAVE <code> of a group the citizen is in', [a, b], '771204', { kind: 'leave', group: b }],
    ['LEAVE <code> of another group', [a], '771204', { kind: 'not-in-group', code: '771204' }],
    ['LEAVE alone, one group', [a], null, { kind: 'leave', group: a }],
    ['LEAVE alone, no group', [], null, { kind: 'not-a-member' }],
    ['LEAVE alone, several groups', [a, b], null, { kind: 'which-group', groups: [a, b] }],
    ['LEAVE <code>, no group', [], '482193', { kind: 'not-in-group', code: '482193' }],
  ])('%s', (_label, groups, code, expected) => {
    expect(decideLeave(groups, code)).toEqual(expected);
  });
});
