import { describe, expect, it } from 'vitest';
import { Role } from './role';
import { assertValidNewOfficer } from './officer-rules';

const long = 'x'.repeat(12);

describe('a new officer', () => {
  it.each<[string, string, Role, string | null, RegExp | null]>([
    ['an HQ admin for the whole state', long, 'hq_admin', null, null],
    ['an auditor for the whole state', long, 'auditor', null, null],
    ['a district auditor', long, 'auditor', 'PAT', null],
    ['a station officer of a thana', long, 'station_officer', 'PAT-KOTWALI', null],
    ['a password of 11 characters', 'x'.repeat(11), 'hq_admin', null, /at least 12 characters/],
    ['a station officer with no thana', long, 'station_officer', null, /a station_officer must be bound/],
    ['a district admin with no district', long, 'district_admin', null, /a district_admin must be bound/],
    ['a subdivision officer with no subdivision', long, 'subdivision_officer', '', /must be bound/],
  ])('%s', (_, password, role, jurisdictionCode, error) => {
    const check = () => assertValidNewOfficer({ password, role, jurisdictionCode });
    if (error) expect(check).toThrow(error);
    else expect(check).not.toThrow();
  });
});
