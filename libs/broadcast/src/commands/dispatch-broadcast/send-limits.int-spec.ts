import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MetaGraphApiFake } from '@jansetu/testing';
import { Category } from '../../domain/broadcast';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { PreviewBroadcastQuery } from '../../queries/preview-broadcast/preview-broadcast.query';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { CreateBroadcastCommand } from '../create-broadcast/create-broadcast.command';
import { DispatchBroadcastCommand } from './dispatch-broadcast.command';

const body = { hi: 'साइबर ठगी से सावधान' };

describe('limits enforced at send time: per-citizen daily cap, WhatsApp daily unique users', () => {
  let world: BroadcastWorld;
  let meta: MetaGraphApiFake;
  let hq: OfficerPrincipal;
  let sho: OfficerPrincipal;

  const send = async (groupId: string, category: Category = 'awareness') => {
    const { id } = await world.commands.execute(new CreateBroadcastCommand(sho, [groupId], category, body));
    await world.commands.execute(new DispatchBroadcastCommand(id, 0));
    return id;
  };
  const outcomes = (id: string) =>
    world.dataSource.query<{ status: string; failure: string | null; held: boolean }[]>(
      `SELECT status, failure, next_attempt_at > now() AS held FROM delivery WHERE broadcast_id = $1 ORDER BY status`,
      [id],
    );

  beforeAll(async () => {
    meta = await new MetaGraphApiFake().start();
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_send_limits', {
      CITIZEN_DAILY_MESSAGE_CAP: '2',
      WHATSAPP_DAILY_LIMIT: '2',
      WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: 'limits-spec-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'limits-spec-verify-token',
      WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
    });
    hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
  });
  afterAll(async () => {
    await world?.close();
    await meta?.stop();
  });

  it('caps non-emergency messages per citizen a day (shown in the preview), never an emergency', async () => {
    const group = await world.newGroup(hq, 'KOTWALI', 'सीमा समूह');
    await world.newCitizen('simulator', 'cap-citizen-1', group.joinCode);
    await world.newCitizen('simulator', 'cap-citizen-2', group.joinCode);
    expect((await outcomes(await send(group.id)))[0].status).toBe('sent');
    expect((await outcomes(await send(group.id)))[0].status).toBe('sent');
    const preview = (category: Category) =>
      world.queries.execute(new PreviewBroadcastQuery(sho, [group.id], body, {}, category));
    expect((await preview('awareness')).citizenDailyCap).toEqual({ cap: 2, wouldBeCapped: 2 });
    expect((await preview('emergency')).citizenDailyCap).toEqual({ cap: 2, wouldBeCapped: 0 });
    const third = await send(group.id);
    expect(await outcomes(third)).toEqual([
      { status: 'capped', failure: 'daily-cap', held: false },
      { status: 'capped', failure: 'daily-cap', held: false },
    ]);
    const [{ status }] = await world.dataSource.query<{ status: string }[]>(
      `SELECT status FROM broadcast WHERE id = $1`,
      [third],
    );
    expect(status).toBe('completed');
    const emergency = await send(group.id, 'emergency');
    expect((await outcomes(emergency)).map((o) => o.status)).toEqual(['sent', 'sent']);
  });

  it('holds WhatsApp deliveries beyond the daily unique-user limit; citizens already reached today still get theirs', async () => {
    const group = await world.newGroup(hq, 'KOTWALI', 'व्हाट्सऐप समूह');
    for (const n of [1, 2, 3]) await world.newCitizen('whatsapp', `+91981000000${n}`, group.joinCode);
    const first = await send(group.id);
    const o = await outcomes(first);
    expect(o.filter((d) => d.status === 'sent')).toHaveLength(2);
    expect(o.filter((d) => d.status === 'pending')).toEqual([
      { status: 'pending', failure: 'whatsapp-daily-limit', held: true },
    ]);
    expect(meta.calls.filter((c) => c.path.endsWith('/messages'))).toHaveLength(2);
    const preview = await world.queries.execute(new PreviewBroadcastQuery(sho, [group.id], body, {}, 'alert'));
    expect(preview.whatsapp).toMatchObject({ sentLast24h: 2, withinLimit: false, wouldBeHeld: 3 });
    // The two reached today are no new unique users: they get the next one; the third is held again.
    const second = await send(group.id);
    expect((await outcomes(second)).map((d) => [d.status, d.failure])).toEqual([
      ['pending', 'whatsapp-daily-limit'],
      ['sent', null],
      ['sent', null],
    ]);
  });

  it('a count of the day given by the dispatcher: the claim holds nobody when a whole batch stays below the limit, and still holds the excess near it', async () => {
    // Each claim to three citizens not reached today (new unique users).
    const claim = async (whatsappUsed: number, whatsappDailyLimit: number) => {
      const group = await world.newGroup(hq, 'KOTWALI', `गिनती समूह ${whatsappUsed}`);
      for (const n of [1, 2, 3]) await world.newCitizen('whatsapp', `+9198${whatsappUsed}0000${n}`, group.joinCode);
      const { id } = await world.commands.execute(new CreateBroadcastCommand(sho, [group.id], 'emergency', body));
      const limits = { citizenDailyCap: null, whatsappDailyLimit, whatsappHoldMinutes: 60, whatsappUsed };
      const claimed = await world.moduleRef.get(DeliveryRepository).claimPendingBatch(id, 0, 10, limits);
      return { claimed: claimed.length, held: (await outcomes(id)).filter((d) => d.held).length };
    };
    // 990 used of 1,000: ten more fit, so a batch of ten cannot cross the limit (the per-citizen check is skipped).
    expect(await claim(990, 1000)).toEqual({ claimed: 3, held: 0 });
    // 998 used of 1,000: only two new users fit; the third citizen is held.
    expect(await claim(998, 1000)).toEqual({ claimed: 2, held: 1 });
  });
});
