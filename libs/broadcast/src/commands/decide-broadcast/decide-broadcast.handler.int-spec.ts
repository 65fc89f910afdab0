import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { GroupCreated } from '@jansetu/membership';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { ControlBroadcastCommand } from '../control-broadcast/control-broadcast.command';
import { CreateBroadcastCommand } from '../create-broadcast/create-broadcast.command';
import { DecideBroadcastCommand } from './decide-broadcast.command';

const body = { hi: 'मेले में भीड़ से सावधान रहें' };

describe('DecideBroadcastHandler', () => {
  let world: BroadcastWorld;
  let hq: OfficerPrincipal;
  let patnaSp: OfficerPrincipal;
  let sadarSdpo: OfficerPrincipal;
  let gayaSp: OfficerPrincipal;
  let kotwali: GroupCreated;
  let gandhi: GroupCreated;

  const status = async (id: string) =>
    (await world.dataSource.query<{ status: string }[]>(`SELECT status FROM broadcast WHERE id = $1`, [id]))[0].status;
  const pendingDeliveries = async (id: string) =>
    (
      await world.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM delivery WHERE broadcast_id = $1 AND status = 'pending'`,
        [id],
      )
    )[0].n;
  const dispatchRequests = async (id: string) =>
    (
      await world.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_message WHERE type = 'broadcast.dispatch' AND key LIKE $1`,
        [`broadcast:${id}:%`],
      )
    )[0].n;
  /** A broadcast of the Patna Sadar subdivision (two stations): a district officer or above decides. */
  const awaiting = (category: 'awareness' | 'emergency' = 'awareness', scheduledAt: Date | null = null) =>
    world.commands.execute(
      new CreateBroadcastCommand(sadarSdpo, [kotwali.id, gandhi.id], category, body, {}, scheduledAt),
    );

  beforeAll(async () => {
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_decide');
    hq = await world.newOfficer('hq_admin', null);
    patnaSp = await world.newOfficer('district_admin', 'PAT');
    sadarSdpo = await world.newOfficer('subdivision_officer', 'PAT-SADAR');
    gayaSp = await world.newOfficer('district_admin', 'GAYA');
    kotwali = await world.newGroup(hq, 'KOTWALI');
    gandhi = await world.newGroup(hq, 'GANDHI-MAIDAN');
    await world.newCitizen('sms', '+919820000001', kotwali.joinCode);
    await world.newCitizen('sms', '+919820000002', gandhi.joinCode);
  });
  afterAll(async () => world?.close());

  it('lets the district approve: the broadcast starts sending, audited with the approver', async () => {
    const { id, status: before } = await awaiting();
    expect(before).toBe('pending_approval');
    expect(await dispatchRequests(id)).toBe(0);
    expect(await world.commands.execute(new DecideBroadcastCommand(patnaSp, id, 'approve', 'ठीक है'))).toEqual({
      status: 'sending',
    });
    expect(await status(id)).toBe('sending');
    expect(await dispatchRequests(id)).toBe(1);
    const trail = await world.auditTrail(`broadcast:${id}`);
    expect(trail.map((e) => e.type)).toEqual(['broadcast.created', 'broadcast.approved']);
    expect(trail[1]).toMatchObject({
      actor: {
        kind: 'officer',
        officerId: patnaSp.id,
        role: 'district_admin',
        jurisdictionPath: patnaSp.jurisdictionPath,
      },
      body: { note: 'ठीक है', afterTheFact: false, status: 'sending' },
    });
  });

  it('keeps an approved broadcast with a time ahead scheduled', async () => {
    const { id } = await awaiting('awareness', new Date(Date.now() + 3600_000));
    expect(await world.commands.execute(new DecideBroadcastCommand(hq, id, 'approve', null))).toEqual({
      status: 'scheduled',
    });
    expect(await dispatchRequests(id)).toBe(0);
  });

  it('rejects with a reason: nothing is sent, the deliveries are cancelled', async () => {
    const { id } = await awaiting();
    expect(await world.commands.execute(new DecideBroadcastCommand(patnaSp, id, 'reject', 'गलत थाना'))).toEqual({
      status: 'rejected',
    });
    expect(await status(id)).toBe('rejected');
    expect(await pendingDeliveries(id)).toBe(0);
    const trail = await world.auditTrail(`broadcast:${id}`);
    expect(trail[1]).toMatchObject({ type: 'broadcast.rejected', body: { note: 'गलत थाना', status: 'rejected' } });
  });

  it('approves an emergency after the fact, leaving it on its way', async () => {
    const { id, status: before } = await awaiting('emergency');
    expect(before).toBe('sending');
    expect(await dispatchRequests(id)).toBe(1);
    expect(await world.commands.execute(new DecideBroadcastCommand(patnaSp, id, 'approve', null))).toEqual({
      status: 'sending',
    });
    expect(await dispatchRequests(id)).toBe(1); // not queued twice
    const trail = await world.auditTrail(`broadcast:${id}`);
    expect(trail[1]).toMatchObject({ type: 'broadcast.approved', body: { afterTheFact: true } });
  });

  it('refuses to reject an emergency already sent (cancel it instead)', async () => {
    const { id } = await awaiting('emergency');
    await expect(
      world.commands.execute(new DecideBroadcastCommand(patnaSp, id, 'reject', 'अनावश्यक')),
    ).rejects.toMatchObject({ code: 'already_sent', status: 409 });
  });

  it.each<[string, () => OfficerPrincipal, 'approve' | 'reject', string | null, RegExp]>([
    ['the author', () => sadarSdpo, 'approve', null, /author/],
    ['an officer of another district', () => gayaSp, 'approve', null, /not found/],
    ['a rejection without a reason', () => patnaSp, 'reject', ' ', /reason/],
  ])('refuses %s and changes nothing', async (_, who, decision, note, reason) => {
    const { id } = await awaiting();
    await expect(world.commands.execute(new DecideBroadcastCommand(who(), id, decision, note))).rejects.toThrow(reason);
    expect(await status(id)).toBe('pending_approval');
  });

  it('refuses a second decision, and a decision on a cancelled broadcast', async () => {
    const approved = await awaiting();
    await world.commands.execute(new DecideBroadcastCommand(patnaSp, approved.id, 'approve', null));
    await expect(
      world.commands.execute(new DecideBroadcastCommand(hq, approved.id, 'approve', null)),
    ).rejects.toMatchObject({ code: 'not_pending' });
    const cancelled = await awaiting();
    await world.commands.execute(new ControlBroadcastCommand(sadarSdpo, cancelled.id, 'cancel', 'गलती'));
    await expect(
      world.commands.execute(new DecideBroadcastCommand(patnaSp, cancelled.id, 'approve', null)),
    ).rejects.toMatchObject({ code: 'not_pending' });
  });

  it('answers not found for an unknown broadcast', async () => {
    await expect(
      world.commands.execute(new DecideBroadcastCommand(hq, '00000000-0000-4000-8000-000000000000', 'approve', null)),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
