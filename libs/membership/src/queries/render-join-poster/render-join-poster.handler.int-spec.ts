import { QueryBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MembershipTestContext, membershipTestContext, newGroup } from '@jansetu/testing';
import { GROUP_TREE, officerIn } from '../../groups.harness';
import { RenderJoinPosterQuery } from './render-join-poster.query';

describe('RenderJoinPosterHandler', () => {
  let ctx: MembershipTestContext;
  let district: OfficerPrincipal;
  let group: { id: string; joinCode: string };
  const poster = (officer: OfficerPrincipal) =>
    ctx.moduleRef.get(QueryBus).execute(new RenderJoinPosterQuery(officer, group.id));

  beforeAll(async () => {
    ctx = await membershipTestContext(inject('runPrefix'), 'membership_join_poster', GROUP_TREE, {
      TELEGRAM_BOT_USERNAME: 'BiharJanSetuBot',
      SMS_DISPLAY_NUMBER: '+919431000000',
    });
    district = await officerIn(ctx, 'sp.samastipur', 'district_admin', 'SAM');
    group = await newGroup(ctx.commands, district, { jurisdictionCode: 'SAM-TOWN', name: 'नगर जनसेतु' });
  });
  afterAll(async () => ctx?.close());

  it('renders a PDF named after the station and the join code', async () => {
    const printed = await poster(district);
    expect(printed.fileName).toBe(`jansetu-sam-town-${group.joinCode}.pdf`);
    expect(printed.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a group outside the officer’s reach as a missing one', async () => {
    const patna = await officerIn(ctx, 'sp.patna', 'district_admin', 'PAT');
    await expect(poster(patna)).rejects.toMatchObject({ status: 404 });
  });
});
