import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MembershipTestContext, membershipTestContext, newGroup } from '@jansetu/testing';
import { GROUP_TREE, groupAuditTrail, officerIn } from '../../groups.harness';
import { CreateGroupCommand } from './create-group.command';

describe('CreateGroupHandler', () => {
  let ctx: MembershipTestContext;
  let sho: OfficerPrincipal;
  let hq: OfficerPrincipal;
  const groupCount = async () =>
    (await ctx.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM citizen_group`))[0].n;

  beforeAll(async () => {
    ctx = await membershipTestContext(inject('runPrefix'), 'membership_create_group', GROUP_TREE);
    sho = await officerIn(ctx, 'sho.mufassil', 'station_officer', 'SAM-MUFASSIL');
    hq = await officerIn(ctx, 'hq', 'hq_admin', null);
  });
  afterAll(async () => ctx?.close());

  it('creates an open group with a six-digit join code on the node, audited with the acting officer and their reach', async () => {
    const created = await ctx.commands.execute(new CreateGroupCommand(sho, 'SAM-MUFASSIL', 'मुफस्सिल जनसेतु', 'hi'));
    expect(created.joinCode).toMatch(/^\d{6}$/);
    expect(
      await ctx.dataSource.query(
        `SELECT g.name, g.language, g.status, g.join_code AS "joinCode", g.created_by AS "createdBy", n.code
           FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id WHERE g.id = $1`,
        [created.id],
      ),
    ).toEqual([
      {
        name: 'मुफस्सिल जनसेतु',
        language: 'hi',
        status: 'open',
        joinCode: created.joinCode,
        createdBy: sho.id,
        code: 'SAM-MUFASSIL',
      },
    ]);
    expect(await groupAuditTrail(ctx.dataSource, created.id)).toEqual([
      {
        type: 'group.created',
        actor: { kind: 'officer', officerId: sho.id, role: 'station_officer', jurisdictionPath: sho.jurisdictionPath },
        body: { name: 'मुफस्सिल जनसेतु', language: 'hi', joinCode: created.joinCode },
      },
    ]);
  });

  it('gives every group its own join code', async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 25; i++) {
      codes.add((await newGroup(ctx.commands, hq, { jurisdictionCode: 'PAT-KOTWALI', name: `समूह ${i}` })).joinCode);
    }
    expect(codes.size).toBe(25);
  });

  it('refuses a node outside the officer’s jurisdiction (403) and an unknown one (404), creating nothing', async () => {
    const before = await groupCount();
    await expect(ctx.commands.execute(new CreateGroupCommand(sho, 'SAM-TOWN', 'नगर', 'hi'))).rejects.toMatchObject({
      status: 403,
    });
    await expect(ctx.commands.execute(new CreateGroupCommand(sho, 'SAM', 'समस्तीपुर', 'hi'))).rejects.toMatchObject({
      status: 403,
    });
    await expect(ctx.commands.execute(new CreateGroupCommand(hq, 'NOWHERE', 'कहीं नहीं', 'hi'))).rejects.toMatchObject({
      status: 404,
    });
    expect(await groupCount()).toBe(before);
  });
});
