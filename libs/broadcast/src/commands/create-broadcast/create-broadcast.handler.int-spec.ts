import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { CloseGroupCommand, GroupCreated } from '@jansetu/membership';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { CreateBroadcastCommand } from './create-broadcast.command';

const body = { hi: 'साइबर ठगी से सावधान रहें', en: 'Beware of cyber fraud' };

describe('CreateBroadcastHandler', () => {
  let world: BroadcastWorld;
  let hq: OfficerPrincipal;
  let kotwaliSho: OfficerPrincipal;
  let gayaSho: OfficerPrincipal;
  let kotwali: GroupCreated;
  let kotwaliYouth: GroupCreated;
  let gandhi: GroupCreated;
  let gaya: GroupCreated;

  const deliveries = (broadcastId: string) =>
    world.dataSource.query<{ status: string; channel: string; bucket: number }[]>(
      `SELECT status, channel, bucket FROM delivery WHERE broadcast_id = $1 ORDER BY channel`,
      [broadcastId],
    );
  const dispatchRequests = (broadcastId: string) =>
    world.dataSource.query<{ key: string }[]>(
      `SELECT key FROM outbox_message WHERE type = 'broadcast.dispatch' AND key LIKE $1 ORDER BY key`,
      [`broadcast:${broadcastId}:%`],
    );

  beforeAll(async () => {
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_create', { BROADCAST_APPROVAL_THRESHOLD: '3' });
    hq = await world.newOfficer('hq_admin', null);
    kotwaliSho = await world.newOfficer('station_officer', 'KOTWALI');
    gayaSho = await world.newOfficer('station_officer', 'GAYA-TOWN');
    kotwali = await world.newGroup(hq, 'KOTWALI');
    kotwaliYouth = await world.newGroup(hq, 'KOTWALI', 'कोतवाली युवा');
    gandhi = await world.newGroup(hq, 'GANDHI-MAIDAN');
    gaya = await world.newGroup(hq, 'GAYA-TOWN');
    await world.newCitizen('sms', '+919810000001', kotwali.joinCode);
    await world.newCitizen('sms', '+919810000001', kotwaliYouth.joinCode); // in both Kotwali groups
    await world.newCitizen('whatsapp', '+919810000002', kotwaliYouth.joinCode);
    await world.newCitizen('telegram', '6100000003', kotwali.joinCode);
    await world.say('telegram', '6100000003', 'STOP'); // opted out: never in an audience
    await world.newCitizen('sms', '+919810000004', gandhi.joinCode);
    await world.newCitizen('sms', '+919810000005', gandhi.joinCode);
    await world.newCitizen('sms', '+919810000006', gaya.joinCode);
  });
  afterAll(async () => world?.close());

  it('fans a station broadcast out to one delivery per citizen and queues it for sending', async () => {
    const created = await world.commands.execute(
      new CreateBroadcastCommand(kotwaliSho, [kotwali.id, kotwaliYouth.id, kotwali.id], 'cyber_safety', body),
    );
    expect(created).toMatchObject({ recipients: 2, status: 'sending', needsApproval: false });
    expect(await deliveries(created.id)).toEqual([
      { status: 'pending', channel: 'sms', bucket: expect.any(Number) },
      { status: 'pending', channel: 'whatsapp', bucket: expect.any(Number) },
    ]);
    expect(await dispatchRequests(created.id)).toEqual([{ key: `broadcast:${created.id}:0` }]);
    const [event] = await world.auditTrail(`broadcast:${created.id}`);
    expect(event).toMatchObject({
      type: 'broadcast.created',
      actor: {
        kind: 'officer',
        officerId: kotwaliSho.id,
        role: 'station_officer',
        jurisdictionPath: kotwaliSho.jurisdictionPath,
      },
      body: { category: 'cyber_safety', content: body, audienceSize: 2, status: 'sending', needsApproval: false },
    });
  });

  it('holds a broadcast beyond one station for approval, and queues nothing', async () => {
    const created = await world.commands.execute(
      new CreateBroadcastCommand(hq, [kotwali.id, gandhi.id], 'awareness', body),
    );
    // Three recipients, inside the threshold; two stations, so the district decides.
    expect(created).toMatchObject({ recipients: 3, status: 'pending_approval', needsApproval: true });
    expect(await dispatchRequests(created.id)).toEqual([]);
  });

  it('holds a station broadcast above the audience threshold for approval', async () => {
    await world.newCitizen('sms', '+919810000007', gandhi.joinCode);
    await world.newCitizen('sms', '+919810000008', gandhi.joinCode);
    const sho = await world.newOfficer('station_officer', 'GANDHI-MAIDAN');
    const created = await world.commands.execute(new CreateBroadcastCommand(sho, [gandhi.id], 'awareness', body));
    expect(created).toMatchObject({ recipients: 4, status: 'pending_approval', needsApproval: true });
  });

  it('sends an emergency at once, to be approved after', async () => {
    const created = await world.commands.execute(
      new CreateBroadcastCommand(hq, [kotwali.id, gaya.id], 'emergency', body),
    );
    expect(created).toMatchObject({ recipients: 2, status: 'sending', needsApproval: true });
    expect((await dispatchRequests(created.id)).length).toBe(1);
  });

  it('schedules a broadcast with a time, and queues it only when that comes', async () => {
    const at = new Date(Date.now() + 3600_000);
    const created = await world.commands.execute(
      new CreateBroadcastCommand(kotwaliSho, [kotwali.id], 'awareness', body, {}, at),
    );
    expect(created).toMatchObject({ status: 'scheduled', needsApproval: false });
    expect(await dispatchRequests(created.id)).toEqual([]);
    const [event] = await world.auditTrail(`broadcast:${created.id}`);
    expect(event.body).toMatchObject({ scheduledAt: at.toISOString() });
  });

  it.each([
    ['no Hindi text', () => new CreateBroadcastCommand(kotwaliSho, [kotwali.id], 'awareness', { hi: ' ' }), /Hindi/],
    [
      'a time in the past',
      () =>
        new CreateBroadcastCommand(kotwaliSho, [kotwali.id], 'awareness', body, {}, new Date(Date.now() - 3600_000)),
      /past/,
    ],
    [
      'a party slogan',
      () => new CreateBroadcastCommand(kotwaliSho, [kotwali.id], 'awareness', { hi: 'पुलिस जिंदाबाद' }),
      /जिंदाबाद/,
    ],
    [
      'a link off the allowed list',
      () => new CreateBroadcastCommand(kotwaliSho, [kotwali.id], 'awareness', { hi: 'देखें www.cheap-loans.com' }),
      /cheap-loans\.com/,
    ],
    [
      'a group of another station',
      () => new CreateBroadcastCommand(gayaSho, [kotwali.id], 'awareness', body),
      /not found/,
    ],
    [
      'an unknown group',
      () => new CreateBroadcastCommand(hq, ['00000000-0000-4000-8000-000000000000'], 'awareness', body),
      /not found/,
    ],
  ])('refuses %s and stores nothing', async (_, command, reason) => {
    const [before] = await world.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM broadcast`);
    await expect(world.commands.execute(command())).rejects.toThrow(reason);
    expect(await world.dataSource.query(`SELECT count(*)::int AS n FROM broadcast`)).toEqual([before]);
  });

  it('refuses a closed group', async () => {
    const old = await world.newGroup(hq, 'GAYA-TOWN', 'पुराना समूह');
    await world.commands.execute(new CloseGroupCommand(hq, old.id));
    await expect(
      world.commands.execute(new CreateBroadcastCommand(gayaSho, [old.id], 'awareness', body)),
    ).rejects.toThrow(/closed/);
  });
});
