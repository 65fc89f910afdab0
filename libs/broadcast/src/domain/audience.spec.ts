import { describe, expect, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { audienceOf, checkAudience } from './audience';

const sho: OfficerPrincipal = {
  id: 'o1',
  username: 'sho',
  role: 'station_officer',
  jurisdictionNodeId: 'kot',
  jurisdictionPath: '/br/pat/sadar/kot/',
};
const nodes = [
  { id: 'kot', code: 'KOTWALI', path: '/br/pat/sadar/kot/', level: 'station' },
  { id: 'gm', code: 'GANDHI-MAIDAN', path: '/br/pat/sadar/gm/', level: 'station' },
];

describe('audience', () => {
  it('reads a list of ids as groups, and drops repeats', () => {
    expect(audienceOf(['g1', 'g1', 'g2'])).toEqual({ groupIds: ['g1', 'g2'], jurisdictions: [] });
    expect(
      audienceOf({
        jurisdictions: [
          { nodeId: 'kot', level: null },
          { nodeId: 'kot', level: null },
        ],
      }).jurisdictions,
    ).toEqual([{ nodeId: 'kot', level: null }]);
  });

  it('refuses an empty audience', () => {
    expect(() => audienceOf({})).toThrow(/empty/);
  });

  it('returns the paths of its groups and jurisdictions', () => {
    const groups = [{ id: 'g1', path: '/br/pat/sadar/kot/v1/', status: 'open' }];
    const audience = audienceOf({ groupIds: ['g1'], jurisdictions: [{ nodeId: 'kot', level: 'locality' }] });
    expect(checkAudience(sho, audience, groups, nodes, true)).toEqual(['/br/pat/sadar/kot/v1/', '/br/pat/sadar/kot/']);
  });

  it.each([
    ['a neighbouring station', { jurisdictions: [{ nodeId: 'gm', level: null }] }, /GANDHI-MAIDAN is outside/],
    [
      'a level above the node',
      { jurisdictions: [{ nodeId: 'kot', level: 'district' as const }] },
      /KOTWALI is a station/,
    ],
    ['an unknown node', { jurisdictions: [{ nodeId: 'x', level: null }] }, /jurisdiction x not found/],
    ['a group out of reach', { groupIds: ['g9'] }, /group g9 not found/],
  ])('refuses %s', (_, input, reason) => {
    const groups = [{ id: 'g9', path: '/br/gaya/', status: 'open' }];
    expect(() => checkAudience(sho, audienceOf(input), groups, nodes, true)).toThrow(reason);
  });
});
