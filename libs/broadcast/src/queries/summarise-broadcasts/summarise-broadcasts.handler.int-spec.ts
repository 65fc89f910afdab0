import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { GroupCreated } from '@jansetu/membership';
import { CreateBroadcastCommand } from '../../commands/create-broadcast/create-broadcast.command';
import { DispatchBroadcastCommand } from '../../commands/dispatch-broadcast/dispatch-broadcast.command';
import { RecordDeliveryStatusCommand } from '../../commands/record-delivery-status/record-delivery-status.command';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { SummariseBroadcastsQuery } from './summarise-broadcasts.query';

describe('SummariseBroadcastsHandler on PostgreSQL', () => {
  let world: BroadcastWorld;
  let hq: OfficerPrincipal;
  let kotwaliSho: OfficerPrincipal;
  let gandhiSho: OfficerPrincipal;
  let patnaSp: OfficerPrincipal;
  let gayaSp: OfficerPrincipal;
  let kotwali: GroupCreated;
  let gandhi: GroupCreated;
  let gaya: GroupCreated;
  const startOfRun = new Date(Date.now() - 60_000);
  const summary = (o: OfficerPrincipal, today = startOfRun) =>
    world.queries.execute(new SummariseBroadcastsQuery(o, today, new Date(Date.now() - 7 * 86_400_000)));
  const refsOf = async (broadcastId: string) =>
    (
      await world.dataSource.query<{ channel: string; ref: string }[]>(
        `SELECT channel, provider_message_id AS ref FROM delivery WHERE broadcast_id = $1 ORDER BY provider_message_id`,
        [broadcastId],
      )
    ).map((r) => [r.channel, r.ref] as const);

  beforeAll(async () => {
    // Approval above 2 recipients: Gandhi Maidan's broadcast waits for the SP.
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_summary', {
      BROADCAST_APPROVAL_THRESHOLD: '2',
    });
    hq = await world.newOfficer('hq_admin', null);
    kotwaliSho = await world.newOfficer('station_officer', 'KOTWALI');
    gandhiSho = await world.newOfficer('station_officer', 'GANDHI-MAIDAN');
    patnaSp = await world.newOfficer('district_admin', 'PAT');
    gayaSp = await world.newOfficer('district_admin', 'GAYA');
    kotwali = await world.newGroup(hq, 'KOTWALI');
    gandhi = await world.newGroup(hq, 'GANDHI-MAIDAN');
    gaya = await world.newGroup(hq, 'GAYA-TOWN');
    for (const n of [1, 2]) await world.newCitizen('simulator', `sim-k${n}`, kotwali.joinCode);
    for (const n of [1, 2, 3]) await world.newCitizen('simulator', `sim-g${n}`, gandhi.joinCode);
    await world.newCitizen('simulator', 'sim-gaya', gaya.joinCode);

    // Kotwali: sent to two, one delivered. Gaya: sent to one, delivered. Gandhi Maidan: waits for approval.
    const k = await world.commands.execute(
      new CreateBroadcastCommand(kotwaliSho, [kotwali.id], 'alert', { hi: 'कोतवाली: पुल पर मरम्मत, रास्ता बंद' }),
    );
    await world.commands.execute(new DispatchBroadcastCommand(k.id, 0));
    await world.commands.execute(new RecordDeliveryStatusCommand(...(await refsOf(k.id))[0], 'delivered'));
    const g = await world.commands.execute(new CreateBroadcastCommand(hq, [gaya.id], 'awareness', { hi: 'गया: सूचना' }));
    await world.commands.execute(new DispatchBroadcastCommand(g.id, 0));
    await world.commands.execute(new RecordDeliveryStatusCommand(...(await refsOf(g.id))[0], 'read'));
    await world.commands.execute(
      new CreateBroadcastCommand(gandhiSho, [gandhi.id], 'awareness', { hi: 'गांधी मैदान: मेला' }),
    );
  });
  afterAll(async () => world?.close());

  it('lists a station’s broadcasts of today with their delivery, and nothing of another station', async () => {
    const mine = await summary(kotwaliSho);
    expect(mine.today).toEqual([
      {
        id: expect.any(String),
        category: 'alert',
        status: 'completed',
        text: 'कोतवाली: पुल पर मरम्मत, रास्ता बंद',
        createdAt: expect.any(Date),
        recipients: 2,
        delivered: 1,
        sent: 1,
        failed: 0,
        waiting: 0,
      },
    ]);
    expect(mine.byArea).toEqual([
      {
        code: 'KOTWALI',
        nameEn: 'Kotwali',
        nameHi: 'कोतवाली',
        level: 'station',
        broadcasts: 1,
        deliveries: 2,
        delivered: 1,
        failed: 0,
        deliveryRate: 0.5,
      },
    ]);
    // a station officer decides nothing, even about a broadcast of their own station
    expect(mine.decisions).toEqual({ count: 0, first: [] });
    // "today" is the caller's: a day that started after the broadcast holds none
    expect((await summary(kotwaliSho, new Date(Date.now() + 60_000))).today).toEqual([]);
  });

  it('gives a district its stations (worst delivery first) and its approval queue; another district none of it', async () => {
    const patna = await summary(patnaSp);
    expect(patna.today.map((b) => b.text).sort()).toEqual(['कोतवाली: पुल पर मरम्मत, रास्ता बंद', 'गांधी मैदान: मेला']);
    // the broadcast awaiting approval was not sent, so Gandhi Maidan has no delivery row yet
    expect(patna.byArea.map((a) => [a.code, a.deliveryRate])).toEqual([['KOTWALI', 0.5]]);
    expect(patna.decisions).toEqual({
      count: 1,
      first: [
        {
          id: expect.any(String),
          category: 'awareness',
          queue: 'pending_approval',
          recipients: 3,
          createdAt: expect.any(Date),
          deadline: null,
        },
      ],
    });
    const gayaView = await summary(gayaSp);
    expect(gayaView.today.map((b) => b.text)).toEqual(['गया: सूचना']);
    expect(gayaView.decisions.count).toBe(0);
  });

  it('gives HQ the state by district', async () => {
    const state = await summary(hq);
    expect(state.today).toHaveLength(3);
    expect(state.byArea.map((a) => [a.code, a.level, a.deliveries, a.delivered, a.deliveryRate])).toEqual([
      ['PAT', 'district', 2, 1, 0.5],
      ['GAYA', 'district', 1, 1, 1],
    ]);
    expect(state.decisions.count).toBe(1);
  });
});
