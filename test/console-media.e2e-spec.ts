import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@jansetu/testing';
import { ConsoleWorld, startConsoleWorld } from './console-support';
import { citizenSends } from './support';

/** A citizen's photo and location, from the phone to the station officer's screen, in a real browser. */
describe('console: a photo tip with a location reaches the station, without the phone’s metadata', () => {
  let world: ConsoleWorld;
  const sho = { username: 'sho.mufassil', password: 'Mufassil-thana-2026!' };
  const other = { username: 'sho.nagar', password: 'Nagar-thana-2026!!' };
  const citizen = '+919812300088';

  beforeAll(async () => {
    world = await startConsoleWorld();
    await world.officer(sho, 'station_officer', 'SAM-MUFASSIL');
    await world.officer(other, 'station_officer', 'SAM-NAGAR');
    const group = await world.hq.request<{ joinCode: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'SAM-MUFASSIL',
      name: 'मुफस्सिल जनसेतु',
    });
    await citizenSends(world.api, citizen, `जुड़ें ${group.body.joinCode}`);
  }, 240_000);
  afterAll(async () => world?.stop());

  it('the officer opens the photo (EXIF gone) and the shared location; the view is audited; another station sees neither', async () => {
    const photo = await sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 30, g: 90, b: 160 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'InformantPhoneCo', Model: 'IMEI-356938035643809' } })
      .toBuffer();
    const sent = await world.api.request('POST', '/webhooks/simulator', {
      from: citizen,
      text: 'यही ट्रक रोज़ रात अवैध बालू ले जाता है',
      mediaBase64: photo.toString('base64'),
      mediaType: 'image/jpeg',
      latitude: 25.8603,
      longitude: 85.7812,
    });
    expect(sent.status).toBe(200);
    const tip = await eventually(
      async () => {
        const cases = await world.hq.request<{ id: string; caseNumber: number }[]>(
          'GET',
          '/api/v1/inbox/cases?inbox=SAM-MUFASSIL',
        );
        const found = cases.body[0];
        if (!found) return undefined;
        const detail = await world.hq.request<{ attachments: { status: string }[] }>(
          'GET',
          `/api/v1/inbox/cases/${found.id}`,
        );
        return detail.body.attachments[0]?.status === 'stored' ? found : undefined;
      },
      60_000,
      'the tip with its photo stored',
    );

    const page = await world.browser.newPage({ viewport: { width: 360, height: 800 }, isMobile: true });
    await world.signIn(page, sho);
    await page.getByRole('navigation', { name: 'main' }).getByRole('button', { name: 'शिकायत/सूचना' }).click();
    await page.getByRole('button', { name: new RegExp(`मामला #${tip.caseNumber}`) }).click();
    await page.getByText('भेजा गया स्थान: 25.86030, 85.78120').waitFor();
    expect(await page.getByRole('link', { name: 'नक्शे में खोलें' }).getAttribute('href')).toBe('geo:25.8603,85.7812');
    await page.getByRole('button', { name: 'फ़ोटो देखें' }).click();
    const image = page.getByRole('img', { name: 'फ़ोटो' });
    await image.waitFor();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await world.shot(page, 'case-photo-location-hi');

    await page.close();

    // What an officer receives has no EXIF: the phone's make and serial are gone. Never cached.
    const detail = await world.hq.request<{ attachments: { id: string }[] }>('GET', `/api/v1/inbox/cases/${tip.id}`);
    const attachmentId = detail.body.attachments[0].id;
    const token = await world.api.login(sho.username, sho.password);
    const response = await fetch(`${world.base}/api/v1/inbox/cases/${tip.id}/attachments/${attachmentId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect([response.status, response.headers.get('content-type'), response.headers.get('cache-control')]).toEqual([
      200,
      'image/jpeg',
      'no-store',
    ]);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('IMEI-356938035643809'))).toBe(false);
    const trail = await eventually(
      async () => {
        const res = await world.hq.request<{ type: string }[]>(
          'GET',
          '/api/v1/audit/events?type=inbox.attachment_viewed',
        );
        return res.body.length >= 2 ? res.body : undefined;
      },
      30_000,
      'the view in the audit trail',
    );
    expect(trail.map((e) => e.type)).toEqual(['inbox.attachment_viewed', 'inbox.attachment_viewed']);

    // Another station: neither the case nor its photo.
    const otherApi = world.api.as(await world.api.login(other.username, other.password));
    expect((await otherApi.request('GET', `/api/v1/inbox/cases/${tip.id}`)).status).toBe(404);
    expect((await otherApi.request('GET', `/api/v1/inbox/cases/${tip.id}/attachments/${attachmentId}`)).status).toBe(
      404,
    );
  });
});
