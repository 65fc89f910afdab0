import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { GroupCreated } from '@jansetu/membership';
import { CreateBroadcastCommand } from '../../commands/create-broadcast/create-broadcast.command';
import { BroadcastWorld } from '../../testing/broadcast-world.harness';
import { PreviewBroadcastQuery } from './preview-broadcast.query';

const hindi = { hi: 'साइबर ठगी से सावधान रहें' };

describe('PreviewBroadcastHandler', () => {
  let world: BroadcastWorld;
  let hq: OfficerPrincipal;
  let sho: OfficerPrincipal;
  let gayaSho: OfficerPrincipal;
  let kotwali: GroupCreated;
  let gandhi: GroupCreated;

  beforeAll(async () => {
    // SMS is off here (no provider configured); the simulator stands in as a channel that is on.
    world = await BroadcastWorld.create(inject('runPrefix'), 'broadcast_preview', {
      BROADCAST_APPROVAL_THRESHOLD: '10',
      SMS_COST_PER_SEGMENT_PAISE: '25',
      WHATSAPP_DAILY_LIMIT: '250',
    });
    hq = await world.newOfficer('hq_admin', null);
    sho = await world.newOfficer('station_officer', 'KOTWALI');
    gayaSho = await world.newOfficer('station_officer', 'GAYA-TOWN');
    kotwali = await world.newGroup(hq, 'KOTWALI');
    gandhi = await world.newGroup(hq, 'GANDHI-MAIDAN');
    await world.newCitizen('sms', '+919860000001', kotwali.joinCode);
    await world.newCitizen('sms', '+919860000002', kotwali.joinCode);
    await world.newCitizen('whatsapp', '+919860000003', kotwali.joinCode);
    await world.newCitizen('whatsapp', '+919860000004', kotwali.joinCode);
    // Last wrote two days ago: outside WhatsApp's 24-hour window.
    await world.say('whatsapp', '+919860000004', 'HELP', new Date(Date.now() - 48 * 3600_000));
    await world.newCitizen('simulator', 'sim-5', kotwali.joinCode);
    await world.say('simulator', 'sim-5', 'LANG EN');
    await world.newCitizen('sms', '+919860000006', gandhi.joinCode);
    await world.newCitizen('sms', '+919860000001', gandhi.joinCode); // counted once across the two groups
  });
  afterAll(async () => world?.close());

  it('counts the audience the fan-out would reach, by channel and language, with the SMS cost', async () => {
    const preview = await world.queries.execute(new PreviewBroadcastQuery(sho, [kotwali.id], hindi, {}));
    expect(preview).toEqual({
      recipients: 5,
      byChannel: { sms: 2, whatsapp: 2, simulator: 1 },
      byLanguage: { hi: 4, en: 1 },
      sms: { encoding: 'ucs2', segmentsPerMessage: 1, totalSegments: 2, estimatedCostInr: 0.5 },
      whatsapp: {
        recipients: 2,
        outsideWindow: 1,
        needsTemplate: true,
        dailyLimit: 250,
        sentLast24h: 0,
        withinLimit: true,
        wouldBeHeld: 0,
      },
      citizenDailyCap: { cap: 1000, wouldBeCapped: 0 },
      estimatedSeconds: expect.any(Number),
      channelsOff: ['sms', 'whatsapp'],
      needsApproval: false,
      contentViolation: null,
      smsTemplate: null, // SMS is off here: no DLT register holds the text
      whatsappTemplate: null, // nobody outside the window has a template to check
      languages: [
        expect.objectContaining({ language: 'hi', recipients: 4, smsRecipients: 2, sentIn: 'hi', warning: null }),
        expect.objectContaining({ language: 'en', recipients: 1, sentIn: 'hi', fallback: true }),
      ],
    });
    expect(preview.languages[1].warning).toMatch(/^1 recipient\(s\) chose English but there is no English text/);
  });

  it('shows per language what its readers get, from their stored choices, and the SMS cost of each text', async () => {
    const group = await world.newGroup(hq, 'KOTWALI', 'भाषा समूह');
    const choices: [string, string][] = [
      ['+919860000101', 'LANG HI'],
      ['+919860000102', 'LANG EN'],
      ['+919860000103', 'LANG EN'],
      ['+919860000104', 'LANG اردو'],
      ['+919860000105', 'भाषा भोजपुरी'],
    ];
    for (const [address, words] of choices) {
      await world.newCitizen('sms', address, group.joinCode);
      await world.say('sms', address, words);
    }
    const body = {
      hi: 'बाढ़ का अलर्ट: नदी किनारे न जाएँ।',
      en: 'Flood alert: keep away from the river.',
      ur: 'سیلاب کا الرٹ',
    };
    const preview = await world.queries.execute(new PreviewBroadcastQuery(sho, [group.id], body, {}));
    expect(preview.byLanguage).toEqual({ hi: 1, en: 2, ur: 1, bho: 1 });
    expect(
      preview.languages.map((l) => [
        l.language,
        l.recipients,
        l.sentIn,
        l.encoding,
        l.totalSegments,
        l.warning !== null,
      ]),
    ).toEqual([
      ['hi', 1, 'hi', 'ucs2', 1, false],
      ['en', 2, 'en', 'gsm7', 2, false],
      ['bho', 1, 'hi', 'ucs2', 1, true],
      ['ur', 1, 'ur', 'ucs2', 1, false],
    ]);
    // Five SMS, one part each: Hindi + English for everyone would have taken two UCS-2 parts each.
    expect(preview.sms).toEqual({ encoding: 'ucs2', segmentsPerMessage: 1, totalSegments: 5, estimatedCostInr: 1.25 });
  });

  it('needs no template when the broadcast brings one, and approval beyond one station', async () => {
    const template = { name: 'cyber_alert', language: 'hi', parameters: [] };
    const preview = await world.queries.execute(
      new PreviewBroadcastQuery(hq, [kotwali.id, gandhi.id], hindi, { whatsappTemplate: template }),
    );
    expect(preview).toMatchObject({ recipients: 6, needsApproval: true, whatsapp: { needsTemplate: false } });
  });

  it('reports a content violation without refusing the preview', async () => {
    const preview = await world.queries.execute(
      new PreviewBroadcastQuery(sho, [kotwali.id], { hi: 'विशेष offer आज' }, {}),
    );
    expect(preview.contentViolation).toMatch(/"offer"/);
  });

  it('counts what went out on WhatsApp in the last 24 hours against the daily limit', async () => {
    await world.commands.execute(new CreateBroadcastCommand(sho, [kotwali.id], 'awareness', hindi));
    await world.dataSource.query(`UPDATE delivery SET status = 'sent' WHERE channel = 'whatsapp'`);
    const preview = await world.queries.execute(new PreviewBroadcastQuery(sho, [kotwali.id], hindi, {}));
    expect(preview.whatsapp).toMatchObject({ sentLast24h: 2, withinLimit: true });
  });

  it('refuses groups outside the officer’s jurisdiction as missing ones', async () => {
    await expect(
      world.queries.execute(new PreviewBroadcastQuery(gayaSho, [kotwali.id], hindi, {})),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
