import { CitizenHarness, citizenHarness } from './membership.harness';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { OfficerPrincipal, Role } from '@jansetu/identity';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { AppConfig, ForbiddenError } from '@jansetu/platform';
import { CloseGroupCommand } from './commands/close-group/close-group.command';
import { CloseGroupHandler } from './commands/close-group/close-group.handler';
import { CreateGroupCommand } from './commands/create-group/create-group.command';
import { CreateGroupHandler } from './commands/create-group/create-group.handler';
import { RenameGroupCommand } from './commands/rename-group/rename-group.command';
import { RenameGroupHandler } from './commands/rename-group/rename-group.handler';
import { GetJoinMaterialQuery } from './queries/get-join-material/get-join-material.query';
import { GetJoinMaterialHandler } from './queries/get-join-material/get-join-material.handler';
import { ListGroupMembersQuery } from './queries/list-group-members/list-group-members.query';
import { ListGroupMembersHandler } from './queries/list-group-members/list-group-members.handler';
import { ListGroupsQuery } from './queries/list-groups/list-groups.query';
import { ListGroupsHandler } from './queries/list-groups/list-groups.handler';
import { RenderJoinPosterQuery } from './queries/render-join-poster/render-join-poster.query';
import { RenderJoinPosterHandler } from './queries/render-join-poster/render-join-poster.handler';

