import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { TwilioApiFake } from '@jansetu/testing';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { PreviewBroadcastQuery } from './preview-broadcast.query';

const TWILIO_SID = `AC${'13579bdf02468ace'.repeat(2)}`;
const TWILIO_TOKEN = 'twilio-auth-token-content-01';
const APPROVED = 'HX' + 'd4'.repeat(16);
const PENDING = 'HX' + 'e5'.repeat(16);

/** WhatsApp over Twilio: the preview holds the template to Twilio's approval of its Content SID. */
describe('the preview of a WhatsApp template sent through Twilio', () => {
  let world: BroadcastWorld;
  let sho: OfficerPrincipal;
  let groupId: string;
  const twilio = new TwilioApiFake(TWILIO_SID, TWILIO_TOKEN);

  beforeAll(async () => {
    await twilio.start();
    twilio.setApproval(APPROVED, 'jansetu_alert');
    twilio.setApproval(PENDING, 'flood_alert', 'rejected', 'INVALID_FORMAT');
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_twilio_content', {
      WHATSAPP_PROVIDER: 'twilio',
      PUBLIC_BASE_URL: 'https://jansetu.example.in',
      TWILIO_ACCOUNT_SID: TWILIO_SID,
      TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
      TWILIO_API_BASE_URL: twilio.baseUrl,
      TWILIO_WHATSAPP_FROM: '+14155238886',
      TWILIO_CONTENT_SIDS: JSON.stringify({ 'jansetu_alert:hi': APPROVED, 'flood_alert:hi': PENDING }),
    });
    const hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
    const group = await world.newGroup(hq, 'KOTWALI', 'व्हाट्सऐप समूह');
    groupId = group.id;
    await world.newCitizen('whatsapp', '+919818000001', group.joinCode);
    // They joined two days ago and have not written since: outside WhatsApp's 24-hour window.
    await world.dataSource.query(`UPDATE contact_point SET last_inbound_at = now() - interval '2 days'`);
  });
  afterAll(async () => {
    await world?.close();
    await twilio.stop();
  });

  const preview = (name: string) =>
    world.queries.execute(
      new PreviewBroadcastQuery(
        sho,
        [groupId],
        { hi: 'बाढ़ की चेतावनी' },
        { whatsappTemplate: { name, language: 'hi', parameters: [] } },
      ),
    );

  it('says a rejected template would be refused, and passes an approved one', async () => {
    expect((await preview('flood_alert')).whatsappTemplate).toMatch(/not approved for WhatsApp: rejected/);
    expect((await preview('jansetu_alert')).whatsappTemplate).toBeNull();
    expect((await preview('unknown_alert')).whatsappTemplate).toMatch(/no Twilio Content SID/);
  });
});
