import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { DltGatewayFake, MetaGraphApiFake, TwilioApiFake } from '@jansetu/testing';
import { HandleCitizenMessageCommand } from '@jansetu/membership';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { SendReplyCommand } from '../send-reply/send-reply.command';
import { CreateBroadcastCommand } from '../create-broadcast/create-broadcast.command';
import { DispatchBroadcastCommand } from './dispatch-broadcast.command';

const TWILIO_SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TWILIO_TOKEN = 'twilio-auth-token-for-int-01';
const PATNA_NUMBER = '106540352242001';
const GAYA_NUMBER = '106540352242002';

// Small so the spec waits little: the circuit opens on the third failure in a row and probes after 200 ms.
const COOL_DOWN_MS = 200;

describe('several providers per channel: SMS failover from DLT to Twilio, WhatsApp numbers per district', () => {
  let world: BroadcastWorld;
  let dlt: DltGatewayFake;
  let twilio: TwilioApiFake;
  let meta: MetaGraphApiFake;
  let hq: OfficerPrincipal;

  beforeAll(async () => {
    dlt = await new DltGatewayFake().start();
    twilio = await new TwilioApiFake(TWILIO_SID, TWILIO_TOKEN).start();
    meta = await new MetaGraphApiFake({ moreNumbers: [PATNA_NUMBER, GAYA_NUMBER] }).start();
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_multi_provider', {
      CIRCUIT_FAILURE_THRESHOLD: '3',
      CIRCUIT_COOLDOWN_MS: String(COOL_DOWN_MS),
      PUBLIC_BASE_URL: 'https://jansetu.example.in',
      SMS_PROVIDERS: 'dlt,twilio',
      DLT_SMS_URL: dlt.url,
      DLT_SENDER: 'BHRPOL',
      DLT_ENTITY_ID: '1101234567890123456',
      DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
      DLT_INBOUND_SECRET: 'dlt-inbound-secret-0123456789',
      TWILIO_ACCOUNT_SID: TWILIO_SID,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      TWILIO_SMS_FROM: '+15005550006',
      WHATSAPP_ACCESS_TOKEN: MetaGraphApiFake.ACCESS_TOKEN,
      WHATSAPP_PHONE_NUMBER_ID: MetaGraphApiFake.PHONE_NUMBER_ID,
      WHATSAPP_APP_SECRET: 'multi-provider-app-secret',
      WHATSAPP_VERIFY_TOKEN: 'multi-provider-verify-token',
      WHATSAPP_GRAPH_API_BASE_URL: meta.baseUrl,
      WHATSAPP_NUMBERS: JSON.stringify({
        patna: { phoneNumberId: PATNA_NUMBER, rate: 40 },
        gaya: { phoneNumberId: GAYA_NUMBER },
      }),
      CHANNEL_ROUTES: JSON.stringify({ whatsapp: { PAT: 'patna', GAYA: 'gaya' } }),
    });
    hq = await world.newOfficer('hq_admin', null);
  });
  afterAll(async () => {
    await world?.close();
    await Promise.all([dlt?.stop(), twilio?.stop(), meta?.stop()]);
  });

  /** Dispatches until every delivery is settled (retries included), or gives up after 15 s. */
  async function dispatchAll(broadcastId: string, expected: number) {
    const totals = { sent: 0, failed: 0 };
    for (const deadline = Date.now() + 15_000; Date.now() < deadline;) {
      const r = await world.commands.execute(new DispatchBroadcastCommand(broadcastId, 0));
      totals.sent += r.sent;
      totals.failed += r.failed;
      if (totals.sent + totals.failed >= expected) break;
      await sleep(250);
    }
    return totals;
  }

  async function smsCitizens(prefix: string, count: number) {
    const group = await world.newGroup(hq, 'KOTWALI', `बाढ़ समूह ${prefix}`);
    const numbers = Array.from(
      { length: count },
      (_, i) => `+91${prefix}${String(i).padStart(10 - prefix.length, '0')}`,
    );
    for (const n of numbers) await world.newCitizen('sms', n, group.joinCode);
    return { group, numbers };
  }

  // The broadcast's text, then its verification code line.
  const twilioTexts = (to: string, text: string) =>
    twilio.calls.filter((c) => c.params.To === to && String(c.params.Body).startsWith(`${text}\n`) && c.status === 201);

  it.each([
    ['answers 503', '98710', () => undefined],
    ['refuses connections', '98720', () => dlt.stop()],
  ])('sends every SMS once through Twilio while the DLT gateway %s, losing none', async (_label, prefix, takeDown) => {
    const { group, numbers } = await smsCitizens(prefix, 6);
    for (const n of numbers) for (let i = 0; i < 5; i++) dlt.failNext(n, { status: 503, body: 'Service Unavailable' });
    await takeDown();
    const text = `नदी का जलस्तर बढ़ रहा है (${prefix})`;
    const { id } = await world.commands.execute(new CreateBroadcastCommand(hq, [group.id], 'alert', { hi: text }));

    expect(await dispatchAll(id, numbers.length)).toEqual({ sent: numbers.length, failed: 0 });
    for (const n of numbers) expect(twilioTexts(n, text)).toHaveLength(1);
    expect(dlt.sent).toEqual([]);
    const rows = await world.dataSource.query<{ status: string; has_ref: boolean }[]>(
      `SELECT status, provider_message_id IS NOT NULL AS has_ref FROM delivery WHERE broadcast_id = $1`,
      [id],
    );
    expect(rows).toEqual(numbers.map(() => ({ status: 'sent', has_ref: true })));
  });

  it("sends WhatsApp from each district's own number, and from the default number outside them", async () => {
    const patna = await world.newGroup(hq, 'KOTWALI', 'कोतवाली व्हाट्सऐप');
    const gaya = await world.newGroup(hq, 'GAYA-TOWN', 'गया नगर व्हाट्सऐप');
    const state = await world.newGroup(hq, 'BR', 'बिहार व्हाट्सऐप');
    const citizens = { patna: '+919871000001', gaya: '+919872000001', state: '+919873000001' };
    await world.newCitizen('whatsapp', citizens.patna, patna.joinCode);
    await world.newCitizen('whatsapp', citizens.gaya, gaya.joinCode);
    await world.newCitizen('whatsapp', citizens.state, state.joinCode);
    // Inside the 24-hour window (they just wrote JOIN), so free text goes out.
    const text = 'साइबर ठगी से सावधान रहें';
    const { id } = await world.commands.execute(
      // An emergency, so the state-wide audience goes out without waiting for an approver.
      new CreateBroadcastCommand(hq, [patna.id, gaya.id, state.id], 'emergency', { hi: text }),
    );

    const totals = await dispatchAll(id, 3);
    expect(totals).toEqual({ sent: 3, failed: 0 });
    const numberOf = (to: string) =>
      meta.calls
        .filter((c) => c.status === 200 && (c.body as { to?: string }).to === to.slice(1))
        .map((c) => c.path.split('/')[2]);
    expect(numberOf(citizens.patna)).toEqual([PATNA_NUMBER]);
    expect(numberOf(citizens.gaya)).toEqual([GAYA_NUMBER]);
    expect(numberOf(citizens.state)).toEqual([MetaGraphApiFake.PHONE_NUMBER_ID]);
  });

  it('answers a citizen from the WhatsApp number they wrote to, whatever their district', async () => {
    const patna = await world.newGroup(hq, 'KOTWALI', 'कोतवाली जुड़ें');
    const writeTo = async (address: string, text: string, line?: string) => {
      await world.commands.execute(
        new HandleCitizenMessageCommand(randomUUID(), {
          channel: 'whatsapp',
          fromSealed: world.cipher.encrypt(address),
          text,
          providerMessageId: `wamid.${randomUUID()}`,
          receivedAt: new Date().toISOString(),
          ...(line ? { line } : {}),
        }),
      );
      const reply = await world.lastReply();
      expect(await world.commands.execute(new SendReplyCommand(randomUUID(), reply))).toEqual({ sent: true });
    };
    const numbersUsed = (to: string) =>
      meta.calls
        .filter((c) => c.status === 200 && (c.body as { to?: string }).to === to.slice(1))
        .map((c) => c.path.split('/')[2]);
    const citizen = '+919874000001';

    // A Patna member who wrote to the Gaya number (a poster seen while travelling) is answered from it...
    await writeTo(citizen, `JOIN ${patna.joinCode}`, 'gaya');
    // ...and from the default number once they write to that one.
    await writeTo(citizen, 'HELP');

    expect(numbersUsed(citizen)).toEqual([GAYA_NUMBER, MetaGraphApiFake.PHONE_NUMBER_ID]);
  });
});
