import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@jansetu/testing';
import { OPENAPI_FILE, stableJson } from '../scripts/console-api';
import { ConsoleWorld, startConsoleWorld } from './console-support';
import { citizenSends, inboxOf } from './support';

describe('the officers’ console at /console in a real browser (embedded mode, simulator)', () => {
  let world: ConsoleWorld;
  const sho = { username: 'sho.mufassil', password: 'Mufassil-thana-2026!' };
  const other = { username: 'sho.kotwali', password: 'Kotwali-thana-2026!' };
  const citizen = '+919812300001';

  beforeAll(async () => {
    world = await startConsoleWorld();
    await world.officer(sho, 'station_officer', 'SAM-MUFASSIL');
    await world.officer(other, 'station_officer', 'PAT-KOTWALI');
  }, 180_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('is generated from the API the gateway serves (the typed client cannot drift)', async () => {
    const live = await (await fetch(`${world.base}/docs-json`)).json();
    // npm run console:api regenerates apps/console/src/api/{openapi.json,schema.d.ts} when this fails.
    expect(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'))).toEqual(JSON.parse(stableJson(live)));
  });

  it('serves the console with a strict content security policy', async () => {
    const answer = await fetch(`${world.base}/console/`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await answer.text()).toContain('जनसेतु');
  });

  it('a station officer’s day: group, poster, an urgent tip answered, a broadcast previewed and sent', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signIn(page, sho);
    await world.shot(page, 'inbox-empty-hi');

    // A group for a village, its join code and the printable poster.
    await page.getByRole('button', { name: 'समूह' }).click();
    await page.getByLabel('समूह का नाम').fill('मुफस्सिल जनसेतु');
    await page.getByLabel('क्षेत्र कोड').fill('SAM-MUFASSIL');
    await page.getByRole('button', { name: 'बनाएँ' }).click();
    const status = page.getByRole('status');
    await expect.poll(async () => (await status.textContent()) ?? '').toMatch(/जुड़ने का कोड: \w{4,8}/);
    const joinCode = /: (\w+)/.exec((await status.textContent())!)![1];
    await world.shot(page, 'groups-hi');
    const download = page.waitForEvent('download');
    await page
      .getByRole('row', { name: /मुफस्सिल जनसेतु/ })
      .getByRole('button', { name: 'पोस्टर (PDF)' })
      .click();
    expect((await download).suggestedFilename()).toBe(`jansetu-${joinCode}.pdf`);

    // A citizen joins by keyword and reports a shooting: it arrives urgent, with the pseudonym only.
    await citizenSends(world.api, citizen, `जुड़ें ${joinCode}`);
    await citizenSends(world.api, citizen, 'गोली चल रही है, बाज़ार में हत्या हो गई');
    await page.getByRole('button', { name: 'शिकायत/सूचना' }).click();
    await eventually(
      async () => {
        await page.getByRole('tab', { name: /तत्काल/ }).click();
        await page.getByRole('button', { name: 'ताज़ा करें' }).click();
        return (await page.getByRole('button', { name: /मामला #\d+/ }).count()) > 0 ? true : undefined;
      },
      30_000,
      'the urgent tip in the console',
    );
    const row = page.getByRole('button', { name: /मामला #\d+/ }).first();
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('गोली चल रही है');
    expect(await page.content()).not.toContain('9812300001');
    await world.shot(page, 'inbox-urgent-hi');
    await row.click();
    await page.getByRole('button', { name: 'देख लिया' }).click();
    await page.getByLabel('जवाब भेजें').fill('पुलिस टीम रवाना हो गई है, सुरक्षित रहें।');
    await page.getByRole('button', { name: 'जवाब भेजें' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toBe('भेज दिया');
    await world.shot(page, 'case-hi');
    await eventually(
      async () =>
        (await inboxOf(world.api, citizen)).some((m) => m.text.includes('पुलिस टीम रवाना')) ? true : undefined,
      30_000,
      'the reply on the citizen’s phone',
    );

    // A broadcast to the group: previewed, then sent.
    await page.getByRole('button', { name: 'नया संदेश' }).click();
    await page.getByLabel('हिंदी संदेश').fill('बाज़ार में शांति है, अफवाह न फैलाएँ।');
    // The audience by place: found by the station's English name in the Hindi console; the station's box sends to
    // the whole station (a jurisdiction audience), its groups shown as covered.
    await page.getByLabel('थाना, क्षेत्र या समूह का नाम खोजें').fill('mufassil');
    await page.getByLabel('पूरा मुफस्सिल (थाना)').check();
    expect(await page.getByLabel(/मुफस्सिल जनसेतु/).isChecked()).toBe(true);
    await page.getByText('1 पूरे क्षेत्र और 0 अलग समूह चुने (गिनती पूर्वावलोकन में)').waitFor();
    await page.getByRole('button', { name: 'पूर्वावलोकन' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toContain('प्राप्तकर्ता: 1');
    await page.getByRole('button', { name: 'भेजें', exact: true }).click();
    await expect
      .poll(async () => (await page.getByRole('status').last().textContent()) ?? '')
      .toMatch(/प्रसारण: भेजा जा रहा है · प्राप्तकर्ता: 1/);
    await world.shot(page, 'compose-hi');
    await page.close();
  });

  it('works in English on a 360-px phone, and another station sees none of Mufassil’s cases', async () => {
    const phone = await world.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await world.signIn(phone, other);
    await phone.getByRole('button', { name: 'English' }).click();
    await phone.getByRole('button', { name: 'Inbox' }).click(); // a station officer lands on their home
    await phone.getByRole('tab', { name: /Urgent/ }).click();
    await expect.poll(async () => (await phone.getByRole('main').textContent()) ?? '').toContain('No cases');
    expect(await phone.getByRole('button', { name: /Case #/ }).count()).toBe(0);
    const width = await phone.evaluate('document.documentElement.scrollWidth');
    expect(width as number).toBeLessThanOrEqual(360);
    await world.shot(phone, 'inbox-other-station-en-phone');
    await phone.close();
  });

  it('is usable from the keyboard alone: sign in, reach the inbox, open a case, with the focus always visible', async () => {
    await citizenSends(world.api, citizen, 'JOIN MUF');
    await citizenSends(world.api, citizen, 'गली में रोज़ रात को जुआ होता है, कृपया देखें');
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${world.base}/console/`);
    /** Presses Tab until the focused element answers to `name`, checking on the way that focus can be seen. */
    const tabTo = async (name: RegExp) => {
      for (let presses = 0; presses < 60; presses++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const style = getComputedStyle(el);
          const label = (el as HTMLInputElement).labels?.[0]?.textContent;
          return {
            name: [el.getAttribute('aria-label'), label, el.textContent].filter(Boolean).join(' ').trim(),
            visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          };
        });
        if (!focused) continue;
        expect(focused.visible, `focus ring on "${focused.name}"`).toBe(true);
        if (name.test(focused.name)) return;
      }
      throw new Error(`${name} cannot be reached with Tab`);
    };
    await tabTo(/उपयोगकर्ता नाम/);
    await page.keyboard.type(sho.username);
    await tabTo(/पासवर्ड/);
    await page.keyboard.type(sho.password);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    await tabTo(/^शिकायत\/सूचना$/);
    await page.keyboard.press('Enter');
    await eventually(
      async () => ((await page.getByRole('button', { name: /मामला #\d+/ }).count()) > 0 ? true : undefined),
      30_000,
      'the tip in the inbox',
    );
    await tabTo(/मामला #\d+/);
    await page.keyboard.press('Enter');
    await page.getByLabel('जवाब भेजें').waitFor();
    await tabTo(/जवाब भेजें/);
    await page.keyboard.type('धन्यवाद, हम देखेंगे।');
    expect(await page.getByLabel('जवाब भेजें').inputValue()).toBe('धन्यवाद, हम देखेंगे।');
    await world.shot(page, 'case-keyboard-hi');
    await page.close();
  });

  it('shows a wrong password in words, not a status code', async () => {
    const page = await world.browser.newPage();
    await page.goto(`${world.base}/console/`);
    await page.getByLabel('उपयोगकर्ता नाम').fill(sho.username);
    await page.getByLabel('पासवर्ड').fill('not-the-password');
    await page.getByRole('button', { name: 'साइन इन' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).not.toMatch(/^\d{3}$/);
    expect((await alert.textContent())!.length).toBeGreaterThan(5);
    await page.close();
  });
});
