import { randomUUID } from 'node:crypto';
import { QueryBus } from '@nestjs/cqrs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { OfficerPrincipal } from '@jansetu/identity';
import { MembershipTestContext, membershipTestContext, newGroup } from '@jansetu/testing';
import { GROUP_TREE, officerIn } from '../../groups.harness';
import { GetJoinMaterialQuery } from './get-join-material.query';

describe('GetJoinMaterialHandler', () => {
  const contexts: MembershipTestContext[] = [];
  afterAll(async () => Promise.all(contexts.map((c) => c.close())));

  async function world(label: string, settings: Record<string, string>) {
    const ctx = await membershipTestContext(inject('runPrefix'), label, GROUP_TREE, settings);
    contexts.push(ctx);
    const sho = await officerIn(ctx, 'sho.mufassil', 'station_officer', 'SAM-MUFASSIL');
    const group = await newGroup(ctx.commands, sho, { jurisdictionCode: 'SAM-MUFASSIL', name: 'मुफस्सिल जनसेतु' });
    const material = (officer: OfficerPrincipal, groupId = group.id) =>
      ctx.moduleRef.get(QueryBus).execute(new GetJoinMaterialQuery(officer, groupId));
    return { ctx, sho, group, material };
  }

  let configured: Awaited<ReturnType<typeof world>>;
  let bare: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    configured = await world('membership_join_material', {
      TELEGRAM_BOT_USERNAME: 'BiharJanSetuBot',
      WHATSAPP_DISPLAY_NUMBER: '+919431000001',
      SMS_DISPLAY_NUMBER: '+919431000000',
    });
    bare = await world('membership_join_material_bare', {});
  });

  it('gives the code, the SMS text in both scripts, the deep links and the poster path', async () => {
    const { group, sho, material } = configured;
    expect(await material(sho)).toEqual({
      groupId: group.id,
      groupName: 'मुफस्सिल जनसेतु',
      status: 'open',
      joinCode: group.joinCode,
      jurisdiction: { code: 'SAM-MUFASSIL', level: 'station', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
      sms: {
        text: `JOIN ${group.joinCode}`,
        textHi: `जुड़ें ${group.joinCode}`,
        number: '+919431000000',
        instructions: {
          hi: `SMS में JOIN ${group.joinCode} लिखकर +919431000000 पर भेजें।`,
          en: `Send JOIN ${group.joinCode} by SMS to +919431000000.`,
        },
      },
      telegramLink: `https://t.me/BiharJanSetuBot?start=${group.joinCode}`,
      whatsappLink: `https://wa.me/919431000001?text=JOIN%20${group.joinCode}`,
      posterPath: `/api/v1/groups/${group.id}/poster.pdf`,
      // The console shows the same links as QR codes (SVG) that a phone camera opens.
      qrCodes: [
        {
          channel: 'whatsapp',
          link: `https://wa.me/919431000001?text=JOIN%20${group.joinCode}`,
          svg: expect.stringMatching(/^<svg[^>]*viewBox/),
        },
        {
          channel: 'telegram',
          link: `https://t.me/BiharJanSetuBot?start=${group.joinCode}`,
          svg: expect.stringMatching(/^<svg/),
        },
      ],
    });
  });

  it('names the station’s number and leaves out the links of channels that are not configured', async () => {
    const { sho, material } = bare;
    expect(await material(sho)).toMatchObject({
      sms: { number: null, instructions: { en: expect.stringContaining("your station's SMS number") } },
      telegramLink: null,
      whatsappLink: null,
    });
  });

  it('refuses a group outside the officer’s reach and an unknown one alike (404), a malformed id (400)', async () => {
    const { ctx, group, material } = configured;
    const town = await officerIn(ctx, 'sho.town', 'station_officer', 'SAM-TOWN');
    await expect(material(town)).rejects.toMatchObject({ status: 404 });
    await expect(material(town, randomUUID())).rejects.toMatchObject({ status: 404 });
    await expect(material(town, group.joinCode)).rejects.toMatchObject({ status: 400 });
  });
});
