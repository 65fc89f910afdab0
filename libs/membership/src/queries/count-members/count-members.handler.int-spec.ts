import { QueryBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MembershipTestContext, membershipTestContext, newGroup } from '@jansetu/testing';
import { citizenSays, GROUP_TREE, officerIn } from '../../groups.harness';
import { CountMembersQuery } from './count-members.query';

describe('CountMembersHandler on PostgreSQL', () => {
  let ctx: MembershipTestContext;
  let hq: OfficerPrincipal;
  let sho: OfficerPrincipal;
  let sp: OfficerPrincipal;
  const groups: Record<string, { id: string; joinCode: string }> = {};
  const count = (o: OfficerPrincipal, since = new Date(Date.now() - 7 * 86_400_000)) =>
    ctx.moduleRef.get(QueryBus).execute(new CountMembersQuery(o.jurisdictionPath, since));

  beforeAll(async () => {
    ctx = await membershipTestContext(inject('runPrefix'), 'membership_count_members', GROUP_TREE);
    hq = await officerIn(ctx, 'hq', 'hq_admin', null);
    sho = await officerIn(ctx, 'sho.mufassil', 'station_officer', 'SAM-MUFASSIL');
    sp = await officerIn(ctx, 'sp.samastipur', 'district_admin', 'SAM');
    for (const [key, jurisdictionCode] of [
      ['mufassil', 'SAM-MUFASSIL'],
      ['town', 'SAM-TOWN'],
      ['kotwali', 'PAT-KOTWALI'],
    ]) {
      groups[key] = await newGroup(ctx.commands, hq, { jurisdictionCode, name: key });
    }
    for (const n of [1, 2, 3]) await citizenSays(ctx, 'sms', `+91983444440${n}`, `JOIN ${groups.mufassil.joinCode}`);
    await citizenSays(ctx, 'sms', '+919834444403', `LEAVE ${groups.mufassil.joinCode}`);
    await citizenSays(ctx, 'sms', '+919834444404', `JOIN ${groups.town.joinCode}`);
    await citizenSays(ctx, 'sms', '+919834444405', `JOIN ${groups.kotwali.joinCode}`);
  });
  afterAll(async () => ctx?.close());

  it('gives a station its groups: members, joins and leaves this week', async () => {
    expect(await count(sho)).toEqual({
      groups: [
        {
          groupId: groups.mufassil.id,
          name: 'mufassil',
          jurisdictionCode: 'SAM-MUFASSIL',
          jurisdictionNameEn: 'Mufassil',
          jurisdictionNameHi: 'मुफस्सिल',
          members: 2,
          joined: 2,
          left: 1,
        },
      ],
      byArea: [
        {
          code: 'SAM-MUFASSIL',
          nameEn: 'Mufassil',
          nameHi: 'मुफस्सिल',
          level: 'station',
          groups: 1,
          members: 2,
          joined: 2,
          left: 1,
        },
      ],
    });
    // joins before the window are members, not joins of this week
    const later = await count(sho, new Date(Date.now() + 60_000));
    expect(later.groups.map((g) => [g.members, g.joined, g.left])).toEqual([[2, 0, 0]]);
  });

  it('gives a district its stations and HQ the districts; nothing beyond one’s own', async () => {
    const district = await count(sp);
    expect(district.byArea.map((a) => [a.code, a.members, a.joined])).toEqual([
      ['SAM-MUFASSIL', 2, 2],
      ['SAM-TOWN', 1, 1],
    ]);
    expect(district.groups.map((g) => g.name)).toEqual(['mufassil', 'town']);
    const state = await count(hq);
    expect(state.byArea.map((a) => [a.code, a.level, a.members])).toEqual([
      ['PAT', 'district', 1],
      ['SAM', 'district', 3],
    ]);
    expect(JSON.stringify(state)).not.toContain('983444440');
  });
});
