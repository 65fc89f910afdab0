import { QueryBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MembershipTestContext, membershipTestContext, newGroup } from '@jansetu/testing';
import { CloseGroupCommand } from '../../commands/close-group/close-group.command';
import { citizenSays, GROUP_TREE, officerIn } from '../../groups.harness';
import { ListGroupsFilter, ListGroupsQuery } from './list-groups.query';

describe('ListGroupsHandler', () => {
  let ctx: MembershipTestContext;
  let hq: OfficerPrincipal;
  let sho: OfficerPrincipal;
  const groups: Record<string, { id: string; joinCode: string }> = {};
  const ids = async (scopePath: string | null, filter: ListGroupsFilter = {}) =>
    (await ctx.moduleRef.get(QueryBus).execute(new ListGroupsQuery(scopePath, filter))).map((g) => g.id);

  beforeAll(async () => {
    ctx = await membershipTestContext(inject('runPrefix'), 'membership_list_groups', GROUP_TREE);
    hq = await officerIn(ctx, 'hq', 'hq_admin', null);
    sho = await officerIn(ctx, 'sho.mufassil', 'station_officer', 'SAM-MUFASSIL');
    for (const [key, jurisdictionCode] of [
      ['mufassil', 'SAM-MUFASSIL'],
      ['mufassil2', 'SAM-MUFASSIL'],
      ['town', 'SAM-TOWN'],
      ['kotwali', 'PAT-KOTWALI'],
    ]) {
      groups[key] = await newGroup(ctx.commands, hq, { jurisdictionCode, name: key });
    }
    await ctx.commands.execute(new CloseGroupCommand(hq, groups.mufassil2.id));
  });
  afterAll(async () => ctx?.close());

  it('pages through the groups in creation order and filters by status', async () => {
    const all = [groups.mufassil.id, groups.mufassil2.id, groups.town.id, groups.kotwali.id];
    expect(await ids(null)).toEqual(all);
    expect(await ids(null, { limit: 2 })).toEqual(all.slice(0, 2));
    expect(await ids(null, { limit: 2, offset: 2 })).toEqual(all.slice(2));
    expect(await ids(null, { status: 'closed' })).toEqual([groups.mufassil2.id]);
    expect(await ids(null, { status: 'open', jurisdictionCode: 'SAM' })).toEqual([groups.mufassil.id, groups.town.id]);
  });

  it('narrows to a node within reach, never widens past the officer’s own, and refuses a node beside it', async () => {
    expect(await ids(sho.jurisdictionPath, { jurisdictionCode: 'BR' })).toEqual([
      groups.mufassil.id,
      groups.mufassil2.id,
    ]);
    await expect(ids(sho.jurisdictionPath, { jurisdictionCode: 'PAT' })).rejects.toMatchObject({ status: 403 });
    await expect(ids(null, { jurisdictionCode: 'NOWHERE' })).rejects.toMatchObject({ status: 404 });
  });

  it('counts active members only, none for an empty group', async () => {
    await citizenSays(ctx, 'sms', '+919833333301', `JOIN ${groups.town.joinCode}`);
    await citizenSays(ctx, 'sms', '+919833333302', `JOIN ${groups.town.joinCode}`);
    await citizenSays(ctx, 'sms', '+919833333302', `LEAVE ${groups.town.joinCode}`);
    const views = await ctx.moduleRef.get(QueryBus).execute(new ListGroupsQuery(null, { jurisdictionCode: 'SAM' }));
    expect(views.map((v) => [v.name, v.members, v.membersByChannel])).toEqual([
      ['mufassil', 0, {}],
      ['mufassil2', 0, {}],
      ['town', 1, { sms: 1 }],
    ]);
    expect(JSON.stringify(views)).not.toContain('9833333301');
  });
});