const tree = [
  { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
  { code: 'SAM', parentCode: 'BR', level: 'district', nameEn: 'Samastipur', nameHi: 'समस्तीपुर' },
  { code: 'SAM-SADAR', parentCode: 'SAM', level: 'subdivision', nameEn: 'Samastipur Sadar', nameHi: 'समस्तीपुर सदर' },
  { code: 'SAM-MUFASSIL', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
  { code: 'SAM-TOWN', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Town', nameHi: 'नगर' },
  { code: 'PAT', parentCode: 'BR', level: 'district', nameEn: 'Patna', nameHi: 'पटना' },
  { code: 'PAT-SADAR', parentCode: 'PAT', level: 'subdivision', nameEn: 'Patna Sadar', nameHi: 'पटना सदर' },
  { code: 'PAT-KOTWALI', parentCode: 'PAT-SADAR', level: 'station', nameEn: 'Kotwali', nameHi: 'कोतवाली' },
];

describe('groups for officers, scoped by jurisdiction', () => {
  let dataSource: DataSource;
  let config: AppConfig;
  let create: CreateGroupHandler;
  let rename: RenameGroupHandler;
  let close: CloseGroupHandler;
  let list: ListGroupsHandler;
  let members: ListGroupMembersHandler;
  let material: GetJoinMaterialHandler;
  let poster: RenderJoinPosterHandler;
  const officers: Record<string, OfficerPrincipal> = {};
  let mufassil: { id: string; joinCode: string };
  let town: { id: string; joinCode: string };
  let kotwali: { id: string; joinCode: string };

  const officer = async (username: string, role: Role, code: string | null) => {
    const [node] = code
      ? await dataSource.query<{ id: string; path: string }[]>(
          `SELECT id, path FROM jurisdiction_node WHERE code = $1`,
          [code],
        )
      : [{ id: null, path: null }];
    const [row] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO officer (username, display_name, password_hash, role, jurisdiction_node_id)
       VALUES ($1, $1, 'x', $2, $3) RETURNING id`,
      [username, role, node.id],
    );
    return { id: row.id, username, role, jurisdictionNodeId: node.id, jurisdictionPath: node.path };
  };
  let send: CitizenHarness['send'];

  beforeAll(async () => {
    const harness = await citizenHarness(inject('runPrefix'), 'membership_groups', tree);
    ({ dataSource, send } = harness);
    const audit = harness.audit;
    config = {
      ...harness.config,
      env: { ...harness.config.env, TELEGRAM_BOT_USERNAME: 'BiharJanSetuBot' },
      WHATSAPP_DISPLAY_NUMBER: '+919431000001',
      SMS_DISPLAY_NUMBER: '+919431000000',
    };
    create = new CreateGroupHandler(dataSource, new JurisdictionLookup(), audit);
    rename = new RenameGroupHandler(dataSource, audit);
    close = new CloseGroupHandler(dataSource, audit);
    list = new ListGroupsHandler(dataSource, new JurisdictionLookup());
    members = new ListGroupMembersHandler(dataSource);
    material = new GetJoinMaterialHandler(dataSource, config);
    poster = new RenderJoinPosterHandler(dataSource, config);
    officers.hq = await officer('hq', 'hq_admin', null);
    officers.district = await officer('sp.samastipur', 'district_admin', 'SAM');
    officers.mufassil = await officer('sho.mufassil', 'station_officer', 'SAM-MUFASSIL');
    officers.town = await officer('sho.town', 'station_officer', 'SAM-TOWN');
    mufassil = await create.execute(new CreateGroupCommand(officers.mufassil, 'SAM-MUFASSIL', 'मुफस्सिल जनसेतु', 'hi'));
    town = await create.execute(new CreateGroupCommand(officers.district, 'SAM-TOWN', 'नगर जनसेतु', 'hi'));
    kotwali = await create.execute(new CreateGroupCommand(officers.hq, 'PAT-KOTWALI', 'कोतवाली जनसेतु', 'hi'));
  });
  afterAll(async () => dataSource?.destroy());

  it("shows a station officer only their station's groups, a district admin the district's", async () => {
    const ids = async (o: OfficerPrincipal) =>
      (await list.execute(new ListGroupsQuery(o.jurisdictionPath))).map((g) => g.id);
    expect(await ids(officers.mufassil)).toEqual([mufassil.id]);
    expect(await ids(officers.district)).toEqual([mufassil.id, town.id]);
    expect(await ids(officers.hq)).toEqual([mufassil.id, town.id, kotwali.id]);
    expect(
      (await list.execute(new ListGroupsQuery(null, { jurisdictionCode: 'PAT' }))).map((g) => g.jurisdictionCode),
    ).toEqual(['PAT-KOTWALI']);
    await expect(
      list.execute(new ListGroupsQuery(officers.mufassil.jurisdictionPath, { jurisdictionCode: 'SAM-TOWN' })),
    ).rejects.toThrow(ForbiddenError);
  });

  it("refuses a station officer another station's group with 403, for every act", async () => {
    const other = officers.mufassil;
    const acts = [
      () => create.execute(new CreateGroupCommand(other, 'SAM-TOWN', 'नया', 'hi')),
      () => rename.execute(new RenameGroupCommand(other, town.id, 'नाम')),
      () => close.execute(new CloseGroupCommand(other, town.id)),
      () => members.execute(new ListGroupMembersQuery(other, town.id)),
      () => material.execute(new GetJoinMaterialQuery(other, town.id)),
      () => poster.execute(new RenderJoinPosterQuery(other, town.id)),
    ];
    for (const act of acts) await expect(act()).rejects.toMatchObject({ status: 403 });
    expect(await dataSource.query(`SELECT name, status FROM citizen_group WHERE id = $1`, [town.id])).toEqual([
      { name: 'नगर जनसेतु', status: 'open' },
    ]);
    await expect(material.execute(new GetJoinMaterialQuery(officers.hq, randomUUID()))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('renames and closes a group within reach, auditing both; a closed group refuses joins', async () => {
    expect(await rename.execute(new RenameGroupCommand(officers.district, town.id, 'नगर थाना जनसेतु'))).toEqual({
      id: town.id,
      name: 'नगर थाना जनसेतु',
    });
    const closed = await close.execute(new CloseGroupCommand(officers.town, town.id));
    expect(closed).toMatchObject({ id: town.id, status: 'closed' });
    expect(await close.execute(new CloseGroupCommand(officers.town, town.id))).toEqual(closed);
    const audited = await dataSource.query<{ type: string }[]>(
      `SELECT type FROM outbox_message WHERE key = $1 ORDER BY seq`,
      [`group:${town.id}`],
    );
    expect(audited.map((a) => a.type)).toEqual(['group.created', 'group.renamed', 'group.closed']);

    await send('sms', '+919811111111', `JOIN ${town.joinCode}`);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM membership WHERE group_id = $1`, [town.id])).toEqual([
      { n: 0 },
    ]);
    const [view] = await list.execute(new ListGroupsQuery(null, { jurisdictionCode: 'SAM-TOWN' }));
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

    const [view] = await list.execute(new ListGroupsQuery(officers.mufassil.jurisdictionPath));
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
    const listed = await members.execute(new ListGroupMembersQuery(officers.mufassil, mufassil.id));
    expect(listed).toHaveLength(4);
    expect(listed.map((m) => m.maskedAddress).sort()).toEqual(
      ['+91 98•••••201', '+91 98•••••202', '+91 98•••••205', '60••••800'].sort(),
    );
    const linked = listed.find((m) => m.maskedAddress === '+91 98•••••205')!;
    expect(linked).toMatchObject({ channel: 'whatsapp', channels: ['sms', 'whatsapp'], language: 'hi' });
    expect(linked.pseudonym).toMatch(/^N-[0-9A-Z]{8}$/);
    const json = JSON.stringify(listed);
    for (const number of ['9822222201', '9822222202', '600700800', '9822222204', '9822222205']) {
      expect(json).not.toContain(number);
    }
  });

  it('gives join material and a printable poster for a group within reach', async () => {
    expect(await material.execute(new GetJoinMaterialQuery(officers.district, mufassil.id))).toMatchObject({
      joinCode: mufassil.joinCode,
      jurisdiction: { code: 'SAM-MUFASSIL', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
      sms: { text: `JOIN ${mufassil.joinCode}`, number: '+919431000000' },
      telegramLink: `https://t.me/BiharJanSetuBot?start=${mufassil.joinCode}`,
      whatsappLink: `https://wa.me/919431000001?text=JOIN%20${mufassil.joinCode}`,
    });
    const printed = await poster.execute(new RenderJoinPosterQuery(officers.mufassil, mufassil.id));
    expect(printed.fileName).toBe(`jansetu-sam-mufassil-${mufassil.joinCode}.pdf`);
    expect(printed.pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
