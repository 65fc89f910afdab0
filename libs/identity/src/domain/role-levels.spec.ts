import { describe, expect, it } from 'vitest';
import { Level } from '@jansetu/jurisdiction';
import { assertRoleFitsLevel, ROLE_LEVELS, roleLevelMismatch } from './role-levels';
import { Role, Roles } from './role';

describe('which roles exist at which level', () => {
  it('is the documented table', () => {
    expect(ROLE_LEVELS).toEqual({
      hq_admin: ['state'],
      district_admin: ['district'],
      subdivision_officer: ['subdivision'],
      station_officer: ['station'],
      auditor: ['state', 'district'],
    });
  });

  const levels: (Level | null)[] = [null, 'state', 'district', 'subdivision', 'station', 'locality'];
  const fits: Record<Role, (Level | null)[]> = {
    hq_admin: [null, 'state'],
    district_admin: ['district'],
    subdivision_officer: ['subdivision'],
    station_officer: ['station'],
    auditor: [null, 'state', 'district'],
  };
  const cases = Roles.flatMap((role) => levels.map((level) => [role, level, fits[role].includes(level)] as const));

  it.each(cases)('%s posted at %s: allowed = %s', (role, level, allowed) => {
    expect(roleLevelMismatch(role, level) === null).toBe(allowed);
    if (!allowed) expect(() => assertRoleFitsLevel(role, level)).toThrow(/is posted at .* level.*तैनाती/);
  });

  it('names the issue’s mismatches with a reason', () => {
    expect(roleLevelMismatch('station_officer', 'district')).toMatch(/station_officer is posted at station level/);
    expect(roleLevelMismatch('district_admin', 'station')).toMatch(/not station/);
    expect(roleLevelMismatch('auditor', 'station')).toMatch(/state or district/);
  });
});
