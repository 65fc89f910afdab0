import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MembershipTestContext, membershipTestContext, newGroup } from '@jansetu/testing';
import { citizenSays, GROUP_TREE, groupAuditTrail, officerIn } from '../../groups.harness';
import { CloseGroupCommand } from './close-group.command';

describe('CloseGroupHandler', () => {
  let ctx: MembershipTestContext;
  let sho: OfficerPrincipal;
  let otherStation: OfficerPrincipal;
  let group: { id: string; joinCode: string };
  const members = async (groupId: string) =>
    ctx.dataSource.query<{ status: string }[]>(`SELECT status FROM membership WHERE group_id = $1`, [groupId]);

  beforeAll(async () => {
    ctx = await membershipTestContext(inject('runPrefix'), 'membership_close_group', GROUP_TREE);
    sho = await officerIn(ctx, 'sho.town', 'station_officer', 'SAM-TOWN');
    otherStation = await officerIn(ctx, 'sho.mufassil', 'station_officer', 'SAM-MUFASSIL');
    group = await newGroup(ctx.commands, sho, { jurisdictionCode: 'SAM-TOWN', name: 'नगर जनसेतु' });
    await citizenSays(ctx, 'sms', '+919811111101', `JOIN ${group.joinCode}`);
  });
  afterAll(async () => ctx?.close());

  it('refuses another station’s group and an unknown one alike (404), leaving the group open', async () => {
    await expect(ctx.commands.execute(new CloseGroupCommand(otherStation, group.id))).rejects.toMatchObject({
      status: 404,
    });
    await expect(ctx.commands.execute(new CloseGroupCommand(sho, randomUUID()))).rejects.toMatchObject({
      status: 404,
    });
    expect(await ctx.dataSource.query(`SELECT status FROM citizen_group WHERE id = $1`, [group.id])).toEqual([
      { status: 'open' },
    ]);
  });

  it('closes once, audited with the officer’s reach; closing again returns the same and audits nothing', async () => {
    const closed = await ctx.commands.execute(new CloseGroupCommand(sho, group.id));
    expect(closed).toEqual({ id: group.id, status: 'closed', closedAt: expect.any(String) });
    expect(new Date(closed.closedAt).toISOString()).toBe(closed.closedAt);
    expect(await ctx.commands.execute(new CloseGroupCommand(sho, group.id))).toEqual(closed);
    expect(await groupAuditTrail(ctx.dataSource, group.id)).toEqual([
      expect.objectContaining({ type: 'group.created' }),
      {
        type: 'group.closed',
        actor: { kind: 'officer', officerId: sho.id, role: 'station_officer', jurisdictionPath: sho.jurisdictionPath },
        body: { name: 'नगर जनसेतु' },
      },
    ]);
  });

  it('keeps its members and takes no new ones', async () => {
    await citizenSays(ctx, 'sms', '+919811111102', `JOIN ${group.joinCode}`);
    expect(await members(group.id)).toEqual([{ status: 'active' }]);
  });
});
