import { describe, expect, it } from 'vitest';
import { OfficerPrincipal, Role } from '@jansetu/identity';
import { assertMayDecide, revealRequestReason } from './reveal-request-policy';

describe('the reason of a reveal request cites an FIR or this case', () => {
  it.each<[string, string, string | 400]>([
    ['an FIR number/year', 'FIR 45/25: witness needed', 'FIR 45/25'],
    ['FIR No. with a four-digit year', 'Witness for FIR No. 123/2025 at court', 'FIR No. 123/2025'],
    ['a Hindi FIR (कांड सं.)', 'कांड सं. 45/25 में गवाह', 'कांड सं. 45/25'],
    ['प्राथमिकी', 'प्राथमिकी 7/2026 हेतु बयान', 'प्राथमिकी 7/2026'],
    ['this case number', 'Case 1042: the tip names a suspect', 'Case 1042'],
    ['this case number in Hindi', 'केस 1042 में आरोपी का पता', 'केस 1042'],
    ['another case number', 'Case 1043: the tip names a suspect', 400],
    ['an FIR without a year', 'FIR 45 witness needed now', 400],
    ['no reference', 'the informant is needed as a witness', 400],
    ['ten letters of junk', 'abcdefghij', 400],
    ['a reference with nothing else', 'FIR 4/25', 400],
  ])('%s', (_label, reason, expected) => {
    if (expected === 400) {
      expect(() => revealRequestReason(reason, 1042)).toThrow(expect.objectContaining({ status: 400 }));
    } else {
      expect(revealRequestReason(`  ${reason} `, 1042)).toEqual({ reason, reference: expected });
    }
  });
});

const officer = (id: string, role: Role, jurisdictionPath: string | null): OfficerPrincipal => ({
  id,
  username: id,
  role,
  jurisdictionNodeId: null,
  jurisdictionPath,
});

describe('who decides a reveal request', () => {
  const district = { id: 'sp', role: 'district_admin' as Role, path: '/br/sam/' };
  const hqRequester = { id: 'hq1', role: 'hq_admin' as Role, path: null };
  it.each<[string, OfficerPrincipal, { id: string; role: Role; path: string | null }, 'ok' | 403]>([
    ['HQ decides a district admin’s request', officer('hq1', 'hq_admin', null), district, 'ok'],
    ['a second HQ admin decides an HQ admin’s', officer('hq2', 'hq_admin', null), hqRequester, 'ok'],
    ['nobody decides their own', officer('hq1', 'hq_admin', null), hqRequester, 403],
    ['nor does the requester as a district admin', officer('sp', 'district_admin', '/br/sam/'), district, 403],
    ['a peer district admin is not above', officer('sp2', 'district_admin', '/br/sam/'), district, 403],
    ['another district is not above', officer('sp3', 'district_admin', '/br/pat/'), district, 403],
    ['a district admin cannot decide an HQ request', officer('sp', 'district_admin', '/br/sam/'), hqRequester, 403],
    ['a station officer decides nothing', officer('sho', 'station_officer', '/br/'), district, 403],
    ['an auditor decides nothing', officer('aud', 'auditor', null), district, 403],
  ])('%s', (_label, approver, requester, expected) => {
    if (expected === 'ok') expect(() => assertMayDecide(approver, requester)).not.toThrow();
    else expect(() => assertMayDecide(approver, requester)).toThrow(expect.objectContaining({ status: 403 }));
  });
});
