import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { ControlBroadcastCommand } from '../control-broadcast/control-broadcast.command';
import { CreateBroadcastCommand } from '../create-broadcast/create-broadcast.command';
import { DecideBroadcastCommand } from '../decide-broadcast/decide-broadcast.command';
import { GetBroadcastQuery } from '../../queries/get-broadcast/get-broadcast.query';
import { ListBroadcastQueueQuery } from '../../queries/list-broadcasts/list-broadcasts.query';
import { DispatchBroadcastCommand } from './dispatch-broadcast.command';

const body = { hi: 'अफवाह पर ध्यान न दें, पुलिस की सूचना ही मानें', en: 'Ignore the rumour; trust police notices only' };

// Every audience is streamed here (more than 0 memberships), in slices of about 10 memberships: the dispatchers
// resolve it, the request that creates it only cuts the slices.
describe('Streamed audience (the dispatchers materialise it slice by slice)', () => {
  let world: BroadcastWorld;
  let sp: OfficerPrincipal;
  let sdpo: OfficerPrincipal;
  let n = 0;

  /** Two groups of the station with `size` citizens each, `shared` of them in both. */
  const twoGroups = async (size: number, shared: number) => {
    const a = await world.newGroup(sp, 'KOTWALI', `गाँव क ${++n}`);
    const b = await world.newGroup(sp, 'KOTWALI', `गाँव ख ${n}`);
    const addresses: string[] = [];
    for (let i = 0; i < size; i++) {
      const address = `sim-streamed-${n}-a-${i}`;
      await world.newCitizen('simulator', address, a.joinCode);
      if (i < shared) await world.newCitizen('simulator', address, b.joinCode);
      addresses.push(address);
    }
    for (let i = shared; i < size; i++) {
      const address = `sim-streamed-${n}-b-${i}`;
      await world.newCitizen('simulator', address, b.joinCode);
      addresses.push(address);
    }
    return { groupIds: [a.id, b.id], addresses };
  };
  const create = (groupIds: string[], category: 'awareness' | 'emergency' = 'awareness') =>
    world.commands.execute(new CreateBroadcastCommand(sp, groupIds, category, body));
  const bucketsOf = async (id: string) =>
    (await world.dataSource.query<{ buckets: number }[]>(`SELECT buckets FROM broadcast WHERE id = $1`, [id]))[0]
      .buckets;
  const dispatchAll = async (id: string) => {
    const results = [];
    for (let bucket = 0; bucket < (await bucketsOf(id)); bucket++) {
      results.push(await world.commands.execute(new DispatchBroadcastCommand(id, bucket)));
    }
    return results;
  };
  const deliveryRows = (id: string) =>
    world.dataSource.query<{ citizen_id: string; status: string }[]>(
      `SELECT citizen_id, status FROM delivery WHERE broadcast_id = $1`,
      [id],
    );
  /** Every outcome the audit trail records as sent, by pseudonym: a citizen sent twice appears twice. */
  const sentInTrail = async (id: string) =>
    (await world.auditTrail(`broadcast:${id}`))
      .filter((e) => e.type === 'broadcast.messages_sent')
      .flatMap((e) => (e.body.outcomes as { pseudonym: string; status: string }[]).filter((o) => o.status === 'sent'))
      .map((o) => o.pseudonym);

  beforeAll(async () => {
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_streamed', {
      FANOUT_STREAM_ABOVE: '0',
      DISPATCH_BUCKET_SIZE: '10',
      DISPATCH_MAX_BUCKETS: '3',
      BROADCAST_APPROVAL_THRESHOLD: '45',
    });
    sp = await world.newOfficer('station_officer', 'KOTWALI');
    sdpo = await world.newOfficer('subdivision_officer', 'PAT-SADAR');
  });
  afterAll(async () => {
    await world?.close();
  });

  const resolvedGroups = async (id: string) =>
    (
      await world.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM broadcast_audience_group WHERE broadcast_id = $1`,
        [id],
      )
    )[0].n;

  it('answers before any delivery exists, then sends each citizen once however many groups they share', async () => {
    const { groupIds, addresses } = await twoGroups(20, 5); // 40 memberships, 35 citizens
    await world.say('simulator', addresses[1], 'STOP'); // in both groups; STOP leaves both before the broadcast
    const created = await create(groupIds);
    // The estimate is the membership count: an upper bound (a citizen in both groups counts twice).
    expect(created).toMatchObject({ recipients: 0, audienceEstimate: 38, status: 'sending' });
    expect(await deliveryRows(created.id)).toEqual([]);
    expect(await world.queries.execute(new GetBroadcastQuery(sp, created.id))).toMatchObject({
      recipients: 0,
      audienceEstimate: 38,
      audienceResolving: true,
    });

    // One leaves after creation: resolved at send time, so left out too.
    await world.say('simulator', addresses[2], 'STOP');
    const results = await dispatchAll(created.id);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(33);
    const rows = await deliveryRows(created.id);
    expect(rows).toHaveLength(33);
    expect(new Set(rows.map((r) => r.citizen_id)).size).toBe(33);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const sent = await sentInTrail(created.id);
    expect(sent).toHaveLength(33);
    expect(new Set(sent).size).toBe(33);

    const view = await world.queries.execute(new GetBroadcastQuery(sp, created.id));
    expect(view).toMatchObject({ status: 'completed', recipients: 33, audienceResolving: false });
    const trail = (await world.auditTrail(`broadcast:${created.id}`)).map((e) => e.type);
    // Resolved once, by whichever slice was last, before the broadcast could complete.
    expect(trail.filter((t) => t === 'broadcast.audience_resolved')).toHaveLength(1);
    expect(trail.indexOf('broadcast.audience_resolved')).toBeLessThan(trail.indexOf('broadcast.completed'));
    const resolved = (await world.auditTrail(`broadcast:${created.id}`)).find(
      (e) => e.type === 'broadcast.audience_resolved',
    );
    expect(resolved?.body).toEqual({ audienceSize: 33 });
    expect(await resolvedGroups(created.id)).toBe(0); // the groups were kept for the slices only
  });

  it('is not complete while a bucket still has slices to resolve', async () => {
    const { groupIds } = await twoGroups(15, 0);
    const { id } = await create(groupIds);
    expect(await bucketsOf(id)).toBe(3);
    await world.commands.execute(new DispatchBroadcastCommand(id, 0));
    expect((await world.queries.execute(new GetBroadcastQuery(sp, id))).status).toBe('sending');
    await dispatchAll(id);
    expect((await world.queries.execute(new GetBroadcastQuery(sp, id))).status).toBe('completed');
  });

  it('resolves nothing more once cancelled, and nothing while paused until resumed', async () => {
    const { groupIds } = await twoGroups(15, 0);
    const cancelled = await create(groupIds);
    await world.commands.execute(new DispatchBroadcastCommand(cancelled.id, 0));
    const before = (await deliveryRows(cancelled.id)).length;
    expect(before).toBeGreaterThan(0);
    expect(await resolvedGroups(cancelled.id)).toBe(2); // resolved at the first slice, for the others
    await world.commands.execute(new ControlBroadcastCommand(sp, cancelled.id, 'cancel', 'गलत सूचना'));
    expect(await resolvedGroups(cancelled.id)).toBe(0);
    expect(await dispatchAll(cancelled.id)).toEqual([
      { sent: 0, failed: 0, stoppedBecause: 'cancelled' },
      { sent: 0, failed: 0, stoppedBecause: 'cancelled' },
      { sent: 0, failed: 0, stoppedBecause: 'cancelled' },
    ]);
    const rows = await deliveryRows(cancelled.id);
    expect(rows).toHaveLength(before);
    expect(rows.filter((r) => r.status === 'pending')).toEqual([]);

    const paused = await create(groupIds);
    await world.commands.execute(new ControlBroadcastCommand(sp, paused.id, 'pause', null));
    await dispatchAll(paused.id);
    expect(await deliveryRows(paused.id)).toEqual([]);
    await world.commands.execute(new ControlBroadcastCommand(sp, paused.id, 'resume', null));
    await dispatchAll(paused.id);
    expect(await deliveryRows(paused.id)).toHaveLength(30);
  });

  it('two dispatchers working the same bucket at once (a redelivered message) resolve and send each citizen once', async () => {
    const { groupIds } = await twoGroups(20, 5);
    const { id } = await create(groupIds);
    const buckets = await bucketsOf(id);
    await Promise.all(
      Array.from({ length: buckets * 2 }, (_, i) =>
        world.commands.execute(new DispatchBroadcastCommand(id, i % buckets)),
      ),
    );
    const rows = await deliveryRows(id);
    expect(rows).toHaveLength(35);
    const sent = await sentInTrail(id);
    expect(sent).toHaveLength(35);
    expect(new Set(sent).size).toBe(35);
  });

  it('is judged for approval by its membership count, and resolves nothing until approved', async () => {
    // 50 memberships of 40 citizens: above the threshold of 45 by the count the slices were cut from.
    const { groupIds } = await twoGroups(25, 10);
    const created = await create(groupIds);
    expect(created).toMatchObject({ status: 'pending_approval', needsApproval: true, audienceEstimate: 50 });
    expect(await dispatchAll(created.id)).toEqual([
      { sent: 0, failed: 0, stoppedBecause: 'pending_approval' },
      { sent: 0, failed: 0, stoppedBecause: 'pending_approval' },
      { sent: 0, failed: 0, stoppedBecause: 'pending_approval' },
    ]);
    expect(await deliveryRows(created.id)).toEqual([]);
    // The approver judges it by the estimate (nothing is resolved before approval).
    const queue = await world.queries.execute(new ListBroadcastQueueQuery(sdpo, 'pending_approval', 50, 0));
    expect(queue.items.find((row) => row.id === created.id)).toMatchObject({ recipients: 0, audienceEstimate: 50 });
    await world.commands.execute(new DecideBroadcastCommand(sdpo, created.id, 'approve', null));
    await dispatchAll(created.id);
    expect(await deliveryRows(created.id)).toHaveLength(40);
    expect((await world.queries.execute(new GetBroadcastQuery(sp, created.id))).status).toBe('completed');
  });

  it('an emergency to a streamed audience goes at once, with its review after', async () => {
    const { groupIds } = await twoGroups(30, 0);
    const created = await create(groupIds, 'emergency');
    expect(created).toMatchObject({ status: 'sending', needsApproval: true, recipients: 0 });
    const results = await dispatchAll(created.id);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(60);
  });
});
