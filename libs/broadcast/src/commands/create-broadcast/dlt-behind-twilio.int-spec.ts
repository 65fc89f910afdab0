import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { ChannelRegistry } from '@jansetu/channels';
import { DltGatewayFake, TwilioApiFake } from '@jansetu/testing';
import { PreviewBroadcastQuery } from '../../queries/preview-broadcast/preview-broadcast.query';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { CreateBroadcastCommand } from './create-broadcast.command';

const TWILIO_SID = `AC${'fedcba9876543210'.repeat(2)}`;
const TWILIO_TOKEN = 'twilio-auth-token-dlt-behind';
// The one broadcast text DLT has on its register: a flood warning, the place and the verification code variables.
const FLOOD = {
  id: '1107160000000000501',
  text: 'बिहार पुलिस: {#var#} में बाढ़ की चेतावनी\nसत्यापन कोड / Verify: {#var#}',
  language: 'hi',
  kind: 'broadcast',
};

/**
 * SMS through Twilio first, a DLT aggregator behind it (failover, or routes by district): a text the DLT register
 * does not hold is refused at preview and create, though the first line checks nothing.
 */
describe('a broadcast held to the DLT register of a line that is not the first', () => {
  let world: BroadcastWorld;
  let sho: OfficerPrincipal;
  let groupId: string;
  const dlt = new DltGatewayFake({ templates: { [FLOOD.id]: FLOOD.text } });
  const twilio = new TwilioApiFake(TWILIO_SID, TWILIO_TOKEN);

  beforeAll(async () => {
    await Promise.all([dlt.start(), twilio.start()]);
    const file = join(mkdtempSync(join(tmpdir(), 'dlt-behind-')), 'templates.json');
    writeFileSync(file, JSON.stringify({ templates: [FLOOD] }));
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_dlt_behind', {
      SMS_PROVIDERS: 'twilio,dlt',
      PUBLIC_BASE_URL: 'https://jansetu.example.in',
      TWILIO_ACCOUNT_SID: TWILIO_SID,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      TWILIO_SMS_FROM: '+15005550006',
      DLT_SMS_URL: dlt.url,
      DLT_SENDER: 'BHRPOL',
      DLT_ENTITY_ID: '1101234567890123456',
      DLT_DEFAULT_TEMPLATE_ID: '1107160000000012345',
      DLT_INBOUND_SECRET: 'dlt-behind-inbound-secret-01',
      DLT_TEMPLATES_FILE: file,
    });
    const hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
    const group = await world.newGroup(hq, 'KOTWALI', 'बाढ़ समूह');
    groupId = group.id;
    await world.newCitizen('sms', '+919817000001', group.joinCode);
  });
  afterAll(async () => {
    await world?.close();
    await Promise.all([dlt.stop(), twilio.stop()]);
  });

  const preview = (hi: string) => world.queries.execute(new PreviewBroadcastQuery(sho, [groupId], { hi }, {}, 'alert'));
  const create = (hi: string) => world.commands.execute(new CreateBroadcastCommand(sho, [groupId], 'alert', { hi }));

  it('refuses a text no DLT template holds, at preview and at create, and creates nothing', async () => {
    const lines = world.moduleRef.get(ChannelRegistry).route('sms');
    expect(lines.map((l) => l.capabilities.provider)).toEqual(['twilio', 'dlt']); // DLT is not the first line
    const text = 'कल सुबह पुल पर भीड़ न लगाएँ';
    expect((await preview(text)).smsTemplate).toMatch(/DLT|template|टेम्पलेट/i);
    await expect(create(text)).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/DLT/) });
    const [{ n }] = await world.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM broadcast`);
    expect(n).toBe(0);
  });

  it('lets through the text the register holds', async () => {
    expect((await preview('बिहार पुलिस: समस्तीपुर में बाढ़ की चेतावनी')).smsTemplate).toBeNull();
    await expect(create('बिहार पुलिस: समस्तीपुर में बाढ़ की चेतावनी')).resolves.toMatchObject({ status: 'sending' });
  });
});
