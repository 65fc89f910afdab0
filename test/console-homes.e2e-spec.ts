import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, eventually } from '@jansetu/testing';
import { ConsoleWorld, startConsoleWorld } from './console-support';
import { citizenSends } from './support';

describe('the officers’ homes and the audit screens in a real browser (embedded mode, simulator)', () => {
  let world: ConsoleWorld;
  const sho = { username: 'sho.mufassil', password: 'Mufassil-thana-2026!' };
  const sp = { username: 'sp.samastipur', password: 'Samastipur-zila-2026!' };
  const auditor = { username: 'auditor.state', password: 'Auditor-rajya-2026!' };
  const citizen = '+919812400001';
  const broadcastText = 'कल सुबह बाज़ार में यातायात बंद रहेगा, दूसरा रास्ता लें।';
  let shoApi: ApiClient;
  let broadcastId: string;
  let caseId: string;

  const noSideways = async (page: Page) =>
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
  const asPhone = async (page: Page) => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 360, height: 740 });
  };

  beforeAll(async () => {
    world = await startConsoleWorld();
    await world.officer(sho, 'station_officer', 'SAM-MUFASSIL');
    await world.officer(sp, 'district_admin', 'SAM');
    await world.officer(auditor, 'auditor', null);
    shoApi = world.api.as(await world.api.login(sho.username, sho.password));
    // A group at Mufassil; a citizen joins it, and the station broadcasts to it today.
    const group = await shoApi.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'SAM-MUFASSIL',
      name: 'मुफस्सिल बाज़ार',
    });
    expect(group.status).toBe(201);
    await citizenSends(world.api, citizen, `जुड़ें ${group.body.joinCode}`);
    await eventually(
      async () => {
        const groups = await shoApi.request<{ id: string; members: number }[]>('GET', '/api/v1/groups');
        return groups.body.find((g) => g.id === group.body.id)?.members === 1 ? true : undefined;
      },
      30_000,
      'the citizen in the group',
    );
    const sent = await shoApi.request<{ id: string }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.body.id] },
      category: 'awareness',
      body: { hi: broadcastText },
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    broadcastId = sent.body.id;
  }, 240_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('a station officer’s home shows the urgent case just received and today’s broadcast with its delivery', async () => {
    await citizenSends(world.api, citizen, 'गोली चल रही है, मुफस्सिल बाज़ार में लूट हो रही है');
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signIn(page, sho);
    const main = page.getByRole('main');
    await expect.poll(async () => (await main.textContent()) ?? '', { timeout: 30_000 }).toContain('आज की स्थिति');
    // The home refreshes itself; the urgent case may still be on its way through the bus.
    await eventually(
      async () => {
        await page.getByRole('button', { name: 'मुखपृष्ठ' }).click();
        return ((await main.textContent()) ?? '').includes('गोली चल रही है') ? true : undefined;
      },
      30_000,
      'the urgent case on the home',
    );
    const cases = page.getByRole('region', { name: 'नए और तत्काल मामले', exact: true });
    expect(await cases.getByText('तत्काल', { exact: true }).count()).toBeGreaterThan(0);
    const broadcasts = page.getByRole('region', { name: 'आज के प्रसारण और उनका वितरण', exact: true });
    await expect.poll(async () => (await broadcasts.textContent()) ?? '').toContain(broadcastText);
    const members = page.getByRole('region', { name: 'समूह और सदस्य (पिछले 7 दिन)', exact: true });
    expect(await members.getByRole('row', { name: /मुफस्सिल बाज़ार/ }).textContent()).toMatch(/1.*1/);
    expect(await page.content()).not.toContain('9812400001');
    await world.shot(page, 'home-station-hi');
    await asPhone(page);
    await expect.poll(async () => (await main.textContent()) ?? '').toContain('New and urgent cases');
    await noSideways(page);
    await world.shot(page, 'home-station-en-phone');
    await page.close();

    // The station acknowledges the case: its response time is now measured.
    const list = await shoApi.request<{ id: string; urgent: boolean }[]>('GET', '/api/v1/inbox/cases?queue=main');
    caseId = list.body.find((c) => c.urgent)!.id;
    expect((await shoApi.request('POST', `/api/v1/inbox/cases/${caseId}/acknowledge`)).status).toBe(200);
  });

  it('a district admin’s home shows the approval queue and the station’s response-time row', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signInWithSecondFactor(page, sp);
    const stations = page.getByRole('region', { name: 'थानों का प्रदर्शन', exact: true });
    const row = stations.getByRole('row', { name: /मुफस्सिल/ });
    await row.waitFor({ timeout: 30_000 });
    // acknowledged within seconds of arriving: a time in seconds, not a dash
    expect(await row.textContent()).toMatch(/सेकंड/);
    expect(await row.getByRole('cell').nth(3).textContent()).toMatch(/%|—/); // delivery rate (after the row header)
    const approvals = page.getByRole('region', { name: 'आपकी स्वीकृति की प्रतीक्षा में', exact: true });
    expect(await approvals.getByRole('button', { name: 'स्वीकृति कतार खोलें' }).count()).toBe(1);
    // sortable: by new cases, then back
    await stations.getByRole('button', { name: 'नए मामले के अनुसार क्रम' }).click();
    expect(await stations.getByRole('columnheader', { name: /नए मामले/ }).getAttribute('aria-sort')).toBe('ascending');
    await world.shot(page, 'home-district-hi');
    await asPhone(page);
    await expect.poll(async () => (await page.getByRole('main').textContent()) ?? '').toContain('Stations at a glance');
    await noSideways(page);
    await world.shot(page, 'home-district-en-phone');
    await page.close();
  });

  it('an auditor lands on the search, opens a broadcast’s trail and a pseudonym’s history, verifies and exports', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await world.signInWithSecondFactor(page, auditor);
    const main = page.getByRole('main');
    await expect.poll(async () => (await main.textContent()) ?? '').toContain('ऑडिट रिकॉर्ड');

    // The broadcast's events reach the audit store through the bus: search until they are there.
    await page.getByLabel('प्रसारण आईडी').first().fill(broadcastId);
    await eventually(
      async () => {
        await page.getByRole('button', { name: 'खोजें' }).click();
        const text = (await main.textContent()) ?? '';
        return text.includes('संदेश भेजे गए') ? true : undefined;
      },
      60_000,
      'the broadcast in the audit search',
    );
    await world.shot(page, 'audit-search-hi');

    // Its trail: the words sent, the author, the outcome per recipient.
    await page.getByRole('button', { name: 'प्रसारण का पूरा इतिहास' }).first().click();
    await expect.poll(async () => (await main.textContent()) ?? '').toContain(broadcastText);
    expect(await main.textContent()).toContain('थाना'); // the author's role
    await page.getByRole('button', { name: 'इस प्रसारण की श्रृंखला जाँचें' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toMatch(/^सही:/);
    await world.shot(page, 'audit-trail-hi');
    await page.getByRole('button', { name: '← खोज पर लौटें' }).click();

    // The recipient's pseudonym history: what the police sent them, never who they are.
    await page.getByRole('button', { name: 'खोजें' }).click();
    await page
      .getByRole('button', { name: /का इतिहास$/ })
      .first()
      .click();
    await expect.poll(async () => (await main.textContent()) ?? '').toContain(broadcastText);
    expect(await page.content()).not.toContain('9812400001');
    await world.shot(page, 'audit-history-hi');
    await page.getByRole('button', { name: '← खोज पर लौटें' }).click();

    // The whole chain, verdict in words.
    await page.getByRole('button', { name: 'पूरी ऑडिट श्रृंखला जाँचें' }).click();
    const verdict = page.getByRole('status');
    await expect.poll(async () => (await verdict.textContent()) ?? '', { timeout: 60_000 }).toMatch(/^सही:.*घटनाओं/);

    // Export of the filtered events as CSV: a real download holding the broadcast's events.
    await page.getByLabel('प्रसारण आईडी').first().fill(broadcastId);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV डाउनलोड करें' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^jansetu-audit-.*\.csv$/);
    const csv = readFileSync(await file.path(), 'utf8');
    expect(csv).toContain('broadcast.created');
    expect(csv).toContain(broadcastId);
    expect(csv).not.toContain('9812400001');
    await world.shot(page, 'audit-verified-hi');

    await asPhone(page);
    await page.getByRole('button', { name: 'Verify the whole audit chain' }).click();
    await expect.poll(async () => (await page.getByRole('status').first().textContent()) ?? '').toMatch(/Intact/);
    await noSideways(page);
    await world.shot(page, 'audit-en-phone');
    await page.close();
  });

  it('refuses the home API to an auditor and shows a station officer only their own station', async () => {
    const auditorApi = world.api.as(await world.api.login(auditor.username, auditor.password));
    expect((await auditorApi.request('GET', '/api/v1/dashboard')).status).toBe(403);
    const mine = await shoApi.request<{
      cases: { byArea: { code: string }[] };
      members: { byArea: { code: string }[] };
    }>('GET', '/api/v1/dashboard');
    expect(mine.status).toBe(200);
    expect(mine.body.cases.byArea.map((a) => a.code)).toEqual(['SAM-MUFASSIL']);
    expect(mine.body.members.byArea.map((a) => a.code)).toEqual(['SAM-MUFASSIL']);
    expect(JSON.stringify(mine.body)).not.toContain('9812400001');
  });
});
