import { describe, expect, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { ForbiddenError, NotFoundError, ValidationError } from '@jansetu/platform';
import { assertGroupId, GroupRef, groupInReach, listingScope } from './group-ref';

const STATE = '/s/';
const DISTRICT = '/s/d/';
const STATION = '/s/d/st/';
const OTHER_STATION = '/s/d/other/';
const OTHER_DISTRICT = '/s/e/';

const officer = (jurisdictionPath: string | null): OfficerPrincipal => ({
  id: 'o',
  username: 'o',
  role: jurisdictionPath ? 'station_officer' : 'hq_admin',
  jurisdictionNodeId: jurisdictionPath ? 'n' : null,
  jurisdictionPath,
});

const group = (path: string): GroupRef => ({
  id: '6f1c1b9e-6a0b-4c1e-9d3f-2b7a8c9d0e1f',
  name: 'जनसेतु',
  language: 'hi',
  joinCode: '482193',
  status: 'open',
  path,
  jurisdiction: { code: 'X', level: 'station', nameEn: 'X', nameHi: 'X' },
});

describe('a group id', () => {
  it.each([
    ['a lower-case UUID', '6f1c1b9e-6a0b-4c1e-9d3f-2b7a8c9d0e1f', null],
    ['an upper-case UUID', '6F1C1B9E-6A0B-4C1E-9D3F-2B7A8C9D0E1F', null],
    ['a join code', '482193', ValidationError],
    ['a UUID with a tail', '6f1c1b9e-6a0b-4c1e-9d3f-2b7a8c9d0e1f; DROP', ValidationError],
    ['nothing', '', ValidationError],
  ])('%s: %s', (_label, id, error) => {
    if (error) expect(() => assertGroupId(id)).toThrow(error);
    else expect(() => assertGroupId(id)).not.toThrow();
  });
});

describe('a group within an officer’s reach', () => {
  it.each([
    ['station officer, own station', STATION, STATION, null],
    ['district admin, a station below', DISTRICT, STATION, null],
    ['state-wide officer, anywhere', null, OTHER_DISTRICT, null],
    ['station officer, the station beside', STATION, OTHER_STATION, NotFoundError],
    ['station officer, a group on the district', STATION, DISTRICT, NotFoundError],
    ['district admin, another district', DISTRICT, OTHER_DISTRICT, NotFoundError],
  ])('%s', (_label, officerPath, groupPath, error) => {
    const g = group(groupPath);
    if (error) expect(() => groupInReach(officer(officerPath), g.id, g)).toThrow(error);
    else expect(groupInReach(officer(officerPath), g.id, g)).toBe(g);
  });

  it.each([STATION, null])('is not found when there is none (officer at %s)', (officerPath) => {
    expect(() => groupInReach(officer(officerPath), 'id', null)).toThrow(NotFoundError);
  });
});

describe('the subtree a group listing covers', () => {
  it.each([
    ['state-wide officer narrows to a district', null, DISTRICT, DISTRICT],
    ['district admin narrows to a station below', DISTRICT, STATION, STATION],
    ['station officer names their own station', STATION, STATION, STATION],
    ['station officer names the state above: still their station', STATION, STATE, STATION],
    ['district admin names the state above: still their district', DISTRICT, STATE, DISTRICT],
  ])('%s', (_label, scope, nodePath, expected) => {
    expect(listingScope(scope, { code: 'N', path: nodePath })).toBe(expected);
  });

  it.each([
    ['station officer, the station beside', STATION, OTHER_STATION],
    ['district admin, another district', DISTRICT, OTHER_DISTRICT],
    ['district admin, a station of another district', DISTRICT, '/s/e/x/'],
  ])('refuses a node beside the officer’s: %s', (_label, scope, nodePath) => {
    expect(() => listingScope(scope, { code: 'N', path: nodePath })).toThrow(ForbiddenError);
  });
});
