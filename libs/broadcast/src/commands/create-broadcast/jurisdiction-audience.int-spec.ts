import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { CloseGroupCommand, GroupCreated } from '@jansetu/membership';
import { PreviewBroadcastQuery } from '../../queries/preview-broadcast/preview-broadcast.query';
import { AudienceRepository } from '../../persistence/audience.repository';
import { BroadcastWorld, SAMPLE_TREE } from '../../testing/broadcast-world.harness';
import { CreateBroadcastCommand } from './create-broadcast.command';

const body = { hi: 'बाढ़ का अलर्ट: नदी किनारे न जाएँ।', en: 'Flood alert: keep away from the river.' };

/** The sample state with villages (localities) under two Patna stations and one in Gaya. */
const TREE = [
  ...SAMPLE_TREE,
  { code: 'KOT-RAMPUR', parentCode: 'KOTWALI', level: 'locality', nameEn: 'Rampur', nameHi: 'रामपुर' },
  { code: 'KOT-SHIVPUR', parentCode: 'KOTWALI', level: 'locality', nameEn: 'Shivpur', nameHi: 'शिवपुर' },
  { code: 'GM-BAKARGANJ', parentCode: 'GANDHI-MAIDAN', level: 'locality', nameEn: 'Bakarganj', nameHi: 'बाकरगंज' },
  { code: 'GAYA-MANPUR', parentCode: 'GAYA-TOWN', level: 'locality', nameEn: 'Manpur', nameHi: 'मानपुर' },
];

