import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { GroupCreated } from '@jansetu/membership';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { CreateBroadcastCommand } from '../create-broadcast/create-broadcast.command';
import { ControlBroadcastCommand } from './control-broadcast.command';

const body = { hi: 'रात में गश्त बढ़ाई गई है' };

describe('ControlBroadcastHandler', () => {
  let world: BroadcastWorld;
  let hq: OfficerPrincipal;
  let sho: OfficerPrincipal;
  let gayaSho: OfficerPrincipal;
  let kotwali: GroupCreated;

  const dispatchRequests = async (id: string) =>
    (
      await world.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_message WHERE type = 'broadcast.dispatch' AND key LIKE $1`,
        [`broadcast:${id}:%`],
      )
    )[0].n;
  const deliveryStatuses = (id: string) =>
    world.dataSource.query<{ status: string }[]>(`SELECT status FROM delivery WHERE broadcast_id = $1`, [id]);
  const create = (scheduledAt: Date | null = null) =>
    world.commands.execute(new CreateBroadcastCommand(sho, [kotwali.id], 'awareness', body, {}, scheduledAt));

  beforeAll(async () => {
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_control');
    hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
    gayaSho = await world.newOfficer('station_officer', 'GAYA-TOWN');
    kotwali = await world.newGroup(hq, 'KOTWALI');
    await world.newCitizen('sms', '+919830000001', kotwali.joinCode);
    await world.newCitizen('whatsapp', '+919830000002', kotwali.joinCode);
  });
  afterAll(async () => world?.close());

  it('pauses and resumes a sending broadcast; resuming queues it again', async () => {
    const { id } = await create();
    expect(await dispatchRequests(id)).toBe(1);
    expect(await world.commands.execute(new ControlBroadcastCommand(sho, id, 'pause', 'जाँच'))).toEqual({
      status: 'paused',
      cancelledDeliveries: 0,
    });
    expect(await world.commands.execute(new ControlBroadcastCommand(sho, id, 'resume', null))).toEqual({
      status: 'sending',
      cancelledDeliveries: 0,
    });
    expect(await dispatchRequests(id)).toBe(2);
    const trail = await world.auditTrail(`broadcast:${id}`);
    expect(trail.map((e) => e.type)).toEqual(['broadcast.created', 'broadcast.paused', 'broadcast.resumed']);
    expect(trail[1]).toMatchObject({
      actor: { kind: 'officer', officerId: sho.id, role: 'station_officer', jurisdictionPath: sho.jurisdictionPath },
      body: { reason: 'जाँच', cancelledDeliveries: 0 },
    });
  });

  it('resumes a paused scheduled broadcast as scheduled while its time lies ahead', async () => {
    const { id } = await create(new Date(Date.now() + 3600_000));
    await world.commands.execute(new ControlBroadcastCommand(sho, id, 'pause', null));
    expect(await world.commands.execute(new ControlBroadcastCommand(sho, id, 'resume', null))).toMatchObject({
      status: 'scheduled',
    });
    expect(await dispatchRequests(id)).toBe(0);
  });

  it('cancels: every pending delivery is cancelled and counted', async () => {
    const { id } = await create();
    expect(await world.commands.execute(new ControlBroadcastCommand(hq, id, 'cancel', 'गलत सूचना'))).toEqual({
      status: 'cancelled',
      cancelledDeliveries: 2,
    });
    expect(await deliveryStatuses(id)).toEqual([{ status: 'cancelled' }, { status: 'cancelled' }]);
    const trail = await world.auditTrail(`broadcast:${id}`);
    expect(trail[1]).toMatchObject({ type: 'broadcast.cancelled', body: { cancelledDeliveries: 2 } });
  });

  it.each<['pause' | 'resume' | 'cancel', string]>([
    ['resume', 'sending'],
    ['pause', 'cancelled'],
    ['cancel', 'cancelled'],
  ])('refuses to %s a broadcast that is %s', async (action, state) => {
    const { id } = await create();
    if (state === 'cancelled') await world.commands.execute(new ControlBroadcastCommand(sho, id, 'cancel', null));
    await expect(world.commands.execute(new ControlBroadcastCommand(sho, id, action, null))).rejects.toMatchObject({
      code: 'invalid_state',
      status: 409,
    });
  });

  it('answers not found to an officer of another station: no hint that it exists', async () => {
    const { id } = await create();
    await expect(
      world.commands.execute(new ControlBroadcastCommand(gayaSho, id, 'cancel', null)),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await deliveryStatuses(id)).toEqual([{ status: 'pending' }, { status: 'pending' }]);
  });
});
