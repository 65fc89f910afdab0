import { randomUUID } from 'node:crypto';
import { QueryBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MembershipTestContext, membershipTestContext, newGroup } from '@jansetu/testing';
import { citizenSays, GROUP_TREE, officerIn } from '../../groups.harness';
import { ListGroupMembersQuery } from './list-group-members.query';

describe('ListGroupMembersHandler', () => {
  let ctx: MembershipTestContext;
  let sho: OfficerPrincipal;
  let otherStation: OfficerPrincipal;
  let group: { id: string; joinCode: string };
  const list = (q: ListGroupMembersQuery) => ctx.moduleRef.get(QueryBus).execute(q);

  beforeAll(async () => {
    ctx = await membershipTestContext(inject('runPrefix'), 'membership_list_members', GROUP_TREE);
    sho = await officerIn(ctx, 'sho.mufassil', 'station_officer', 'SAM-MUFASSIL');
    otherStation = await officerIn(ctx, 'sho.town', 'station_officer', 'SAM-TOWN');
    group = await newGroup(ctx.commands, sho, { jurisdictionCode: 'SAM-MUFASSIL' });
    for (const n of ['01', '02', '03']) await citizenSays(ctx, 'sms', `+9198444444${n}`, `JOIN ${group.joinCode}`);
    await citizenSays(ctx, 'sms', '+919844444402', `LEAVE ${group.joinCode}`);
    await citizenSays(ctx, 'sms', '+919844444403', 'LANG EN');
  });
  afterAll(async () => ctx?.close());

  it('lists the active members newest first, masked, with their channel and language', async () => {
    const listed = await list(new ListGroupMembersQuery(sho, group.id));
    expect(listed.map((m) => [m.maskedAddress, m.channel, m.channels, m.language])).toEqual([
      // Issue #14: the last two digits only.
      ['••••••••03', 'sms', ['sms'], 'en'],
      ['••••••••01', 'sms', ['sms'], 'hi'],
    ]);
    for (const m of listed) expect(m.pseudonym).toMatch(/^N-[0-9A-Z]{8}$/);
    expect(JSON.stringify(listed)).not.toContain('9844444');
  });

  it('pages with limit and offset', async () => {
    const all = await list(new ListGroupMembersQuery(sho, group.id));
    expect(await list(new ListGroupMembersQuery(sho, group.id, 1))).toEqual(all.slice(0, 1));
    expect(await list(new ListGroupMembersQuery(sho, group.id, 1, 1))).toEqual(all.slice(1));
  });

  it.each([
    ['another station’s group', () => new ListGroupMembersQuery(otherStation, group.id), 404],
    ['a group that does not exist', () => new ListGroupMembersQuery(sho, randomUUID()), 404],
    ['an id that is no UUID', () => new ListGroupMembersQuery(sho, 'x'), 400],
  ])('refuses %s', async (_label, query, status) => {
    await expect(list(query())).rejects.toMatchObject({ status });
  });
});
