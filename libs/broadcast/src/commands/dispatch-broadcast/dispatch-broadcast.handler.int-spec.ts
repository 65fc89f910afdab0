import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { GroupCreated } from '@jansetu/membership';
import { RLM, sha256Hex } from '@jansetu/platform';
import { MetaGraphApiFake, TelegramBotApiFake } from '@jansetu/testing';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { ControlBroadcastCommand } from '../control-broadcast/control-broadcast.command';
import { CreateBroadcastCommand } from '../create-broadcast/create-broadcast.command';
import { DispatchBroadcastCommand } from './dispatch-broadcast.command';
import { GetBroadcastQuery } from '../../queries/get-broadcast/get-broadcast.query';

const template = { name: 'cyber_alert', language: 'hi', parameters: ['ठगी'] };
const body = { hi: 'साइबर ठगी से सावधान', en: 'Beware of cyber fraud' };
// Hindi-speaking citizens (everyone who never said LANG) get the Hindi text only, no longer Hindi + English.
const text = body.hi;
const twoDaysAgo = () => new Date(Date.now() - 48 * 3600_000);

describe('DispatchBroadcastHandler', () => {
  let world: BroadcastWorld;
  let meta: MetaGraphApiFake;
  let telegram: TelegramBotApiFake;
  let hq: OfficerPrincipal;
  let sho: OfficerPrincipal;
  let group: GroupCreated;
  let n = 0;

  /** A group of its own with these citizens, and a broadcast to it. */
  const broadcastTo = async (
    citizens: { channel: 'whatsapp' | 'sms' | 'simulator' | 'telegram'; address: string; lastWroteAt?: Date }[],
    forms = {},
  ) => {
    group = await world.newGroup(hq, 'KOTWALI', `समूह ${++n}`);
    for (const c of citizens) {
      await world.newCitizen(c.channel, c.address, group.joinCode);
      if (c.lastWroteAt) await world.say(c.channel, c.address, 'HELP', c.lastWroteAt);
    }
    return world.commands.execute(new CreateBroadcastCommand(sho, [group.id], 'cyber_safety', body, forms));
  };
  const deliveries = (broadcastId: string) =>
    world.dataSource.query<{ channel: string; status: string; failure: string | null; attempts: number }[]>(
      `SELECT channel, status, failure, attempts FROM delivery WHERE broadcast_id = $1 ORDER BY channel`,
      [broadcastId],
    );
  const status = async (id: string) =>
    (await world.dataSource.query<{ status: string }[]>(`SELECT status FROM broadcast WHERE id = $1`, [id]))[0].status;
  const continuations = async (id: string) =>
    (
      await world.dataSource.query<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM outbox_message WHERE type = 'broadcast.dispatch' AND key = $1`,
        [`broadcast:${id}:0`],
      )
    )[0].n;

  beforeAll(async () => {
    meta = await new MetaGraphApiFake().start();
    telegram = await new TelegramBotApiFake().start();
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_dispatch', {
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      TELEGRAM_WEBHOOK_SECRET: 'dispatch_spec_webhook_secret',
      TELEGRAM_BOT_USERNAME: 'BiharPoliceJanSetuBot',
      WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: 'dispatch-spec-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'dispatch-spec-verify-token',
      WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
    });
    hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
  });
  beforeEach(() => meta.reset());
  afterAll(async () => {
    await world?.close();
    await meta?.stop();
    await telegram?.stop();
  });

  it('sends text inside the WhatsApp window, the template outside it, fails a channel that is off, and completes', async () => {
    const { id } = await broadcastTo(
      [
        { channel: 'whatsapp', address: '+919870000001' },
        { channel: 'whatsapp', address: '+919870000002', lastWroteAt: twoDaysAgo() },
        { channel: 'simulator', address: 'sim-3' },
        { channel: 'sms', address: '+919870000004' }, // SMS has no provider here
      ],
      { whatsappTemplate: template },
    );
    expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({ sent: 3, failed: 1 });
    // The text, then the broadcast's own verification line.
    const { verificationCode } = await world.queries.execute(new GetBroadcastQuery(sho, id));
    expect(verificationCode).toMatch(/^[2-9A-HJKMNP-TV-Z]{6}$/);
    expect(meta.sentTo('+919870000001')).toMatchObject([
      { type: 'text', text: { body: `${text}\nसत्यापन कोड / Verify: ${verificationCode}` } },
    ]);
    expect(meta.sentTo('+919870000002')).toMatchObject([
      { type: 'template', template: { name: 'cyber_alert', language: { code: 'hi' } } },
    ]);
    expect(await deliveries(id)).toEqual([
      { channel: 'simulator', status: 'sent', failure: null, attempts: 1 },
      { channel: 'sms', status: 'failed', failure: 'permanent', attempts: 1 },
      { channel: 'whatsapp', status: 'sent', failure: null, attempts: 1 },
      { channel: 'whatsapp', status: 'sent', failure: null, attempts: 1 },
    ]);
    expect(await status(id)).toBe('completed');
    const trail = await world.auditTrail(`broadcast:${id}`);
    expect(trail.map((e) => e.type)).toEqual(['broadcast.created', 'broadcast.messages_sent', 'broadcast.completed']);
    expect(trail[1].actor).toEqual({ kind: 'system', officerId: null, role: null });
    expect(trail[1].body.outcomes).toHaveLength(4);
    expect(trail[2].body.outcomes).toEqual([
      { status: 'failed', channel: 'sms', n: 1 },
      { status: 'sent', channel: 'simulator', n: 1 },
      { status: 'sent', channel: 'whatsapp', n: 2 },
    ]);
    // Run again (a redelivered dispatch message): nothing is sent twice.
    expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({
      sent: 0,
      failed: 0,
      stoppedBecause: 'completed',
    });
    expect(meta.calls).toHaveLength(2);
  });

  it('records every Telegram send, though each private chat numbers its messages from the same start', async () => {
    const { id } = await broadcastTo([
      { channel: 'telegram', address: '700000001' },
      { channel: 'telegram', address: '700000002' },
    ]);
    expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({ sent: 2, failed: 0 });
    // Both chats got message_id 101: the stored references still differ, and the chat ids are not among them.
    expect(telegram.sent.map((m) => m.messageId)).toEqual([101, 101]);
    const refs = await world.dataSource.query<{ ref: string }[]>(
      `SELECT provider_message_id AS ref FROM delivery WHERE broadcast_id = $1`,
      [id],
    );
    expect(new Set(refs.map((r) => r.ref)).size).toBe(2);
    expect(JSON.stringify(refs)).not.toMatch(/70000000[12]/);
  });

  it('a provider id already recorded (a provider repeating its ids) never fails the record: sent, stored without it', async () => {
    const { id } = await broadcastTo(
      ['700000011', '700000012', '700000013', '700000014'].map((address) => ({
        channel: 'telegram' as const,
        address,
      })),
    );
    const rows = await world.dataSource.query<{ id: string }[]>(
      `SELECT id FROM delivery WHERE broadcast_id = $1 ORDER BY id`,
      [id],
    );
    const sent = (i: number, providerMessageId: string) =>
      ({ id: rows[i].id, status: 'sent', providerMessageId, failure: null }) as const;
    const record = (...records: ReturnType<typeof sent>[]) =>
      world.dataSource.transaction((m) => world.moduleRef.get(DeliveryRepository).recordOutcomes(m, records));
    expect(await record(sent(0, 'tg-held'))).toEqual([]);
    // The second repeats an id the first holds; the fourth repeats the third's within the batch.
    const clashes = await record(sent(1, 'tg-held'), sent(2, 'tg-fresh'), sent(3, 'tg-fresh'));
    expect(clashes.sort()).toEqual([rows[1].id, rows[3].id].sort());
    expect(
      await world.dataSource.query(
        `SELECT status, provider_message_id AS ref FROM delivery WHERE broadcast_id = $1 ORDER BY id`,
        [id],
      ),
    ).toEqual([
      { status: 'sent', ref: 'tg-held' },
      { status: 'sent', ref: null },
      { status: 'sent', ref: 'tg-fresh' },
      { status: 'sent', ref: null },
    ]);
  });

  it('sends each citizen only the text of their language, and LANG changes what the next broadcast sends', async () => {
    const multi = {
      hi: 'बाढ़ का अलर्ट: नदी किनारे न जाएँ। मदद: 112',
      en: 'Flood alert: keep away from the river. Help: 112',
      ur: 'سیلاب کا الرٹ: دریا کے کنارے نہ جائیں۔ مدد: 112',
    };
    group = await world.newGroup(hq, 'KOTWALI', `समूह ${++n}`);
    const [hindi, english, urdu] = ['+919870000301', '+919870000302', '+919870000303'];
    for (const address of [hindi, english, urdu]) await world.newCitizen('whatsapp', address, group.joinCode);
    await world.say('whatsapp', english, 'LANG EN');
    await world.say('whatsapp', urdu, 'LANG اردو');
    const send = async (b: typeof multi) => {
      meta.reset();
      const { id } = await world.commands.execute(new CreateBroadcastCommand(sho, [group.id], 'alert', b, {}));
      expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({ sent: 3, failed: 0 });
      // Each text ends with the broadcast's verification line in its own script; compared without it below.
      const { verificationCode } = await world.queries.execute(new GetBroadcastQuery(sho, id));
      const texts = (to: string) =>
        meta.sentTo(to).map((m) => {
          const body = (m as { text: { body: string } }).text.body;
          const line = [
            `सत्यापन कोड / Verify: ${verificationCode}`,
            `Verify: ${verificationCode}`,
            `تصدیق / Verify: ${verificationCode}`,
          ]
            .map((l) => `\n${l}`)
            .find((l) => body.endsWith(l));
          expect(line, `${body} carries its verification line`).toBeDefined();
          return body.slice(0, -line!.length);
        });
      return { id, hindi: texts(hindi), english: texts(english), urdu: texts(urdu), verificationCode };
    };

    const first = await send(multi);
    expect(first.hindi).toEqual([multi.hi]);
    expect(first.english).toEqual([multi.en]);
    expect(first.urdu).toEqual([RLM + multi.ur]);
    // The audit holds the fingerprint of every variant sent, the same as approved at creation, and who got which.
    const trail = await world.auditTrail(`broadcast:${first.id}`);
    const created = trail.find((e) => e.type === 'broadcast.created')!;
    const sent = trail.find((e) => e.type === 'broadcast.messages_sent')!;
    const code = first.verificationCode;
    expect(sent.body.variantSha256).toEqual({
      hi: sha256Hex(`${multi.hi}\nसत्यापन कोड / Verify: ${code}`),
      en: sha256Hex(`${multi.en}\nVerify: ${code}`),
      ur: sha256Hex(`${RLM + multi.ur}\nتصدیق / Verify: ${code}`),
    });
    expect(created.body.variantSha256).toEqual(sent.body.variantSha256);
    expect(created.body.languages).toEqual(['hi', 'en', 'ur']);
    expect((sent.body.outcomes as { language: string }[]).map((o) => o.language).sort()).toEqual(['en', 'hi', 'ur']);

    // LANG HI from the English reader, and a broadcast without Urdu: the Urdu reader gets the Hindi fallback.
    await world.say('whatsapp', english, 'LANG HI');
    const second = await send({ hi: multi.hi, en: multi.en } as typeof multi);
    expect(second.english).toEqual([multi.hi]);
    expect(second.urdu).toEqual([multi.hi]);
    expect(second.hindi).toEqual([multi.hi]);
    const sentAgain = (await world.auditTrail(`broadcast:${second.id}`)).find(
      (e) => e.type === 'broadcast.messages_sent',
    )!;
    expect(sentAgain.body.variantSha256).toEqual({
      hi: sha256Hex(`${multi.hi}\nसत्यापन कोड / Verify: ${second.verificationCode}`),
    });
  });

  it('fails a closed window without a template, sending nothing', async () => {
    const { id } = await broadcastTo([{ channel: 'whatsapp', address: '+919870000011', lastWroteAt: twoDaysAgo() }]);
    expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({ sent: 0, failed: 1 });
    expect(meta.calls).toEqual([]);
    expect(await deliveries(id)).toMatchObject([{ status: 'failed', failure: 'window-closed' }]);
  });

  it('sends the template again when WhatsApp refuses free text (131047)', async () => {
    const { id } = await broadcastTo([{ channel: 'whatsapp', address: '+919870000021' }], {
      whatsappTemplate: template,
    });
    meta.failNext('+919870000021', { httpStatus: 400, code: 131047, message: 'Re-engagement message' });
    expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({ sent: 1, failed: 0 });
    expect(meta.sentTo('+919870000021')).toMatchObject([{ type: 'template' }]);
    expect(await deliveries(id)).toMatchObject([{ status: 'sent', attempts: 1 }]);
  });

  it('waits the delay a throttled provider asks for, without spending an attempt', async () => {
    const { id } = await broadcastTo([{ channel: 'whatsapp', address: '+919870000031' }]);
    meta.failNext('+919870000031', {
      httpStatus: 429,
      code: 130429,
      message: 'Rate limit hit',
      headers: { 'retry-after': '1' },
    });
    const began = Date.now();
    expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({ sent: 1, failed: 0 });
    expect(Date.now() - began).toBeGreaterThanOrEqual(900);
    expect(await deliveries(id)).toMatchObject([{ status: 'sent', attempts: 1, failure: null }]);
  });

  it('retries a retryable failure with backoff, counting the attempt', async () => {
    const { id } = await broadcastTo([{ channel: 'whatsapp', address: '+919870000041' }]);
    meta.failNext('+919870000041', { httpStatus: 500, code: 131000, message: 'Something went wrong' });
    const began = Date.now();
    expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({ sent: 1, failed: 0 });
    expect(Date.now() - began).toBeGreaterThanOrEqual(1900); // 2 s after the first attempt, plus jitter
    expect(await deliveries(id)).toMatchObject([{ status: 'sent', attempts: 2 }]);
  });

  it('fails an opted-out recipient for good and leaves them out of the next broadcast', async () => {
    const { id } = await broadcastTo([
      { channel: 'whatsapp', address: '+919870000051' },
      { channel: 'simulator', address: 'sim-52' },
    ]);
    meta.failNext('+919870000051', { httpStatus: 400, code: 131050, message: 'stopped marketing messages' });
    expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({ sent: 1, failed: 1 });
    expect(await deliveries(id)).toMatchObject([
      { channel: 'simulator', status: 'sent' },
      { channel: 'whatsapp', status: 'failed', failure: 'recipient-opted-out' },
    ]);
    // Membership closes the contact point on RecipientOptedOut, as the dispatcher delivers it.
    await world.deliverEvents();
    const next = await world.commands.execute(new CreateBroadcastCommand(sho, [group.id], 'awareness', body));
    expect(next.recipients).toBe(1);
  });

  it('stops at once for a paused broadcast and sends nothing', async () => {
    const { id } = await broadcastTo([{ channel: 'simulator', address: 'sim-61' }]);
    await world.commands.execute(new ControlBroadcastCommand(sho, id, 'pause', null));
    expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({
      sent: 0,
      failed: 0,
      stoppedBecause: 'paused',
    });
    expect(await deliveries(id)).toMatchObject([{ status: 'pending', attempts: 0 }]);
  });

  it('gives way to a more urgent broadcast and queues its own continuation', async () => {
    const { id } = await broadcastTo([{ channel: 'simulator', address: 'sim-71' }]);
    const urgent = await world.commands.execute(
      new CreateBroadcastCommand(sho, [group.id], 'emergency', { hi: 'बाढ़ की चेतावनी' }),
    );
    const queued = await continuations(id);
    try {
      expect(await world.commands.execute(new DispatchBroadcastCommand(id, 0))).toEqual({
        sent: 0,
        failed: 0,
        stoppedBecause: 'yielded to a more urgent broadcast',
      });
      expect(await continuations(id)).toBe(queued + 1);
    } finally {
      await world.commands.execute(new ControlBroadcastCommand(sho, urgent.id, 'cancel', null));
    }
  });

  it('does nothing for an unknown broadcast', async () => {
    expect(
      await world.commands.execute(new DispatchBroadcastCommand('00000000-0000-4000-8000-000000000000', 0)),
    ).toEqual({ sent: 0, failed: 0 });
  });
});
