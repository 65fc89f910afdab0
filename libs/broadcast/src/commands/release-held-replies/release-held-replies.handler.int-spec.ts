import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MetaGraphApiFake } from '@jansetu/testing';
import { AutoReply } from '../../domain/auto-reply';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { SendReplyCommand } from '../send-reply/send-reply.command';
import { ReleaseHeldRepliesCommand } from './release-held-replies.command';

const OUTAGE = { httpStatus: 503, code: 131016, message: '(#131016) Service unavailable' };

/** The 112 advice and an officer's answer must outlive a provider outage: held, not failed after seconds. */
describe('replies held while their provider is down', () => {
  let world: BroadcastWorld;
  let meta: MetaGraphApiFake;
  let joinCode: string;

  beforeAll(async () => {
    meta = await new MetaGraphApiFake().start();
    world = await BroadcastWorld.create(inject('runPrefix'), 'held_replies', {
      WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: 'held-spec-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'held-spec-verify-token',
      WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
      CIRCUIT_COOLDOWN_MS: '100',
      REPLY_HOLD_MINUTES: '30',
    });
    const hq = await world.newOfficer('hq_admin', null);
    ({ joinCode } = await world.newGroup(hq, 'KOTWALI'));
  });
  afterAll(async () => {
    await world?.close();
    await meta?.stop();
  });

  const advice = async (address: string): Promise<{ messageId: string; reply: AutoReply; pseudonym: string }> => {
    const citizen = await world.newCitizen('whatsapp', address, joinCode);
    return {
      messageId: randomUUID(),
      pseudonym: citizen.pseudonym,
      reply: {
        contactPointId: citizen.contactPointId,
        pseudonym: citizen.pseudonym,
        reason: 'emergency-112',
        text: 'आपात स्थिति में तुरंत 112 पर कॉल करें / In an emergency call 112 now',
        jurisdictionPath: null,
      },
    };
  };
  const held = (messageId: string) =>
    world.dataSource.query<{ attempts: number; last_failure: string }[]>(
      `SELECT attempts, last_failure FROM held_reply WHERE message_id = $1`,
      [messageId],
    );
  const dueNow = (messageId: string, heldMinutesAgo = 0) =>
    world.dataSource.query(
      `UPDATE held_reply SET next_attempt_at = now(), first_held_at = now() - make_interval(mins => $2)
        WHERE message_id = $1`,
      [messageId, heldMinutesAgo],
    );
  const sentReplies = async (pseudonym: string) =>
    (await world.auditTrail(`citizen:${pseudonym}`)).filter((e) => e.type === 'auto_reply.sent').map((e) => e.body);

  it('holds a reply the provider refused three times, then sends it once when the provider is back', async () => {
    const address = '+919880000101';
    const { messageId, reply, pseudonym } = await advice(address);
    for (let i = 0; i < 3; i++) meta.failNext(address, OUTAGE);

    expect(await world.commands.execute(new SendReplyCommand(messageId, reply))).toEqual({ sent: false, held: true });
    expect(meta.sentTo(address)).toEqual([]);
    expect(await held(messageId)).toEqual([
      { attempts: 1, last_failure: expect.stringMatching(/retryable|unavailable/) },
    ]);
    expect(await sentReplies(pseudonym)).toEqual([]); // neither sent nor failed: nothing to audit yet
    // Not due yet: the job leaves it.
    expect(await world.commands.execute(new ReleaseHeldRepliesCommand())).toEqual({ tried: 0, sent: 0 });

    await dueNow(messageId);
    await sleep(150); // the circuit's cool-down: the next send is its probe
    expect(await world.commands.execute(new ReleaseHeldRepliesCommand())).toEqual({ tried: 1, sent: 1 });
    expect(meta.sentTo(address)).toMatchObject([{ type: 'text', text: { body: reply.text } }]);
    expect(await sentReplies(pseudonym)).toEqual([
      expect.objectContaining({ status: 'sent', reason: 'emergency-112' }),
    ]);
    expect(await held(messageId)).toEqual([]);
    // Sent once: the original bus message redelivered, or the job again, sends nothing more.
    expect(await world.commands.execute(new SendReplyCommand(messageId, reply))).toEqual({ sent: false });
    expect(await world.commands.execute(new ReleaseHeldRepliesCommand())).toEqual({ tried: 0, sent: 0 });
    expect(meta.sentTo(address)).toHaveLength(1);
  });

  it('fails it for good, audited, once it has waited REPLY_HOLD_MINUTES and the provider still refuses', async () => {
    const address = '+919880000102';
    const { messageId, reply, pseudonym } = await advice(address);
    for (let i = 0; i < 3; i++) meta.failNext(address, OUTAGE);
    expect(await world.commands.execute(new SendReplyCommand(messageId, reply))).toEqual({ sent: false, held: true });

    await dueNow(messageId, 31);
    for (let i = 0; i < 3; i++) meta.failNext(address, OUTAGE);
    await sleep(150);
    expect(await world.commands.execute(new ReleaseHeldRepliesCommand())).toEqual({ tried: 1, sent: 0 });
    expect(await sentReplies(pseudonym)).toEqual([expect.objectContaining({ status: 'failed' })]);
    expect(await held(messageId)).toEqual([]);
    expect(meta.sentTo(address)).toEqual([]);
  });

  it('drops a held reply once there is nobody to send it to (the contact point closed meanwhile)', async () => {
    const address = '+919880000104';
    const { messageId, reply, pseudonym } = await advice(address);
    for (let i = 0; i < 3; i++) meta.failNext(address, OUTAGE);
    expect(await world.commands.execute(new SendReplyCommand(messageId, reply))).toEqual({ sent: false, held: true });
    // Membership closes the contact point (STOP, ERASE, a blocked number) while the reply waits.
    await world.dataSource.query(`UPDATE contact_point SET active = false WHERE id = $1`, [reply.contactPointId]);
    await dueNow(messageId);
    expect(await world.commands.execute(new ReleaseHeldRepliesCommand())).toEqual({ tried: 1, sent: 0 });
    expect(await held(messageId)).toEqual([]);
    expect(await world.commands.execute(new ReleaseHeldRepliesCommand())).toEqual({ tried: 0, sent: 0 });
    expect(await sentReplies(pseudonym)).toEqual([]);
  });

  it('does not hold a permanent refusal: it fails at once', async () => {
    const address = '+919880000103';
    const { messageId, reply, pseudonym } = await advice(address);
    meta.failNext(address, { httpStatus: 400, code: 131026, message: '(#131026) Message undeliverable' });
    expect(await world.commands.execute(new SendReplyCommand(messageId, reply))).toEqual({ sent: false });
    expect(await held(messageId)).toEqual([]);
    expect(await sentReplies(pseudonym)).toEqual([expect.objectContaining({ status: 'failed' })]);
  });
});
