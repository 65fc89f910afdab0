import { describe, expect, it } from 'vitest';
import { Role } from '@jansetu/identity';
import { revealReason } from './reveal-policy';

const REASON = 'FIR 123/25: witness needed';

describe('who may reveal a sender, and why', () => {
  it.each<[string, Role, string | null | undefined, string | 403 | 400]>([
    ['a district admin with a reason', 'district_admin', REASON, REASON],
    ['an HQ admin with a reason', 'hq_admin', REASON, REASON],
    ['the reason as audited is trimmed', 'hq_admin', `   ${REASON}  `, REASON],
    ['exactly ten characters', 'district_admin', '0123456789', '0123456789'],
    ['nine characters', 'district_admin', '012345678', 400],
    ['ten characters only with the spaces', 'district_admin', '  12345678  ', 400],
    ['no reason', 'district_admin', undefined, 400],
    ['a null reason', 'hq_admin', null, 400],
    ['a station officer', 'station_officer', REASON, 403],
    ['a subdivision officer', 'subdivision_officer', REASON, 403],
    ['an auditor', 'auditor', REASON, 403],
    ['a station officer without a reason: the role is refused first', 'station_officer', '', 403],
  ])('%s', (_label, role, reason, expected) => {
    if (typeof expected === 'number') {
      expect(() => revealReason(role, reason)).toThrow(expect.objectContaining({ status: expected }));
    } else {
      expect(revealReason(role, reason)).toBe(expected);
    }
  });
});
