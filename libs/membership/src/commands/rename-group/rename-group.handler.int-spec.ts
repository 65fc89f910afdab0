import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MembershipTestContext, membershipTestContext, newGroup } from '@jansetu/testing';
import { GROUP_TREE, groupAuditTrail, officerIn } from '../../groups.harness';
import { RenameGroupCommand } from './rename-group.command';

describe('RenameGroupHandler', () => {
  let ctx: MembershipTestContext;
  let district: OfficerPrincipal;
  let otherStation: OfficerPrincipal;
  let group: { id: string; joinCode: string };
  const row = async () =>
    ctx.dataSource.query(`SELECT name, join_code AS "joinCode" FROM citizen_group WHERE id = $1`, [group.id]);

  beforeAll(async () => {
    ctx = await membershipTestContext(inject('runPrefix'), 'membership_rename_group', GROUP_TREE);
    district = await officerIn(ctx, 'sp.samastipur', 'district_admin', 'SAM');
    otherStation = await officerIn(ctx, 'sho.mufassil', 'station_officer', 'SAM-MUFASSIL');
    group = await newGroup(ctx.commands, district, { jurisdictionCode: 'SAM-TOWN', name: 'नगर जनसेतु' });
  });
  afterAll(async () => ctx?.close());

  it('renames a group within reach, keeps its join code, and audits from and to with the officer’s reach', async () => {
    expect(await ctx.commands.execute(new RenameGroupCommand(district, group.id, 'नगर थाना जनसेतु'))).toEqual({
      id: group.id,
      name: 'नगर थाना जनसेतु',
    });
    expect(await row()).toEqual([{ name: 'नगर थाना जनसेतु', joinCode: group.joinCode }]);
    const [, renamed] = await groupAuditTrail(ctx.dataSource, group.id);
    expect(renamed).toEqual({
      type: 'group.renamed',
      actor: {
        kind: 'officer',
        officerId: district.id,
        role: 'district_admin',
        jurisdictionPath: district.jurisdictionPath,
      },
      body: { from: 'नगर जनसेतु', to: 'नगर थाना जनसेतु' },
    });
  });

  it('changes and audits nothing when the name is the same', async () => {
    const before = await groupAuditTrail(ctx.dataSource, group.id);
    expect(await ctx.commands.execute(new RenameGroupCommand(district, group.id, 'नगर थाना जनसेतु'))).toEqual({
      id: group.id,
      name: 'नगर थाना जनसेतु',
    });
    expect(await groupAuditTrail(ctx.dataSource, group.id)).toEqual(before);
  });

  it.each([
    ['another station’s group', () => new RenameGroupCommand(otherStation, group.id, 'नाम'), 404],
    ['a group that does not exist', () => new RenameGroupCommand(district, randomUUID(), 'नाम'), 404],
    ['an id that is no UUID', () => new RenameGroupCommand(district, '482193', 'नाम'), 400],
  ])('refuses %s (%#) and renames nothing', async (_label, command, status) => {
    await expect(ctx.commands.execute(command())).rejects.toMatchObject({ status });
    expect(await row()).toEqual([{ name: 'नगर थाना जनसेतु', joinCode: group.joinCode }]);
  });
});
