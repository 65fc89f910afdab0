import { describe, expect, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import {
  assertAwaitsApproval,
  assertDecisionExplained,
  assertMayDecide,
  mayView,
  needsApproval,
} from './approval-rules';

const officer = (id: string, jurisdictionPath: string | null): OfficerPrincipal => ({
  id,
  username: id,
  role: 'district_admin',
  jurisdictionNodeId: null,
  jurisdictionPath,
});

describe('approval rules', () => {
  it.each<[number, number, string | undefined, boolean]>([
    [10, 500, 'station', false],
    [10, 500, 'locality', false],
    [500, 500, 'station', false],
    [501, 500, 'station', true], // above the threshold
    [10, 500, 'subdivision', true], // beyond one station
    [10, 500, 'district', true],
    [10, 500, 'state', true],
    [10, 500, undefined, true], // groups with no common jurisdiction
    [0, 500, 'station', false],
  ])('%i recipients (threshold %i) at %s level: approval needed %s', (recipients, threshold, level, needed) => {
    expect(needsApproval(recipients, threshold, level)).toBe(needed);
  });

  it.each<[string, string | null, string | null, string | null]>([
    // who, their jurisdiction, the broadcast's jurisdiction, refusal (null: may decide)
    ['district officer over a station', '/BR/PAT/', '/BR/PAT/SADAR/KOTWALI/', null],
    ['state-wide officer over anything', null, '/BR/PAT/SADAR/KOTWALI/', null],
    ['state-wide officer over a state-wide broadcast', null, null, null],
    ['the same level', '/BR/PAT/SADAR/KOTWALI/', '/BR/PAT/SADAR/KOTWALI/', 'parent jurisdiction'],
    ['a sibling district', '/BR/GAYA/', '/BR/PAT/SADAR/', 'parent jurisdiction'],
    ['a station under the broadcast', '/BR/PAT/SADAR/KOTWALI/', '/BR/PAT/', 'parent jurisdiction'],
    ['a district over a state-wide broadcast', '/BR/PAT/', null, 'parent jurisdiction'],
  ])('%s', (_, own, path, refusal) => {
    const decide = () => assertMayDecide(officer('approver', own), { authorId: 'author', jurisdictionPath: path });
    if (refusal)
      expect(decide).toThrow(expect.objectContaining({ code: 'forbidden', message: expect.stringContaining(refusal) }));
    else expect(decide).not.toThrow();
  });

  it('refuses the author, even a state-wide one', () => {
    expect(() =>
      assertMayDecide(officer('author', null), { authorId: 'author', jurisdictionPath: '/BR/PAT/' }),
    ).toThrow(expect.objectContaining({ code: 'forbidden', message: expect.stringContaining('author') }));
  });

  it.each<[boolean, Date | null, boolean]>([
    [true, null, true],
    [true, new Date(), false], // decided already
    [false, null, false], // never needed approval
  ])('needs approval %s, approved at %s: awaits a decision %s', (needs, approvedAt, awaits) => {
    const check = () => assertAwaitsApproval({ needsApproval: needs, approvedAt, status: 'sending' });
    if (awaits) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: 'not_pending', status: 409 }));
  });

  it.each<['approve' | 'reject', string | null, boolean]>([
    ['approve', null, true],
    ['approve', 'ok', true],
    ['reject', 'wrong station', true],
    ['reject', null, false],
    ['reject', '   ', false],
  ])('%s with note %j is complete: %s', (decision, note, ok) => {
    const check = () => assertDecisionExplained(decision, note);
    if (ok) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: 'invalid' }));
  });

  it.each<[string | null, string | null, boolean]>([
    [null, null, true],
    [null, '/BR/PAT/', true],
    ['/BR/PAT/', '/BR/PAT/SADAR/', true],
    ['/BR/PAT/', '/BR/PAT/', true],
    ['/BR/PAT/', '/BR/GAYA/', false],
    ['/BR/PAT/', null, false], // a state-wide broadcast is for state-wide officers
  ])('an officer at %s sees a broadcast at %s: %s', (own, path, visible) => {
    expect(mayView(officer('o', own), path)).toBe(visible);
  });
});
