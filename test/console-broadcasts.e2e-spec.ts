import { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, eventually } from '@jansetu/testing';
import { ConsoleWorld, startConsoleWorld } from './console-support';
import { citizenSends, inboxOf } from './support';

describe('the broadcast screens in a real browser: compose, the SP approves, the station watches it go out', () => {
  let world: ConsoleWorld;
  const sho = { username: 'sho.mufassil', password: 'Mufassil-thana-2026!' };
  const sp = { username: 'sp.samastipur', password: 'Samastipur-zila-2026!' };
  const auditor = { username: 'auditor.state', password: 'Auditor-rajya-2026!' };
  const citizen = '+919812500001';
  const text = 'रविवार को मुफस्सिल मेले में भीड़ रहेगी, बच्चों का ध्यान रखें।';
  let shoApi: ApiClient;
  let groupId: string;
  let broadcastId: string;
  /** The station officer's page, kept open on the broadcast while the SP approves it elsewhere. */
  let station: Page;

  const main = (page: Page) => page.getByRole('main');
  const textOf = async (page: Page) => (await main(page).textContent()) ?? '';
  const noSideways = async (page: Page) =>
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);

  beforeAll(async () => {
    // Every broadcast of a station needs its district's approval, and every audience is streamed (resolved by the
    // dispatcher as it sends, as a district's or the state's would be): the screens say what is known when.
    world = await startConsoleWorld({ BROADCAST_APPROVAL_THRESHOLD: '0', FANOUT_STREAM_ABOVE: '0' });
    await world.officer(sho, 'station_officer', 'SAM-MUFASSIL');
    await world.officer(sp, 'district_admin', 'SAM');
    await world.officer(auditor, 'auditor', null);
    shoApi = world.api.as(await world.api.login(sho.username, sho.password));
    const group = await shoApi.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'SAM-MUFASSIL',
      name: 'मुफस्सिल मेला',
    });
    expect(group.status).toBe(201);
    groupId = group.body.id;
    await citizenSends(world.api, citizen, `जुड़ें ${group.body.joinCode}`);
    await eventually(
      async () => {
        const groups = await shoApi.request<{ id: string; members: number }[]>('GET', '/api/v1/groups');
        return groups.body.find((g) => g.id === groupId)?.members === 1 ? true : undefined;
      },
      30_000,
      'the citizen in the group',
    );
  }, 240_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('a station officer sends a broadcast: it waits for approval, and its page shows it waiting', async () => {
    station = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signIn(station, sho);
    await station.getByRole('button', { name: 'नया संदेश' }).click();
    await station.getByLabel('हिंदी संदेश').fill(text);
    await station.getByLabel(/मुफस्सिल मेला/).check();
    expect(await station.getByLabel('उर्दू संदेश (वैकल्पिक)').getAttribute('dir')).toBe('rtl');
    await station.getByRole('button', { name: 'पूर्वावलोकन' }).click();
    const preview = station.getByRole('status', { name: 'भेजने से पहले' });
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('प्राप्तकर्ता: 1');
    expect(await preview.textContent()).toContain('ऊपर के अधिकारी की स्वीकृति चाहिए');
    expect(await preview.textContent()).toContain('सामग्री नियम: ठीक है');
    expect(await preview.getByRole('row', { name: /हिंदी/ }).count()).toBeGreaterThan(0);
    await world.shot(station, 'compose-preview-hi');
    await station.getByRole('button', { name: 'भेजें', exact: true }).click();
    await expect
      .poll(async () => (await station.getByRole('status').last().textContent()) ?? '')
      .toMatch(/प्रसारण: स्वीकृति बाकी · प्राप्तकर्ता: लगभग 1 \(भेजते समय गिने जा रहे हैं\) · ऊपर के अधिकारी की स्वीकृति चाहिए/);
    await world.shot(station, 'broadcast-sent-for-approval-hi');

    // The Broadcasts screen lists it (only mine, waiting); opening it shows the state and the verification code.
    await station.getByRole('button', { name: 'प्रसारण', exact: true }).click();
    await station.getByLabel('स्थिति').selectOption('pending_approval');
    await station.getByLabel('केवल मेरे').check();
    await station.getByRole('button', { name: 'छाँटें' }).click();
    const item = station.getByRole('button', { name: `खोलें: ${text}` });
    await item.waitFor();
    await world.shot(station, 'broadcasts-list-hi');
    await item.click();
    await expect.poll(async () => station.getByTestId('broadcast-status').textContent()).toBe('स्वीकृति बाकी');
    expect(await textOf(station)).toMatch(/सत्यापन कोड[A-Z0-9]{4,8}/);
    // Nothing is resolved before approval: what is known is the estimate.
    expect(await textOf(station)).toContain('प्राप्तकर्ताअब तक 0, लगभग 1 में से (बाकी भेजते समय गिने जा रहे हैं)');
    expect(await station.content()).not.toContain('9812500001');
    await world.shot(station, 'broadcast-waiting-hi');
    const mine = await shoApi.request<{ items: { id: string; body: { hi: string } }[] }>(
      'GET',
      '/api/v1/broadcasts?mine=true',
    );
    broadcastId = mine.body.items.find((b) => b.body.hi === text)!.id;
  });

  it('the district SP finds it in the approval queue; a rejection needs a reason; approving sends it', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signInWithSecondFactor(page, sp);
    await page.getByRole('button', { name: 'प्रसारण स्वीकृति' }).click();
    const queue = page.getByRole('list', { name: 'आपकी स्वीकृति के लिए प्रसारण' });
    const row = queue.getByRole('listitem').filter({ hasText: text });
    await row.waitFor({ timeout: 30_000 });
    // The place name arrives with the jurisdiction tree, possibly after the row: read until it is there.
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch(/किसने भेजा \(क्षेत्र\)मुफस्सिल/);
    const facts = (await row.textContent()) ?? '';
    expect(facts).toContain('जागरूकता');
    expect(facts).toMatch(/प्राप्तकर्तालगभग 1 \(भेजते समय गिने जा रहे हैं\)किसने भेजा \(क्षेत्र\)मुफस्सिल/);
    await world.shot(page, 'approvals-hi');

    // Rejecting without a reason is refused in words, and nothing changes.
    await row.getByRole('button', { name: 'अस्वीकार करें' }).click();
    await expect.poll(async () => page.getByRole('alert').textContent()).toBe('अस्वीकार करने का कारण लिखें');
    expect((await shoApi.request<{ status: string }>('GET', `/api/v1/broadcasts/${broadcastId}`)).body.status).toBe(
      'pending_approval',
    );

    // In English on a phone, then approved.
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 360, height: 740 });
    await expect.poll(() => textOf(page)).toContain('Broadcasts awaiting your approval');
    await noSideways(page);
    await world.shot(page, 'approvals-en-phone');
    await page
      .getByRole('list', { name: 'Broadcasts awaiting your approval' })
      .getByRole('listitem')
      .filter({ hasText: text })
      .getByRole('button', { name: 'Approve' })
      .click();
    await expect
      .poll(async () => page.getByRole('status').first().textContent())
      .toBe('Approved: the broadcast is being sent');
    await expect.poll(() => textOf(page)).toContain('No broadcast is waiting for your approval');
    await world.shot(page, 'approvals-done-en-phone');
    await page.close();
  });

  it('the station watches its counts reach "sent" live, without a reload, and the citizen receives it', async () => {
    const status = station.getByTestId('broadcast-status');
    await expect.poll(async () => status.textContent(), { timeout: 60_000 }).toBe('पूरा हुआ');
    await expect.poll(() => textOf(station)).toContain('पूरा हुआ: आगे कोई बदलाव नहीं');
    const byStatus = station.getByRole('list', { name: 'स्थिति के अनुसार' });
    expect(await byStatus.textContent()).toMatch(/1 (भेजा गया|पहुँचा|पढ़ा गया)/);
    expect(await station.getByRole('list', { name: 'चैनल के अनुसार' }).textContent()).toMatch(/1 /);
    // Resolved by the dispatcher: the exact count, no estimate any more.
    await expect.poll(() => textOf(station)).not.toContain('लगभग');
    await world.shot(station, 'broadcast-done-hi');
    await eventually(
      async () => ((await inboxOf(world.api, citizen)).some((m) => m.text.includes(text)) ? true : undefined),
      30_000,
      'the broadcast on the citizen’s phone',
    );

    // A second one, still waiting, is cancelled from its page after a confirmation.
    const second = await shoApi.request<{ id: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [groupId] },
      category: 'alert',
      body: { hi: 'मेले में जेबकतरों से सावधान रहें।' },
    });
    expect(second.status).toBe(201);
    await station.getByRole('button', { name: '← सूची पर लौटें' }).click();
    await station.getByRole('button', { name: 'English' }).click();
    await station.setViewportSize({ width: 360, height: 740 });
    await station.getByRole('button', { name: 'Filter' }).click();
    await station.getByRole('button', { name: 'Open: मेले में जेबकतरों से सावधान रहें।' }).waitFor();
    await noSideways(station);
    await world.shot(station, 'broadcasts-list-en-phone');
    await station.getByRole('button', { name: 'Open: मेले में जेबकतरों से सावधान रहें।' }).click();
    await station.getByRole('button', { name: 'Cancel' }).click();
    const dialog = station.getByRole('alertdialog');
    expect(await dialog.textContent()).toContain('Cancel this broadcast?');
    await world.shot(station, 'broadcast-cancel-confirm-en-phone');
    await dialog.getByRole('button', { name: 'Yes' }).click();
    await expect.poll(async () => status.textContent(), { timeout: 30_000 }).toBe('Cancelled');
    await noSideways(station);
    await world.shot(station, 'broadcast-cancelled-en-phone');
    await station.close();
  });

  it('an auditor finds the broadcast in the audit search and its chain verifies', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signInWithSecondFactor(page, auditor);
    await page.getByLabel('प्रसारण आईडी').first().fill(broadcastId);
    await eventually(
      async () => {
        await page.getByRole('button', { name: 'खोजें' }).click();
        return (await textOf(page)).includes('संदेश भेजे गए') ? true : undefined;
      },
      60_000,
      'the broadcast in the audit search',
    );
    await page.getByRole('button', { name: 'प्रसारण का पूरा इतिहास' }).first().click();
    await expect.poll(() => textOf(page)).toContain(text);
    await page.getByRole('button', { name: 'इस प्रसारण की श्रृंखला जाँचें' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toMatch(/^सही:/);
    await world.shot(page, 'broadcast-audit-verified-hi');
    await page.close();
  });
});