describe('Jurisdiction audiences', () => {
  let world: BroadcastWorld;
  let hq: OfficerPrincipal;
  let patnaSp: OfficerPrincipal;
  let kotwaliSho: OfficerPrincipal;
  let gayaSho: OfficerPrincipal;
  let kotwali: GroupCreated;
  let rampur: GroupCreated;
  let shivpur: GroupCreated;
  let bakarganj: GroupCreated;
  let manpur: GroupCreated;
  let node: Record<string, { id: string; path: string }>;

  const deliveries = (broadcastId: string) =>
    world.dataSource.query<{ channel: string; status: string }[]>(
      `SELECT channel, status FROM delivery WHERE broadcast_id = $1 ORDER BY channel, status`,
      [broadcastId],
    );
  const broadcastCount = async () =>
    (await world.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM broadcast`))[0].n;

  beforeAll(async () => {
    world = await BroadcastWorld.create(
      inject('runPrefix'),
      'broadcast_jurisdiction_audience',
      { BROADCAST_APPROVAL_THRESHOLD: '100' },
      TREE,
    );
    const rows = await world.dataSource.query<{ code: string; id: string; path: string }[]>(
      `SELECT code, id, path FROM jurisdiction_node`,
    );
    node = Object.fromEntries(rows.map((r) => [r.code, { id: r.id, path: r.path }]));
    hq = await world.newOfficer('hq_admin', null);
    patnaSp = await world.newOfficer('district_admin', 'PAT');
    kotwaliSho = await world.newOfficer('station_officer', 'KOTWALI');
    gayaSho = await world.newOfficer('station_officer', 'GAYA-TOWN');
    kotwali = await world.newGroup(hq, 'KOTWALI', 'कोतवाली थाना');
    rampur = await world.newGroup(hq, 'KOT-RAMPUR', 'रामपुर गाँव');
    shivpur = await world.newGroup(hq, 'KOT-SHIVPUR', 'शिवपुर गाँव');
    bakarganj = await world.newGroup(hq, 'GM-BAKARGANJ', 'बाकरगंज मोहल्ला');
    manpur = await world.newGroup(hq, 'GAYA-MANPUR', 'मानपुर गाँव');
    // One citizen in three Kotwali groups: one message.
    await world.newCitizen('sms', '+919870000001', kotwali.joinCode);
    await world.newCitizen('sms', '+919870000001', rampur.joinCode);
    await world.newCitizen('sms', '+919870000001', shivpur.joinCode);
    await world.newCitizen('whatsapp', '+919870000002', rampur.joinCode);
    await world.newCitizen('sms', '+919870000003', kotwali.joinCode); // the station's group only, in no village
    await world.newCitizen('telegram', '6100000004', shivpur.joinCode);
    await world.say('telegram', '6100000004', 'STOP'); // opted out: never in an audience
    await world.newCitizen('simulator', 'sim-5', bakarganj.joinCode);
    await world.say('simulator', 'sim-5', 'LANG EN');
    await world.newCitizen('sms', '+919870000006', manpur.joinCode);
  });
  afterAll(async () => world?.close());

  it('resolves "all of Patna district" to its groups, and a level to only the village groups', async () => {
    const audience = world.moduleRef.get(AudienceRepository);
    const all = await audience.groupsOf({ groupIds: [], jurisdictions: [{ nodeId: node.PAT.id, level: null }] });
    expect(all).toEqual([kotwali.id, rampur.id, shivpur.id, bakarganj.id].sort());
    const villages = await audience.groupsOf({
      groupIds: [kotwali.id],
      jurisdictions: [
        { nodeId: node.PAT.id, level: 'locality' },
        { nodeId: node.KOTWALI.id, level: 'locality' }, // overlaps the first: each group once
      ],
    });
    expect(villages).toEqual([kotwali.id, rampur.id, shivpur.id, bakarganj.id].sort());
    expect(
      await audience.groupsOf({ groupIds: [], jurisdictions: [{ nodeId: node.KOTWALI.id, level: 'locality' }] }),
    ).toEqual([rampur.id, shivpur.id].sort());
  });

  it('sends a district once to each citizen of its groups, leaves the opted-out out, and records the definition', async () => {
    const jurisdictions = [{ nodeId: node.PAT.id, level: null }];
    const created = await world.commands.execute(
      new CreateBroadcastCommand(patnaSp, { jurisdictions }, 'awareness', body),
    );
    // +…01 (three groups, once), +…02, +…03 and sim-5; the opted-out Telegram citizen and Gaya's villager are not.
    expect(created).toMatchObject({ recipients: 4, needsApproval: true, status: 'pending_approval' });
    expect(await deliveries(created.id)).toEqual([
      { channel: 'simulator', status: 'pending' },
      { channel: 'sms', status: 'pending' },
      { channel: 'sms', status: 'pending' },
      { channel: 'whatsapp', status: 'pending' },
    ]);
    const [row] = await world.dataSource.query<{ jurisdiction_path: string; approval_path: string }[]>(
      `SELECT jurisdiction_path, approval_path FROM broadcast WHERE id = $1`,
      [created.id],
    );
    expect(row.jurisdiction_path).toBe(node.PAT.path);
    const [event] = await world.auditTrail(`broadcast:${created.id}`);
    expect(event).toMatchObject({
      type: 'broadcast.created',
      jurisdictionPath: node.PAT.path,
      body: { audience: { groupIds: [], jurisdictions }, audienceSize: 4 },
    });
  });

  it('takes a village level and groups together; their common ancestor is the scope', async () => {
    const created = await world.commands.execute(
      new CreateBroadcastCommand(
        hq,
        { groupIds: [manpur.id], jurisdictions: [{ nodeId: node.KOTWALI.id, level: 'locality' }] },
        'awareness',
        body,
      ),
    );
    // Kotwali's village groups (+…01, +…02) and Manpur (+…06); +…03 is only in the station's own group.
    expect(created.recipients).toBe(3);
    const [row] = await world.dataSource.query<{ jurisdiction_path: string }[]>(
      `SELECT jurisdiction_path FROM broadcast WHERE id = $1`,
      [created.id],
    );
    expect(row.jurisdiction_path).toBe(node.BR.path); // Patna and Gaya meet at the state
  });

  it('previews a jurisdiction audience as its fan-out: recipients by channel and language', async () => {
    const preview = await world.queries.execute(
      new PreviewBroadcastQuery(patnaSp, { jurisdictions: [{ nodeId: node.PAT.id, level: null }] }, body, {}),
    );
    expect(preview).toMatchObject({
      recipients: 4,
      byChannel: { sms: 2, whatsapp: 1, simulator: 1 },
      byLanguage: { hi: 3, en: 1 },
      needsApproval: true,
    });
    const station = await world.queries.execute(
      new PreviewBroadcastQuery(kotwaliSho, { jurisdictions: [{ nodeId: node.KOTWALI.id, level: null }] }, body, {}),
    );
    expect(station).toMatchObject({ recipients: 3, byChannel: { sms: 2, whatsapp: 1 }, needsApproval: false });
  });

  it.each([
    ['an officer of another station', () => gayaSho, 'KOTWALI'],
    ['a station officer addressing the district above', () => kotwaliSho, 'PAT'],
  ])('refuses %s with 403 and the reason, and stores nothing', async (_, officer, code) => {
    const before = await broadcastCount();
    const command = new CreateBroadcastCommand(
      officer(),
      { jurisdictions: [{ nodeId: node[code].id, level: null }] },
      'awareness',
      body,
    );
    const refusal = { status: 403, code: 'forbidden', message: expect.stringContaining(`${code} is outside`) };
    await expect(world.commands.execute(command)).rejects.toMatchObject(refusal);
    await expect(
      world.queries.execute(new PreviewBroadcastQuery(officer(), command.audience, body, {})),
    ).rejects.toMatchObject(refusal);
    expect(await broadcastCount()).toBe(before);
  });

  it('refuses a level above its node, an unknown node and an empty audience', async () => {
    await expect(
      world.commands.execute(
        new CreateBroadcastCommand(
          hq,
          { jurisdictions: [{ nodeId: node.KOTWALI.id, level: 'district' }] },
          'awareness',
          body,
        ),
      ),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('KOTWALI is a station') });
    await expect(
      world.commands.execute(
        new CreateBroadcastCommand(
          hq,
          { jurisdictions: [{ nodeId: '00000000-0000-4000-8000-000000000000', level: null }] },
          'awareness',
          body,
        ),
      ),
    ).rejects.toMatchObject({ status: 404 });
    await expect(world.commands.execute(new CreateBroadcastCommand(hq, {}, 'awareness', body))).rejects.toMatchObject({
      status: 400,
    });
  });

  it('leaves a closed village group out; a citizen leaving keeps messages another group of the subtree brings', async () => {
    const closed = await world.newGroup(hq, 'GAYA-MANPUR', 'मानपुर पुराना');
    await world.newCitizen('sms', '+919870000007', closed.joinCode);
    await world.commands.execute(new CloseGroupCommand(hq, closed.id));
    const gaya = await world.commands.execute(
      new CreateBroadcastCommand(
        gayaSho,
        { jurisdictions: [{ nodeId: node['GAYA-TOWN'].id, level: null }] },
        'awareness',
        body,
      ),
    );
    expect(gaya.recipients).toBe(1); // Manpur's +…06 only

    const kot = await world.commands.execute(
      new CreateBroadcastCommand(
        kotwaliSho,
        { jurisdictions: [{ nodeId: node.KOTWALI.id, level: 'locality' }] },
        'awareness',
        body,
      ),
    );
    await world.say('sms', '+919870000001', `LEAVE ${rampur.joinCode}`); // still in Shivpur
    await world.say('whatsapp', '+919870000002', `LEAVE ${rampur.joinCode}`); // in no other village group
    await world.deliverEvents();
    expect(await deliveries(kot.id)).toEqual([
      { channel: 'sms', status: 'pending' },
      { channel: 'whatsapp', status: 'cancelled' },
    ]);
  });
});
