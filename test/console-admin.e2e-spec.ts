import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleWorld, startConsoleWorld } from './console-support';
import { ADMIN } from './support';

describe('console administration and group management in a real browser (embedded mode)', () => {
  let world: ConsoleWorld;
  const sho = { username: 'sho.singhia', password: 'Singhia-thana-2026!' };

  // The second factor has its own spec (console.e2e); here HQ signs in with the password alone.
  beforeAll(async () => {
    world = await startConsoleWorld({ TOTP_REQUIRED_ROLES: 'auditor', WHATSAPP_DISPLAY_NUMBER: '+919431000001' });
  }, 180_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('HQ creates a station officer, transfers, resets the password (shown once), disables: sign-in refused', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signIn(page, ADMIN);
    await page.getByRole('button', { name: 'प्रशासन' }).click();
    const form = page.getByRole('form', { name: 'नया अधिकारी' });
    await form.getByLabel('उपयोगकर्ता नाम').fill(sho.username);
    await form.getByLabel('पासवर्ड').fill(sho.password);
    await form.getByLabel('नाम/पद').fill('SHO Singhia');
    await form.getByLabel('क्षेत्र कोड').fill('SAM-MUFASSIL');
    await form.getByRole('button', { name: 'बनाएँ' }).click();
    await expect.poll(async () => (await page.getByRole('status').first().textContent()) ?? '').toContain(sho.username);
    const card = page.getByRole('listitem', { name: sho.username });
    await card.getByText('प्रशासन').click();
    await card.getByLabel('कारण').fill('posting order 12/2026');
    await card.getByLabel(/नया क्षेत्र कोड/).fill('PAT-KOTWALI');
    await card.getByRole('button', { name: 'तबादला' }).click();
    await expect.poll(async () => (await card.textContent()) ?? '').toContain('PAT-KOTWALI');
    await card.getByLabel('कारण').fill('forgot the password');
    await card.getByRole('button', { name: 'पासवर्ड रीसेट' }).click();
    const secret = page.locator('.secret code');
    await secret.waitFor();
    const oneTime = (await secret.textContent())!;
    expect(oneTime.length).toBeGreaterThanOrEqual(12);
    await world.shot(page, 'admin-officers-hi');
    await card.getByLabel('कारण').fill('left the force');
    await card.getByRole('button', { name: 'निष्क्रिय करें' }).click();
    await expect.poll(async () => (await card.textContent()) ?? '').toContain('निष्क्रिय');
    expect(await page.locator('.secret').count()).toBe(0);

    const other = await world.browser.newPage();
    await other.goto(`${world.base}/console/`);
    await other.getByLabel('उपयोगकर्ता नाम').fill(sho.username);
    await other.getByLabel('पासवर्ड').fill(oneTime);
    await other.getByRole('button', { name: 'साइन इन' }).click();
    const alert = other.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).not.toMatch(/^\d{3}$/);
    await other.close();
    await page.close();
  });

  it('HQ imports a CSV: the dry run shows the diff, confirming applies it, the station appears in the tree', async () => {
    const csv = join(tmpdir(), `jansetu-import-${Date.now()}.csv`);
    writeFileSync(
      csv,
      'code,parent_code,level,name_en,name_hi\nSAM-HASANPUR,SAM-SADAR,station,Hasanpur,हसनपुर\nBAD,NOPE,station,X,एक्स\n',
    );
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signIn(page, ADMIN);
    await page.getByRole('button', { name: 'प्रशासन' }).click();
    await page.getByRole('tab', { name: 'क्षेत्र' }).click();
    await page.getByLabel(/CSV फ़ाइल/).setInputFiles(csv);
    await page.getByRole('button', { name: /जाँचें/ }).click();
    await expect.poll(async () => (await page.getByRole('alert').textContent()) ?? '').toContain('line 3: parent NOPE');
    expect(await page.getByRole('button', { name: 'पुष्टि करें और आयात करें' }).isDisabled()).toBe(true);

    writeFileSync(csv, 'code,parent_code,level,name_en,name_hi\nSAM-HASANPUR,SAM-SADAR,station,Hasanpur,हसनपुर\n');
    await page.getByLabel(/CSV फ़ाइल/).setInputFiles(csv);
    await page.getByRole('button', { name: /जाँचें/ }).click();
    await expect.poll(async () => page.getByRole('alert').count()).toBe(0);
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toContain('नए: 1');
    expect(await page.getByRole('button', { name: 'पुष्टि करें और आयात करें' }).isDisabled()).toBe(false);
    await expect.poll(async () => (await page.locator('.diff').textContent()) ?? '').toContain('SAM-HASANPUR');
    await world.shot(page, 'admin-import-dry-run-hi');
    await page.getByRole('button', { name: 'पुष्टि करें और आयात करें' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toContain('आयात हो गया');
    for (const name of ['बिहार', 'समस्तीपुर', 'समस्तीपुर सदर']) await page.getByRole('button', { name }).click();
    await page.getByRole('button', { name: 'हसनपुर' }).waitFor();
    await world.shot(page, 'admin-tree-hi');
    await page.close();
  });

  it('HQ adds a content rule, and a broadcast with that word is refused with the reason', async () => {
    const page = await world.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await world.signIn(page, ADMIN);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Administration' }).click();
    await page.getByRole('tab', { name: 'Content rules' }).click();
    await page.getByLabel('Word or domain').fill('mahadhamaka');
    await page.getByLabel('Reason').fill('political slogan / नारा');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByRole('listitem', { name: 'mahadhamaka' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await world.shot(page, 'admin-rules-en-phone');
    await page.close();

    const group = await world.hq.request<{ id: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'SAM-MUFASSIL',
      name: 'मुफस्सिल सूचना',
    });
    const refused = await world.hq.request('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.body.id] },
      category: 'awareness',
      body: { hi: 'पार्टी mahadhamaka' },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(refused.body)).toContain('political slogan');
  });

  it('a station officer renames and closes a group and sees its join QR code', async () => {
    const shoB = { username: 'sho.mufassil2', password: 'Mufassil-thana-2026!' };
    await world.officer(shoB, 'station_officer', 'SAM-MUFASSIL');
    const page = await world.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await world.signIn(page, shoB);
    await page.getByRole('button', { name: 'समूह' }).click();
    await page.getByLabel('समूह का नाम').fill('मुफस्सिल जनसेतु');
    await page.getByLabel('क्षेत्र कोड').fill('SAM-MUFASSIL');
    await page.getByRole('button', { name: 'बनाएँ' }).click();
    await page
      .getByRole('row', { name: /^मुफस्सिल जनसेतु/ })
      .getByRole('button', { name: 'जुड़ने की सामग्री / QR' })
      .click();
    await page.getByRole('img', { name: 'WhatsApp से जुड़ने का QR कोड' }).waitFor();
    await page.getByLabel('नया नाम').fill('मुफस्सिल जनसेतु 2');
    await page.getByRole('button', { name: 'नाम बदलें' }).click();
    await page.getByRole('cell', { name: 'मुफस्सिल जनसेतु 2' }).waitFor();
    await page.getByRole('heading', { name: 'मुफस्सिल जनसेतु 2' }).waitFor();
    await world.shot(page, 'groups-detail-hi-phone');
    await page.getByRole('button', { name: 'समूह बंद करें' }).click();
    await page.getByRole('alertdialog').waitFor();
    await page.getByRole('button', { name: 'हाँ, बंद करें' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toContain('बंद');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await page.close();
  });
});
