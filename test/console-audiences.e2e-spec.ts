import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, eventually } from '@jansetu/testing';
import { ConsoleWorld, startConsoleWorld } from './console-support';
import { citizenSends } from './support';

describe('the composer addresses a whole district, subdivision or station in a real browser', () => {
  let world: ConsoleWorld;
  const sp = { username: 'sp.aud.samastipur', password: 'Samastipur-zila-2026!' };
  const sho = { username: 'sho.aud.nagar', password: 'Nagar-thana-2026!' };
  const text = 'धुरलख और नगर में कल बिजली कटौती रहेगी।';
  let shoApi: ApiClient;
  let district: string;

  beforeAll(async () => {
    world = await startConsoleWorld({ BROADCAST_APPROVAL_THRESHOLD: '100' });
    await world.officer(sp, 'district_admin', 'SAM');
    await world.officer(sho, 'station_officer', 'SAM-NAGAR');
    shoApi = world.api.as(await world.api.login(sho.username, sho.password));
    // A village group under Mufassil and a station group in Nagar; one citizen in both.
    const groups: { id: string; joinCode: string }[] = [];
    for (const [jurisdictionCode, name] of [
      ['SAM-MUFASSIL-DHURLAKH', 'धुरलख गाँव'],
      ['SAM-NAGAR', 'नगर थाना समूह'],
    ]) {
      const group = await world.hq.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
        jurisdictionCode,
        name,
      });
      expect(group.status).toBe(201);
      groups.push(group.body);
    }
    await citizenSends(world.api, '+919812600001', `जुड़ें ${groups[0].joinCode}`);
    await citizenSends(world.api, '+919812600001', `जुड़ें ${groups[1].joinCode}`);
    await citizenSends(world.api, '+919812600002', `जुड़ें ${groups[1].joinCode}`);
    await eventually(
      async () => {
        const list = await world.hq.request<{ id: string; members: number }[]>('GET', '/api/v1/groups');
        const members = groups.map((g) => list.body.find((x) => x.id === g.id)?.members);
        return members[0] === 1 && members[1] === 2 ? true : undefined;
      },
      30_000,
      'the citizens in their groups',
    );
    const nodes = await world.hq.request<{ id: string; code: string }[]>(
      'GET',
      '/api/v1/jurisdictions/BR/subtree?level=district',
    );
    district = nodes.body.find((n) => n.code === 'SAM')!.id;
  }, 240_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('the SP sends to "all of Samastipur": one message per citizen, the audience sent as the district', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signInWithSecondFactor(page, sp);
    await page.getByRole('button', { name: 'नया संदेश' }).click();
    await page.getByLabel('हिंदी संदेश').fill(text);
    await page.getByLabel('थाना, क्षेत्र या समूह का नाम खोजें').fill('समस्तीपुर');
    await page.getByLabel('पूरा समस्तीपुर (ज़िला)').check();
    await expect
      .poll(async () => (await page.getByText(/पूरे क्षेत्र/).textContent()) ?? '')
      .toContain('1 पूरे क्षेत्र और 0 अलग समूह चुने');
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/api/v1/broadcasts/preview')) requests.push(r.postData() ?? '');
    });
    await page.getByRole('button', { name: 'पूर्वावलोकन' }).click();
    const preview = page.getByRole('status', { name: 'भेजने से पहले' });
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('प्राप्तकर्ता: 2');
    expect(JSON.parse(requests[0]).audience).toEqual({
      groupIds: [],
      jurisdictions: [{ nodeId: district, level: null }],
    });
    await world.shot(page, 'compose-whole-district-hi');

    // Only the village groups: the Nagar-only citizen drops out.
    await page.getByLabel('इन क्षेत्रों के केवल गाँव/वार्ड समूह').check();
    await page.getByRole('button', { name: 'पूर्वावलोकन' }).click();
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('प्राप्तकर्ता: 1');
    await page.getByLabel('इन क्षेत्रों के केवल गाँव/वार्ड समूह').uncheck();

    await page.getByRole('button', { name: 'भेजें', exact: true }).click();
    await expect.poll(async () => (await page.getByRole('status').last().textContent()) ?? '').toMatch(/प्राप्तकर्ता: 2/);
  });

  it('a station officer sees only their station whole, and is refused another jurisdiction with 403 and the reason', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signIn(page, sho);
    await page.getByRole('button', { name: 'नया संदेश' }).click();
    await page.getByLabel('पूरा समस्तीपुर नगर (थाना)').waitFor();
    expect(await page.getByLabel('पूरा समस्तीपुर (ज़िला)').count()).toBe(0);

    const refused = await shoApi.request<{ message: string }>('POST', '/api/v1/broadcasts', {
      audience: { jurisdictions: [{ nodeId: district }] },
      body: { hi: text },
      category: 'awareness',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('SAM is outside your jurisdiction');
  });
});
