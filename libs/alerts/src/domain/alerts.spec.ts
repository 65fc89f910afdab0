import { describe, expect, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { alertText, ancestorPath, mayManage } from './alerts';

const officer = (role: OfficerPrincipal['role'], jurisdictionPath: string | null): OfficerPrincipal => ({
  id: 'o',
  username: 'o',
  role,
  jurisdictionNodeId: null,
  jurisdictionPath,
});

describe('alert rules', () => {
  it('goes up one level per escalation and never above the state', () => {
    expect(ancestorPath('/br/sam/sadar/muf/', 1)).toBe('/br/sam/sadar/');
    expect(ancestorPath('/br/sam/sadar/muf/', 2)).toBe('/br/sam/');
    expect(ancestorPath('/br/', 3)).toBe('/br/');
  });

  it.each([
    ['a station officer, own station', officer('station_officer', '/br/sam/sadar/muf/'), '/br/sam/sadar/muf/', true],
    [
      'a station officer, another station',
      officer('station_officer', '/br/sam/sadar/muf/'),
      '/br/sam/sadar/town/',
      false,
    ],
    [
      'a station officer, a village below',
      officer('station_officer', '/br/sam/sadar/muf/'),
      '/br/sam/sadar/muf/v/',
      false,
    ],
    ['the district, a station in it', officer('district_admin', '/br/sam/'), '/br/sam/sadar/muf/', true],
    ['another district', officer('district_admin', '/br/pat/'), '/br/sam/sadar/muf/', false],
    ['HQ, anywhere', officer('hq_admin', null), '/br/sam/', true],
  ])('%s', (_label, who, path, allowed) => expect(mayManage(who, path)).toBe(allowed));

  it('fits two concatenated Unicode SMS parts (2 × 67), with the case number and pseudonym', () => {
    for (const level of [0, 1, 2]) {
      const text = alertText(123456, 'MUF-7K3Q', level);
      expect(text).toContain('#123456 MUF-7K3Q');
      expect(text.length).toBeLessThanOrEqual(134);
    }
  });
});
