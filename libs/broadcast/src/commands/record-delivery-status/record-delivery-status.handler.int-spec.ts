import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { GroupCreated } from '@jansetu/membership';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { CreateBroadcastCommand } from '../create-broadcast/create-broadcast.command';
import { DispatchBroadcastCommand } from '../dispatch-broadcast/dispatch-broadcast.command';
import { StartDueBroadcastsCommand } from '../start-due-broadcasts/start-due-broadcasts.command';
import { ReceiptRetries } from './receipt-retries';
import { RecordDeliveryStatusCommand } from './record-delivery-status.command';

describe('RecordDeliveryStatusHandler', () => {
  let world: BroadcastWorld;
  let hq: OfficerPrincipal;
  let sho: OfficerPrincipal;
  let n = 0;

  interface Row {
    status: string;
    failure: string | null;
    delivered: boolean;
    read: boolean;
  }
  const delivery = async (ref: string) =>
    (
      await world.dataSource.query<Row[]>(
        `SELECT status, failure, delivered_at IS NOT NULL AS delivered, read_at IS NOT NULL AS read
           FROM delivery WHERE provider_message_id = $1`,
        [ref],
      )
    )[0];
  /** A broadcast sent through the simulator to one new citizen; resolves with its group and provider reference. */
  const sentOne = async (): Promise<{ group: GroupCreated; ref: string; id: string }> => {
    const group = await world.newGroup(hq, 'KOTWALI', `समूह ${++n}`);
    await world.newCitizen('simulator', `sim-${n}`, group.joinCode);
    const { id } = await world.commands.execute(
      new CreateBroadcastCommand(sho, [group.id], 'awareness', { hi: 'सूचना' }),
    );
    await world.commands.execute(new DispatchBroadcastCommand(id, 0));
    const [{ ref }] = await world.dataSource.query<{ ref: string }[]>(
      `SELECT provider_message_id AS ref FROM delivery WHERE broadcast_id = $1`,
      [id],
    );
    return { group, ref, id };
  };
  const byBroadcast = async (id: string) =>
    (
      await world.dataSource.query<{ status: string; failure: string | null; attempts: number; ref: string | null }[]>(
        `SELECT status, failure, attempts, provider_message_id AS ref FROM delivery WHERE broadcast_id = $1`,
        [id],
      )
    )[0];
  const dueInSeconds = async (id: string) =>
    (
      await world.dataSource.query<{ s: number }[]>(
        `SELECT EXTRACT(EPOCH FROM next_attempt_at - now())::float8 AS s FROM delivery WHERE broadcast_id = $1`,
        [id],
      )
    )[0].s;
  const dispatchRequests = async (id: string) =>
    (
      await world.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_message WHERE type = 'broadcast.dispatch' AND key = $1`,
        [`broadcast:${id}:0`],
      )
    )[0].n;
  const broadcastStatus = async (id: string) =>
    (await world.dataSource.query<{ status: string }[]>(`SELECT status FROM broadcast WHERE id = $1`, [id]))[0].status;
  const receipt = (
    ref: string,
    state: 'sent' | 'delivered' | 'read' | 'failed',
    failure?: string,
    code?: string,
    channel = 'simulator',
  ) => world.commands.execute(new RecordDeliveryStatusCommand(channel, ref, state, failure, code));

  beforeAll(async () => {
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_receipts');
    hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
  });
  afterAll(async () => world?.close());

  it('moves a delivery forward only: delivered, read, and stale receipts change nothing', async () => {
    const { ref } = await sentOne();
    expect(await delivery(ref)).toMatchObject({ status: 'sent', delivered: false });
    expect(await receipt(ref, 'delivered')).toEqual({ updated: true });
    expect(await delivery(ref)).toEqual({ status: 'delivered', failure: null, delivered: true, read: false });
    expect(await receipt(ref, 'read')).toEqual({ updated: true });
    expect(await delivery(ref)).toEqual({ status: 'read', failure: null, delivered: true, read: true });
    expect(await receipt(ref, 'delivered')).toEqual({ updated: false }); // late, out of order
    expect(await receipt(ref, 'failed', 'permanent')).toEqual({ updated: false });
    expect(await receipt(ref, 'sent')).toEqual({ updated: false });
    expect(await delivery(ref)).toMatchObject({ status: 'read' });
  });

  it('matches on channel and provider id: the same id from another channel moves nothing', async () => {
    const { ref } = await sentOne();
    expect(await receipt(ref, 'failed', 'permanent', '30008', 'sms')).toEqual({ updated: false });
    expect(await delivery(ref)).toMatchObject({ status: 'sent', failure: null });
    const parked = await world.dataSource.query<{ channel: string }[]>(
      `SELECT channel FROM pending_receipt WHERE provider_ref = $1`,
      [ref],
    );
    expect(parked).toEqual([{ channel: 'sms' }]);
    expect(await receipt(ref, 'delivered')).toEqual({ updated: true });
    expect(await delivery(ref)).toMatchObject({ status: 'delivered', failure: null });
  });

  it('sends again, with backoff, a delivery whose receipt reports a retryable failure (Twilio 30003)', async () => {
    const { id, ref } = await sentOne();
    expect(await broadcastStatus(id)).toBe('completed');
    expect(await receipt(ref, 'failed', 'retryable', '30003')).toEqual({ updated: true });
    expect(await byBroadcast(id)).toMatchObject({
      status: 'pending',
      failure: 'retryable 30003',
      attempts: 1,
      ref: null,
    });
    expect(await broadcastStatus(id)).toBe('sending');
    // A handset off is a matter of minutes or hours: the next send is a minute away (up to 20% later), not seconds.
    expect(await dueInSeconds(id)).toBeGreaterThan(55);
    expect(await dueInSeconds(id)).toBeLessThanOrEqual(72);
    // The dispatch message the receipt queued finds nothing due for a minute: the bucket is parked, not looped on.
    const parked = await world.commands.execute(new DispatchBroadcastCommand(id, 0));
    expect(parked.stoppedBecause).toMatch(/^nothing due for (5[5-9]|6\d|7[0-2]) s; parked$/);
    expect(await world.commands.execute(new StartDueBroadcastsCommand())).toMatchObject({ woken: 0 });
    // A minute on: the scheduler queues the bucket again, and it is sent.
    await world.dataSource.query(`UPDATE delivery SET next_attempt_at = now() WHERE broadcast_id = $1`, [id]);
    await world.dataSource.query(`UPDATE parked_bucket SET due_at = now() WHERE broadcast_id = $1`, [id]);
    const queued = await dispatchRequests(id);
    expect(await world.commands.execute(new StartDueBroadcastsCommand())).toMatchObject({ woken: 1 });
    expect(await dispatchRequests(id)).toBe(queued + 1);
    expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({ sent: 1, failed: 0 });
    expect(await byBroadcast(id)).toMatchObject({ status: 'sent', failure: null, attempts: 2 });
    expect(await broadcastStatus(id)).toBe('completed');
    // A late receipt of the first, failed attempt matches nothing any more.
    expect(await receipt(ref, 'failed', 'retryable', '30003')).toEqual({ updated: false });
  });

  it('sends again a delivery whose retryable receipt beat the record of its send (parked, then applied)', async () => {
    const { id, ref } = await sentOne();
    // As if the receipt had arrived while the batch was still going out: parked, then applied when it is recorded.
    await world.dataSource.query(
      `INSERT INTO pending_receipt (channel, provider_ref, state, failure, error_code)
       VALUES ('simulator', $1, 'failed', 'retryable', '30003')`,
      [ref],
    );
    await world.dataSource.transaction((m) =>
      world.moduleRef.get(ReceiptRetries).applyParkedToDeliveries(m, [{ channel: 'simulator', providerRef: ref }]),
    );
    expect(await byBroadcast(id)).toMatchObject({ status: 'pending', failure: 'retryable 30003', ref: null });
    expect(await dueInSeconds(id)).toBeGreaterThan(55);
    expect(await broadcastStatus(id)).toBe('sending');
  });

  it('fails for good, with the reason, a retryable receipt once the attempt budget is spent', async () => {
    const { id, ref } = await sentOne();
    await world.dataSource.query(`UPDATE delivery SET attempts = 5 WHERE broadcast_id = $1`, [id]);
    expect(await receipt(ref, 'failed', 'retryable', '30003')).toEqual({ updated: true });
    expect(await byBroadcast(id)).toMatchObject({ status: 'failed', failure: 'retryable 30003' });
  });

  it('records a failure with its code', async () => {
    const { ref } = await sentOne();
    expect(await receipt(ref, 'failed', 'permanent', '131026')).toEqual({ updated: true });
    expect(await delivery(ref)).toMatchObject({ status: 'failed', failure: 'permanent 131026' });
  });

  it('closes the contact point of a recipient who opted out: the next broadcast leaves them out', async () => {
    const { group, ref } = await sentOne();
    expect(await receipt(ref, 'failed', 'recipient-opted-out', '131050')).toEqual({ updated: true });
    // Membership closes the contact point on RecipientOptedOut, as the dispatcher delivers it.
    await world.deliverEvents();
    const next = await world.commands.execute(
      new CreateBroadcastCommand(sho, [group.id], 'awareness', { hi: 'दूसरी सूचना' }),
    );
    expect(next.recipients).toBe(0);
  });

  it('parks a receipt that beat the record of its send, once', async () => {
    const parked = () =>
      world.dataSource.query<{ state: string }[]>(`SELECT state FROM pending_receipt WHERE provider_ref = $1`, [
        'ref-not-yet-recorded',
      ]);
    expect(await receipt('ref-not-yet-recorded', 'delivered')).toEqual({ updated: false });
    expect(await receipt('ref-not-yet-recorded', 'delivered')).toEqual({ updated: false }); // the provider retried
    expect(await parked()).toEqual([{ state: 'delivered' }]);
  });
});
