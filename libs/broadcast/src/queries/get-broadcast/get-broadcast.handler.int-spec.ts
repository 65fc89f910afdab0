import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { GroupCreated } from '@jansetu/membership';
import { CreateBroadcastCommand } from '../../commands/create-broadcast/create-broadcast.command';
import { DispatchBroadcastCommand } from '../../commands/dispatch-broadcast/dispatch-broadcast.command';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { GetBroadcastQuery } from './get-broadcast.query';

describe('GetBroadcastHandler', () => {
  let world: BroadcastWorld;
  let hq: OfficerPrincipal;
  let sho: OfficerPrincipal;
  let patnaSp: OfficerPrincipal;
  let gayaSp: OfficerPrincipal;
  let kotwali: GroupCreated;
  let gaya: GroupCreated;

  beforeAll(async () => {
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_get');
    hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
    patnaSp = await world.newOfficer('district_admin', 'PAT');
    gayaSp = await world.newOfficer('district_admin', 'GAYA');
    kotwali = await world.newGroup(hq, 'KOTWALI');
    gaya = await world.newGroup(hq, 'GAYA-TOWN');
    await world.newCitizen('sms', '+919850000001', kotwali.joinCode);
    await world.newCitizen('whatsapp', '+919850000002', kotwali.joinCode);
    await world.newCitizen('sms', '+919850000003', kotwali.joinCode);
    await world.newCitizen('sms', '+919850000004', gaya.joinCode);
  });
  afterAll(async () => world?.close());

  it('shows a broadcast with its deliveries counted by status and channel', async () => {
    const { id } = await world.commands.execute(
      new CreateBroadcastCommand(sho, [kotwali.id], 'alert', { hi: 'सड़क बंद है' }),
    );
    const view = await world.queries.execute(new GetBroadcastQuery(sho, id));
    expect(view).toEqual({
      id,
      category: 'alert',
      status: 'sending',
      recipients: 3,
      // Resolved at creation (a small audience): no estimate, nothing left to resolve.
      audienceEstimate: null,
      audienceResolving: false,
      createdAt: expect.any(Date),
      byStatus: { pending: 3 },
      byChannel: { sms: 2, whatsapp: 1 },
      verificationCode: expect.stringMatching(/^[2-9A-HJKMNP-TV-Z]{6}$/),
      byReason: {},
    });
    expect(await world.queries.execute(new GetBroadcastQuery(patnaSp, id))).toMatchObject({ id, recipients: 3 });
    expect(await world.queries.execute(new GetBroadcastQuery(hq, id))).toMatchObject({ id });
  });

  it('counts the deliveries that did not go out by their reason', async () => {
    const { id } = await world.commands.execute(
      new CreateBroadcastCommand(sho, [kotwali.id], 'alert', { hi: 'पुल बंद है' }),
    );
    // Neither SMS nor WhatsApp has a provider in this world: every delivery fails, and says why.
    await world.commands.execute(new DispatchBroadcastCommand(id, 0));
    expect(await world.queries.execute(new GetBroadcastQuery(sho, id))).toMatchObject({
      status: 'completed',
      byStatus: { failed: 3 },
      byChannel: { sms: 2, whatsapp: 1 },
      byReason: { permanent: 3 },
    });
  });

  it('reads as absent outside the officer’s jurisdiction', async () => {
    const { id } = await world.commands.execute(
      new CreateBroadcastCommand(sho, [kotwali.id], 'alert', { hi: 'सड़क बंद है' }),
    );
    await expect(world.queries.execute(new GetBroadcastQuery(gayaSp, id))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shows a broadcast with no common jurisdiction to state-wide officers only', async () => {
    const { id } = await world.commands.execute(
      new CreateBroadcastCommand(hq, [kotwali.id, gaya.id], 'emergency', { hi: 'बाढ़ की चेतावनी' }),
    );
    expect(await world.queries.execute(new GetBroadcastQuery(hq, id))).toMatchObject({ recipients: 4 });
    await expect(world.queries.execute(new GetBroadcastQuery(patnaSp, id))).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('answers not found for an unknown id', async () => {
    await expect(
      world.queries.execute(new GetBroadcastQuery(hq, '00000000-0000-4000-8000-000000000000')),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
