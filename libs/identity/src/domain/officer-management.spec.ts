import { describe, expect, it } from 'vitest';
import { canViewOfficer, ManagedOfficer, manageRefusal, transferRefusal } from './officer-management';
import { OfficerPrincipal } from './officer-principal';

const principal = (id: string, role: OfficerPrincipal['role'], path: string | null): OfficerPrincipal => ({
  id,
  username: id,
  role,
  jurisdictionNodeId: path ? 'n' : null,
  jurisdictionPath: path,
});
const hq = principal('hq', 'hq_admin', null);
const patnaSp = principal('sp', 'district_admin', '/br/pat/');
const patnaAuditor = principal('au', 'auditor', '/br/pat/');
const sho = principal('sho', 'station_officer', '/br/pat/sadar/kot/');

const kotwaliSho: ManagedOfficer = { id: 'k', role: 'station_officer', jurisdictionPath: '/br/pat/sadar/kot/' };
const gayaSho: ManagedOfficer = { id: 'g', role: 'station_officer', jurisdictionPath: '/br/gaya/sadar/town/' };
const otherSp: ManagedOfficer = { id: 'sp2', role: 'district_admin', jurisdictionPath: '/br/pat/' };
const otherHq: ManagedOfficer = { id: 'hq2', role: 'hq_admin', jurisdictionPath: null };

describe('who may see and manage an officer', () => {
  it.each<[string, OfficerPrincipal, ManagedOfficer, boolean, boolean]>([
    ['HQ, a station officer anywhere', hq, gayaSho, true, true],
    ['HQ, another HQ admin', hq, otherHq, true, true],
    ['HQ, themselves', hq, { id: 'hq', role: 'hq_admin', jurisdictionPath: null }, true, false],
    ['a district admin, a station officer of the district', patnaSp, kotwaliSho, true, true],
    ['a district admin, a station officer of another district', patnaSp, gayaSho, false, false],
    ['a district admin, a peer district admin', patnaSp, otherSp, true, false],
    ['a district admin, HQ', patnaSp, otherHq, false, false],
    ['a district auditor, a station officer of the district (read only)', patnaAuditor, kotwaliSho, true, false],
    ['a district auditor, another district', patnaAuditor, gayaSho, false, false],
    ['a station officer, a colleague', sho, kotwaliSho, false, false],
  ])('%s: view %s, manage %s', (_, actor, target, view, manage) => {
    expect(canViewOfficer(actor, target)).toBe(view);
    expect(manageRefusal(actor, target) === null).toBe(manage);
  });

  it('keeps a district admin’s transfers inside the district and below district rank', () => {
    expect(transferRefusal(patnaSp, kotwaliSho, { role: 'station_officer', jurisdictionPath: '/br/pat/x/' })).toBe(
      null,
    );
    expect(transferRefusal(patnaSp, kotwaliSho, { role: 'station_officer', jurisdictionPath: '/br/gaya/' })).toMatch(
      /may not manage/,
    );
    expect(transferRefusal(patnaSp, kotwaliSho, { role: 'district_admin', jurisdictionPath: '/br/pat/' })).toMatch(
      /may not manage/,
    );
    expect(transferRefusal(hq, gayaSho, { role: 'district_admin', jurisdictionPath: '/br/gaya/' })).toBeNull();
  });
});
