import { QueryBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MembershipTestContext, membershipTestContext, newGroup } from '@jansetu/testing';
import { GROUP_TREE, citizenSays, officerIn } from '../../groups.harness';
import { ListGroupMembersQuery, MemberView } from './list-group-members.query';

/** Issue #14: three stations' officers saw the same N-… and the same mask; now each sees its own name. */
describe('member pseudonyms do not travel between jurisdictions on PostgreSQL', () => {
  let ctx: MembershipTestContext;
  const o: Record<string, OfficerPrincipal> = {};
  const g: Record<string, { id: string; joinCode: string }> = {};
  const list = (who: string, group: string): Promise<MemberView[]> =>
    ctx.moduleRef.get(QueryBus).execute(new ListGroupMembersQuery(o[who], g[group].id));

  beforeAll(async () => {
    ctx = await membershipTestContext(inject('runPrefix'), 'membership_scoped_pseudonyms', GROUP_TREE);
    o.mufassil = await officerIn(ctx, 'sho.mufassil', 'station_officer', 'SAM-MUFASSIL');
    o.mufassil2 = await officerIn(ctx, 'asi.mufassil', 'station_officer', 'SAM-MUFASSIL');
    o.town = await officerIn(ctx, 'sho.town', 'station_officer', 'SAM-TOWN');
    o.kotwali = await officerIn(ctx, 'sho.kotwali', 'station_officer', 'PAT-KOTWALI');
    o.sp = await officerIn(ctx, 'sp.samastipur', 'district_admin', 'SAM');
    for (const [name, code] of [
      ['mufassil', 'SAM-MUFASSIL'],
      ['town', 'SAM-TOWN'],
      ['kotwali', 'PAT-KOTWALI'],
    ]) {
      g[name] = await newGroup(ctx.commands, o[name], { jurisdictionCode: code });
    }
    // One citizen in all three stations' groups, on SMS; another on Telegram with a six-digit chat id.
    for (const name of ['mufassil', 'town', 'kotwali']) {
      await citizenSays(ctx, 'sms', '+919870000001', `JOIN ${g[name].joinCode}`);
    }
    await citizenSays(ctx, 'telegram', '123456', `JOIN ${g.mufassil.joinCode}`);
  });
  afterAll(async () => ctx?.close());

  it('shows one person under a different N-… at each station, the same to two officers of one station', async () => {
    const sms = async (who: string, group: string) => (await list(who, group)).find((m) => m.channel === 'sms')!;
    const names = [
      (await sms('mufassil', 'mufassil')).pseudonym,
      (await sms('town', 'town')).pseudonym,
      (await sms('kotwali', 'kotwali')).pseudonym,
    ];
    for (const n of names) expect(n).toMatch(/^N-[0-9A-Z]{8}$/);
    expect(new Set(names).size).toBe(3);
    expect((await sms('mufassil2', 'mufassil')).pseudonym).toBe(names[0]);
    // The district sees its own name too: a station's notes do not match the district's list either.
    expect(names).not.toContain((await sms('sp', 'mufassil')).pseudonym);
    // Nor is any of them the stored pseudonym that audit chains carry.
    const [{ pseudonym: stored }] = await ctx.dataSource.query<{ pseudonym: string }[]>(
      `SELECT c.pseudonym FROM citizen c JOIN contact_point cp ON cp.citizen_id = c.id WHERE cp.channel = 'sms'`,
    );
    expect(names).not.toContain(stored);
    expect((await sms('sp', 'mufassil')).pseudonym).not.toBe(stored);
  });

  it('masks to the last two digits of a number and nothing of a Telegram id', async () => {
    const members = await list('mufassil', 'mufassil');
    expect(members.map((m) => [m.channel, m.maskedAddress]).sort()).toEqual([
      ['sms', '••••••••01'],
      ['telegram', '•••'],
    ]);
    const stored = await ctx.dataSource.query<{ address_masked: string }[]>(
      `SELECT address_masked FROM contact_point ORDER BY channel`,
    );
    expect(stored.map((r) => r.address_masked)).toEqual(['••••••••01', '•••']);
  });
});
