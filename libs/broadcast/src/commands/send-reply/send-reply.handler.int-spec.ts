import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { providerMessageRef, SimulatorAdapter } from '@jansetu/channels';
import { BlindIndex, DataKeys } from '@jansetu/platform';
import { MetaGraphApiFake } from '@jansetu/testing';
import { AutoReply } from '../../domain/auto-reply';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { RecordDeliveryStatusCommand } from '../record-delivery-status/record-delivery-status.command';
import { ReleaseHeldRepliesCommand } from '../release-held-replies/release-held-replies.command';
import { SendReplyCommand } from './send-reply.command';

describe('SendReplyHandler', () => {
  let world: BroadcastWorld;
  let meta: MetaGraphApiFake;
  let simulator: SimulatorAdapter;
  let joinCode: string;

  const reply = (r: Partial<AutoReply>): AutoReply => ({
    pseudonym: null,
    reason: 'help',
    text: 'सहायता: JOIN <कोड> लिखें',
    jurisdictionPath: null,
    ...r,
  });

  beforeAll(async () => {
    meta = await new MetaGraphApiFake().start();
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_reply', {
      WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: 'reply-spec-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'reply-spec-verify-token',
      WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
    });
    simulator = world.moduleRef.get(SimulatorAdapter);
    const hq = await world.newOfficer('hq_admin', null);
    ({ joinCode } = await world.newGroup(hq, 'KOTWALI'));
  });
  afterAll(async () => {
    await world?.close();
    await meta?.stop();
  });

  it('sends a reply to a stored contact point once, audited on the citizen’s chain', async () => {
    const citizen = await world.newCitizen('simulator', 'sim-reply-1', joinCode);
    const messageId = randomUUID();
    const r = reply({ contactPointId: citizen.contactPointId, pseudonym: citizen.pseudonym });
    expect(await world.commands.execute(new SendReplyCommand(messageId, r))).toEqual({ sent: true });
    expect(await world.commands.execute(new SendReplyCommand(messageId, r))).toEqual({ sent: false }); // redelivered
    expect((await simulator.sentTo('sim-reply-1')).map((m) => m.text)).toEqual([r.text]);
    const trail = await world.auditTrail(`citizen:${citizen.pseudonym}`);
    expect(trail.filter((e) => e.type === 'auto_reply.sent')).toEqual([
      expect.objectContaining({
        actor: { kind: 'system', officerId: null, role: null },
        body: expect.objectContaining({ reason: 'help', channel: 'simulator', status: 'sent', failure: null }),
      }),
    ]);
  });

  it('answers someone JanSetu keeps nothing about at a sealed address, on a chain of the reply', async () => {
    const messageId = randomUUID();
    const r = reply({ channel: 'simulator', toSealed: world.cipher.encrypt('sim-stranger'), reason: 'unknown-code' });
    expect(await world.commands.execute(new SendReplyCommand(messageId, r))).toEqual({ sent: true });
    expect((await simulator.sentTo('sim-stranger')).map((m) => m.text)).toEqual([r.text]);
    expect((await world.auditTrail(`reply:${messageId}`)).map((e) => e.type)).toEqual(['auto_reply.sent']);
  });

  it('applies the receipts of a reply (channel + provider id) and tells what it answers, in order, forward only', async () => {
    const citizen = await world.newCitizen('whatsapp', '+919880000077', joinCode);
    const ref = `inbox-reply:${randomUUID()}`;
    const r = reply({ contactPointId: citizen.contactPointId, pseudonym: null, reason: 'inbox-ack', ref });
    const messageId = randomUUID();
    expect(await world.commands.execute(new SendReplyCommand(messageId, r))).toEqual({ sent: true });
    const wamid = meta.calls.filter((c) => c.wamid && (c.body as { to?: string }).to === '919880000077').at(-1)!.wamid!;
    const providerRef = providerMessageRef(world.moduleRef.get(BlindIndex), wamid);
    const receipt = (channel: string, state: 'delivered' | 'read' | 'failed') =>
      world.commands.execute(new RecordDeliveryStatusCommand(channel, providerRef, state));

    // The same id on another channel is not this reply's; a late 'delivered' after 'read' changes nothing.
    expect(await receipt('telegram', 'delivered')).toEqual({ updated: false });
    expect(await receipt('whatsapp', 'delivered')).toEqual({ updated: true });
    expect(await receipt('whatsapp', 'read')).toEqual({ updated: true });
    expect(await receipt('whatsapp', 'delivered')).toEqual({ updated: false });
    const [row] = await world.dataSource.query<{ status: string; reason: string; ref: string }[]>(
      `SELECT status, reason, ref FROM reply_send WHERE message_id = $1`,
      [messageId],
    );
    expect(row).toEqual({ status: 'read', reason: 'inbox-ack', ref });
    const told = await world.dataSource.query<{ payload: { ref: string; status: string } }[]>(
      `SELECT payload -> 'payload' AS payload FROM outbox_message
        WHERE type = 'ReplyDeliveryChanged' AND payload -> 'payload' ->> 'ref' = $1 ORDER BY seq`,
      [ref],
    );
    expect(told.map((t) => t.payload.status)).toEqual(['sent', 'delivered', 'read']);
    // The telegram receipt matched nothing: it waits (parked), it was not applied to the WhatsApp reply.
    const parked = await world.dataSource.query(`SELECT channel FROM pending_receipt WHERE provider_ref = $1`, [
      providerRef,
    ]);
    expect(parked).toEqual([{ channel: 'telegram' }]);
  });

  it('closes the contact point when a reply’s receipt says the citizen opted out: the next reply goes nowhere', async () => {
    const citizen = await world.newCitizen('whatsapp', '+919880000078', joinCode);
    const r = reply({ contactPointId: citizen.contactPointId, pseudonym: citizen.pseudonym, reason: 'inbox-ack' });
    expect(await world.commands.execute(new SendReplyCommand(randomUUID(), r))).toEqual({ sent: true });
    const wamid = meta.calls.filter((c) => c.wamid && (c.body as { to?: string }).to === '919880000078').at(-1)!.wamid!;
    const providerRef = providerMessageRef(world.moduleRef.get(BlindIndex), wamid);
    expect(
      await world.commands.execute(
        new RecordDeliveryStatusCommand('whatsapp', providerRef, 'failed', 'recipient-opted-out', '131050'),
      ),
    ).toEqual({ updated: true });
    await world.deliverEvents(); // membership closes the contact point on RecipientOptedOut
    expect(await world.commands.execute(new SendReplyCommand(randomUUID(), r))).toEqual({ sent: false });
    expect(meta.sentTo('+919880000078')).toHaveLength(1);
  });

  it('closes the contact point when the provider refuses a reply because the citizen opted out', async () => {
    const citizen = await world.newCitizen('whatsapp', '+919880000079', joinCode);
    meta.failNext('+919880000079', { httpStatus: 400, code: 131050, message: 'User stopped marketing messages' });
    const r = reply({ contactPointId: citizen.contactPointId, pseudonym: citizen.pseudonym, reason: 'help' });
    expect(await world.commands.execute(new SendReplyCommand(randomUUID(), r))).toEqual({ sent: false });
    await world.deliverEvents();
    expect(await world.commands.execute(new SendReplyCommand(randomUUID(), r))).toEqual({ sent: false });
    expect(meta.sentTo('+919880000079')).toHaveLength(0);
    const trail = await world.auditTrail(`citizen:${citizen.pseudonym}`);
    expect(trail.filter((e) => e.type === 'auto_reply.sent').map((e) => e.body.failure)).toEqual([
      'recipient-opted-out',
    ]);
  });

  it('sends a reply again when its receipt says the handset was off, and fails it for good once the tries are spent', async () => {
    const citizen = await world.newCitizen('whatsapp', '+919880000080', joinCode);
    const ref = `inbox-reply:${randomUUID()}`;
    const r = reply({ contactPointId: citizen.contactPointId, pseudonym: citizen.pseudonym, reason: 'inbox-ack', ref });
    const firstId = randomUUID();
    expect(await world.commands.execute(new SendReplyCommand(firstId, r))).toEqual({ sent: true });
    const lastSendRef = () =>
      providerMessageRef(
        world.moduleRef.get(BlindIndex),
        meta.calls.filter((c) => c.wamid && (c.body as { to?: string }).to === '919880000080').at(-1)!.wamid!,
      );
    const handsetOff = () =>
      world.commands.execute(
        new RecordDeliveryStatusCommand('whatsapp', lastSendRef(), 'failed', 'retryable', '131000'),
      );
    // Four more sends, each after its receipt said "try again"; the fifth send's failure stands.
    for (let attempt = 2; attempt <= 5; attempt++) {
      expect(await handsetOff()).toEqual({ updated: true });
      await world.dataSource.query(`UPDATE held_reply SET next_attempt_at = now()`); // its backoff, passed
      expect(await world.commands.execute(new ReleaseHeldRepliesCommand())).toEqual({ tried: 1, sent: 1 });
    }
    expect(meta.sentTo('+919880000080')).toHaveLength(5);
    expect(await handsetOff()).toEqual({ updated: true });
    expect(await world.dataSource.query(`SELECT 1 FROM held_reply`)).toEqual([]);
    const sends = await world.dataSource.query<{ status: string; attempt: number; failure: string }[]>(
      `SELECT status, attempt, failure FROM reply_send WHERE ref = $1 ORDER BY attempt`,
      [ref],
    );
    expect(sends.map((x) => [x.attempt, x.status])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'failed'],
      [4, 'failed'],
      [5, 'failed'],
    ]);
    expect(sends[0].failure).toBe('retryable 131000 (sent again)');
    expect(sends[4].failure).toBe('retryable 131000');
    // What it answers is told each send, and the final failure.
    const told = await world.dataSource.query<{ status: string }[]>(
      `SELECT payload -> 'payload' ->> 'status' AS status FROM outbox_message
        WHERE type = 'ReplyDeliveryChanged' AND payload -> 'payload' ->> 'ref' = $1 ORDER BY seq`,
      [ref],
    );
    expect(told.map((t) => t.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent', 'failed']);
  });

  it('sends a reply to a sealed address again when its receipt says try again, and not once the citizen erased', async () => {
    const keys = world.moduleRef.get(DataKeys);
    const informant = '+919880000091';
    const toSealed = await keys.sealFor('whatsapp', informant, informant);
    const r = reply({ channel: 'whatsapp', toSealed, reason: 'inbox-reply', ref: `inbox-reply:${randomUUID()}` });
    expect(await world.commands.execute(new SendReplyCommand(randomUUID(), r))).toEqual({ sent: true });
    const lastSendRef = () =>
      providerMessageRef(
        world.moduleRef.get(BlindIndex),
        meta.calls.filter((c) => c.wamid && (c.body as { to?: string }).to === informant.slice(1)).at(-1)!.wamid!,
      );
    const handsetOff = () =>
      world.commands.execute(
        new RecordDeliveryStatusCommand('whatsapp', lastSendRef(), 'failed', 'retryable', '131000'),
      );
    expect(await handsetOff()).toEqual({ updated: true });
    await world.dataSource.query(`UPDATE held_reply SET next_attempt_at = now()`);
    expect(await world.commands.execute(new ReleaseHeldRepliesCommand())).toEqual({ tried: 1, sent: 1 });
    expect(meta.sentTo(informant)).toHaveLength(2);
    // Handset off again, and the informant erases themselves before the resend: it goes nowhere.
    expect(await handsetOff()).toEqual({ updated: true });
    await world.dataSource.transaction((m) => keys.destroySubjects(m, [keys.subjectOf('whatsapp', informant)]));
    await world.dataSource.query(`UPDATE held_reply SET next_attempt_at = now()`);
    await world.commands.execute(new ReleaseHeldRepliesCommand());
    expect(meta.sentTo(informant)).toHaveLength(2);
    expect(await world.dataSource.query(`SELECT 1 FROM held_reply`)).toEqual([]);
  });

  it('tries a throttled provider again at the delay it asks for', async () => {
    const citizen = await world.newCitizen('whatsapp', '+919880000001', joinCode);
    meta.failNext('+919880000001', {
      httpStatus: 429,
      code: 130429,
      message: 'Rate limit hit',
      headers: { 'retry-after': '1' },
    });
    const r = reply({
      contactPointId: citizen.contactPointId,
      pseudonym: citizen.pseudonym,
      reason: 'stop-confirmation',
    });
    expect(await world.commands.execute(new SendReplyCommand(randomUUID(), r))).toEqual({ sent: true });
    expect(meta.sentTo('+919880000001')).toMatchObject([{ type: 'text', text: { body: r.text } }]);
  });

  it('audits a reply on a channel that is off as failed', async () => {
    const citizen = await world.newCitizen('sms', '+919880000002', joinCode);
    const r = reply({ contactPointId: citizen.contactPointId, pseudonym: citizen.pseudonym });
    expect(await world.commands.execute(new SendReplyCommand(randomUUID(), r))).toEqual({ sent: false });
    const trail = await world.auditTrail(`citizen:${citizen.pseudonym}`);
    expect(trail.find((e) => e.type === 'auto_reply.sent')?.body).toMatchObject({
      status: 'failed',
      failure: 'permanent',
    });
  });

  it('sends nothing to a contact point that does not exist', async () => {
    const r = reply({ contactPointId: '00000000-0000-4000-8000-000000000000' });
    expect(await world.commands.execute(new SendReplyCommand(randomUUID(), r))).toEqual({ sent: false });
  });
});
