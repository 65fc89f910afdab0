import { randomUUID } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { OfficerPrincipal } from '@jansetu/identity';
import { ForbiddenError } from '@jansetu/platform';
import { MembershipTestContext, membershipTestContext, newGroup } from '@jansetu/testing';
import { CloseGroupCommand } from './commands/close-group/close-group.command';
import { CreateGroupCommand } from './commands/create-group/create-group.command';
import { RenameGroupCommand } from './commands/rename-group/rename-group.command';
import { GetJoinMaterialQuery } from './queries/get-join-material/get-join-material.query';
import { ListGroupMembersQuery } from './queries/list-group-members/list-group-members.query';
import { ListGroupsQuery } from './queries/list-groups/list-groups.query';
import { RenderJoinPosterQuery } from './queries/render-join-poster/render-join-poster.query';
import { citizenSays, GROUP_TREE, officerIn } from './groups.harness';

describe('groups for officers, scoped by jurisdiction', () => {
  let ctx: MembershipTestContext;
  let dataSource: DataSource;
  const officers: Record<string, OfficerPrincipal> = {};
  let mufassil: { id: string; joinCode: string };
  let town: { id: string; joinCode: string };
  let kotwali: { id: string; joinCode: string };
  // The handlers as the gateway reaches them: through the buses of the real modules.
  let commands: CommandBus;
  let queries: QueryBus;
  const send = (channel: 'sms' | 'whatsapp' | 'telegram', from: string, text: string) =>
    citizenSays(ctx, channel, from, text);

  beforeAll(async () => {
    ctx = await membershipTestContext(inject('runPrefix'), 'membership_groups', GROUP_TREE, {
      TELEGRAM_BOT_USERNAME: 'BiharJanSetuBot',
      WHATSAPP_DISPLAY_NUMBER: '+919431000001',
      SMS_DISPLAY_NUMBER: '+919431000000',
    });
    ({ dataSource, commands } = ctx);
    queries = ctx.moduleRef.get(QueryBus);
    officers.hq = await officerIn(ctx, 'hq', 'hq_admin', null);
    officers.district = await officerIn(ctx, 'sp.samastipur', 'district_admin', 'SAM');
    officers.mufassil = await officerIn(ctx, 'sho.mufassil', 'station_officer', 'SAM-MUFASSIL');
    officers.town = await officerIn(ctx, 'sho.town', 'station_officer', 'SAM-TOWN');
    mufassil = await newGroup(commands, officers.mufassil, {
      jurisdictionCode: 'SAM-MUFASSIL',
      name: 'मुफस्सिल जनसेतु',
    });
    town = await newGroup(commands, officers.district, { jurisdictionCode: 'SAM-TOWN', name: 'नगर जनसेतु' });
    kotwali = await newGroup(commands, officers.hq, { jurisdictionCode: 'PAT-KOTWALI', name: 'कोतवाली जनसेतु' });
  });
  afterAll(async () => ctx?.close());

  it("shows a station officer only their station's groups, a district admin the district's", async () => {
    const ids = async (o: OfficerPrincipal) =>
      (await queries.execute(new ListGroupsQuery(o.jurisdictionPath))).map((g) => g.id);
    expect(await ids(officers.mufassil)).toEqual([mufassil.id]);
    expect(await ids(officers.district)).toEqual([mufassil.id, town.id]);
    expect(await ids(officers.hq)).toEqual([mufassil.id, town.id, kotwali.id]);
    expect(
      (await queries.execute(new ListGroupsQuery(null, { jurisdictionCode: 'PAT' }))).map((g) => g.jurisdictionCode),
    ).toEqual(['PAT-KOTWALI']);
    await expect(
      queries.execute(new ListGroupsQuery(officers.mufassil.jurisdictionPath, { jurisdictionCode: 'SAM-TOWN' })),
    ).rejects.toThrow(ForbiddenError);
  });

  it("refuses a station officer another station's group as a missing one (404), for every act", async () => {
    const other = officers.mufassil;
    await expect(commands.execute(new CreateGroupCommand(other, 'SAM-TOWN', 'नया', 'hi'))).rejects.toMatchObject({
      status: 403,
    });
    const acts = [
      () => commands.execute(new RenameGroupCommand(other, town.id, 'नाम')),
      () => commands.execute(new CloseGroupCommand(other, town.id)),
      () => queries.execute(new ListGroupMembersQuery(other, town.id)),
      () => queries.execute(new GetJoinMaterialQuery(other, town.id)),
      () => queries.execute(new RenderJoinPosterQuery(other, town.id)),
    ];
    for (const act of acts) await expect(act()).rejects.toMatchObject({ status: 404 });
    expect(await dataSource.query(`SELECT name, status FROM citizen_group WHERE id = $1`, [town.id])).toEqual([
      { name: 'नगर जनसेतु', status: 'open' },
    ]);
    await expect(queries.execute(new GetJoinMaterialQuery(officers.hq, randomUUID()))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('renames and closes a group within reach, auditing both; a closed group refuses joins', async () => {
    expect(await commands.execute(new RenameGroupCommand(officers.district, town.id, 'नगर थाना जनसेतु'))).toEqual({
      id: town.id,
      name: 'नगर थाना जनसेतु',
    });
    const closed = await commands.execute(new CloseGroupCommand(officers.town, town.id));
    expect(closed).toMatchObject({ id: town.id, status: 'closed' });
    expect(await commands.execute(new CloseGroupCommand(officers.town, town.id))).toEqual(closed);
    const audited = await dataSource.query<{ type: string }[]>(
      `SELECT type FROM outbox_message WHERE key = $1 ORDER BY seq`,
      [`group:${town.id}`],
    );
    expect(audited.map((a) => a.type)).toEqual(['group.created', 'group.renamed', 'group.closed']);

    await send('sms', '+919811111111', `JOIN ${town.joinCode}`);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM membership WHERE group_id = $1`, [town.id])).toEqual([
      { n: 0 },
    ]);
    const [view] = await queries.execute(new ListGroupsQuery(null, { jurisdictionCode: 'SAM-TOWN' }));
    expect(view).toMatchObject({ status: 'closed', name: 'नगर थाना जनसेतु' });
    expect(view.closedAt).not.toBeNull();
  });

  it('counts members by channel and language, once per citizen, on the channel deliveries go to', async () => {
    await send('sms', '+919822222201', `JOIN ${mufassil.joinCode}`);
    await send('whatsapp', '+919822222202', `जुड़ें ${mufassil.joinCode}`);
    await send('telegram', '600700800', `/start ${mufassil.joinCode}`);
    await send('telegram', '600700800', 'LANG EN');
    // A citizen on SMS who links WhatsApp is counted once, on WhatsApp (the newest, preferred).
    await send('sms', '+919822222204', `JOIN ${mufassil.joinCode}`);
    await send('sms', '+919822222204', 'LINK');
    const [reply] = await dataSource.query<{ text: string }[]>(
      `SELECT payload -> 'payload' ->> 'text' AS text FROM outbox_message WHERE type = 'reply.send' ORDER BY seq DESC LIMIT 1`,
    );
    await send('whatsapp', '+919822222205', `LINK ${/LINK (\d{8})/.exec(reply.text)![1]}`);

    const [view] = await queries.execute(new ListGroupsQuery(officers.mufassil.jurisdictionPath));
    expect(view).toMatchObject({
      id: mufassil.id,
      members: 4,
      membersByChannel: { sms: 1, whatsapp: 2, telegram: 1 },
      membersByLanguage: { hi: 3, en: 1 },
      jurisdictionCode: 'SAM-MUFASSIL',
      jurisdictionNameHi: 'मुफस्सिल',
    });
  });

  it('lists members with pseudonyms and masked numbers only', async () => {
    const listed = await queries.execute(new ListGroupMembersQuery(officers.mufassil, mufassil.id));
    expect(listed).toHaveLength(4);
    expect(listed.map((m) => m.maskedAddress).sort()).toEqual(
      // Issue #14: the last two digits of a number, nothing of a Telegram id.
      ['••••••••01', '••••••••02', '••••••••05', '•••'].sort(),
    );
    const linked = listed.find((m) => m.maskedAddress === '••••••••05')!;
    expect(linked).toMatchObject({ channel: 'whatsapp', channels: ['sms', 'whatsapp'], language: 'hi' });
    expect(linked.pseudonym).toMatch(/^N-[0-9A-Z]{8}$/);
    const json = JSON.stringify(listed);
    for (const number of ['9822222201', '9822222202', '600700800', '9822222204', '9822222205']) {
      expect(json).not.toContain(number);
    }
  });

  it('gives join material and a printable poster for a group within reach', async () => {
    expect(await queries.execute(new GetJoinMaterialQuery(officers.district, mufassil.id))).toMatchObject({
      joinCode: mufassil.joinCode,
      jurisdiction: { code: 'SAM-MUFASSIL', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
      sms: { text: `JOIN ${mufassil.joinCode}`, number: '+919431000000' },
      telegramLink: `https://t.me/BiharJanSetuBot?start=${mufassil.joinCode}`,
      whatsappLink: `https://wa.me/919431000001?text=JOIN%20${mufassil.joinCode}`,
    });
    const printed = await queries.execute(new RenderJoinPosterQuery(officers.mufassil, mufassil.id));
    expect(printed.fileName).toBe(`jansetu-sam-mufassil-${mufassil.joinCode}.pdf`);
    expect(printed.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
