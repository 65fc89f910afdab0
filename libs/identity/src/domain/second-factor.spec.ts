import { describe, expect, it } from 'vitest';
import { newRecoveryCodes, recoveryCodeHash, secondFactorNeed, SecondFactorNeed, stepIsFresh } from './second-factor';
import { Role } from './role';

const REQUIRED = ['hq_admin', 'district_admin', 'auditor'];

describe('the second factor', () => {
  it.each<[Role, boolean, SecondFactorNeed]>([
    ['hq_admin', false, 'enrolment'],
    ['district_admin', false, 'enrolment'],
    ['auditor', false, 'enrolment'],
    ['station_officer', false, 'none'],
    ['subdivision_officer', false, 'none'],
    ['station_officer', true, 'code'],
    ['hq_admin', true, 'code'],
  ])('%s enrolled=%s needs %s', (role, enrolled, need) => {
    expect(secondFactorNeed(role, enrolled, REQUIRED)).toBe(need);
  });

  it('accepts a time step once', () => {
    expect(stepIsFresh(100, null)).toBe(true);
    expect(stepIsFresh(101, 100)).toBe(true);
    expect(stepIsFresh(100, 100)).toBe(false);
    expect(stepIsFresh(99, 100)).toBe(false);
  });

  it('makes ten distinct recovery codes whose hash ignores case, spaces and dashes', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    expect(codes[0]).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(recoveryCodeHash(codes[0].toUpperCase().replace('-', ' '))).toEqual(recoveryCodeHash(codes[0]));
  });
});
