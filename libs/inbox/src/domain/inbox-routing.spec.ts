import { describe, expect, it } from 'vitest';
import { DistrictNode, InboxNode, MemberGroupNode, memberInbox, mostLocalGroup, namedDistrict } from './inbox-routing';

const n = (id: string, level: string, path: string): InboxNode => ({ id, level, path });
const BR = n('BR', 'state', '/br/');
const SAM = n('SAM', 'district', '/br/sam/');
const SADAR = n('SADAR', 'subdivision', '/br/sam/sadar/');
const MUF = n('MUF', 'station', '/br/sam/sadar/muf/');
const DHARAM = n('DHARAM', 'locality', '/br/sam/sadar/muf/dharam/');
const TOWN = n('TOWN', 'station', '/br/sam/sadar/town/');
const above = (node: InboxNode) => [BR, SAM, SADAR, MUF, DHARAM, TOWN].filter((a) => node.path.startsWith(a.path));
const joined = (node: InboxNode, at: string): MemberGroupNode => ({ ...node, joinedAt: at });

describe('inbox routing', () => {
  it.each<[string, MemberGroupNode[], string | undefined]>([
    ['no group', [], undefined],
    ['one group', [joined(SAM, '2025-01-01')], 'SAM'],
    ['the village over the district', [joined(SAM, '2025-01-02'), joined(DHARAM, '2025-01-01')], 'DHARAM'],
    ['the station over the state', [joined(BR, '2025-01-02'), joined(TOWN, '2025-01-01')], 'TOWN'],
    ['the latest joined of two equally local', [joined(MUF, '2025-01-01'), joined(TOWN, '2025-03-01')], 'TOWN'],
  ])('a member’s group: %s → %s', (_label, groups, expected) => {
    expect(mostLocalGroup(groups)?.id).toBe(expected);
  });

  it.each<[string, InboxNode, string]>([
    ['a locality goes to its station', DHARAM, 'MUF'],
    ['a station is its own inbox', TOWN, 'TOWN'],
    ['a subdivision has no station above: its own node', SADAR, 'SADAR'],
    ['a district group: the district', SAM, 'SAM'],
    ['a state group: the state', BR, 'BR'],
  ])('%s', (_label, group, expected) => {
    expect(memberInbox(group, above(group))).toEqual({
      ...[BR, SAM, SADAR, MUF, DHARAM, TOWN].find((x) => x.id === expected),
    });
  });

  it('picks the nearest of two stations above a group and returns only the node', () => {
    const outer = n('OUTER', 'station', '/br/sam/');
    expect(memberInbox(joined(DHARAM, '2025-01-01'), [outer, MUF, DHARAM])).toEqual(MUF);
  });

  const districts: DistrictNode[] = [
    { ...n('PAT', 'district', '/br/pat/'), nameEn: 'Patna', nameHi: 'पटना' },
    { ...n('SAM', 'district', '/br/sam/'), nameEn: 'Samastipur', nameHi: 'समस्तीपुर' },
    { ...n('XY', 'district', '/br/xy/'), nameEn: 'Ab', nameHi: 'अ' },
  ];
  it.each<[string, string, string | undefined]>([
    ['the English name', 'Patna me bypass road pe sharab ki godam hai', 'PAT'],
    ['the Hindi name', 'समस्तीपुर में जुआ चलता है', 'SAM'],
    ['any case', 'PATNA station pe chori', 'PAT'],
    ['the first district named, in the order given', 'samastipur se patna tak', 'PAT'],
    ['a word that starts with the name counts too', 'Patnawala chowk pe jaam', 'PAT'],
    ['a word that only ends with the name does not', 'Bypatna chowk pe jaam', undefined],
    ['names of two letters or fewer never match', 'ab kya karein', undefined],
    ['no district named: the state', 'naqli note chal raha hai haat me', undefined],
  ])('a stranger’s message, %s → %s', (_label, text, expected) => {
    expect(namedDistrict(text, districts)?.id).toBe(expected);
  });

  it('returns the district as an inbox node only', () => {
    expect(namedDistrict('Patna', districts)).toEqual({ id: 'PAT', level: 'district', path: '/br/pat/' });
  });
});
