import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '@jansetu/testing';
import { ConsoleWorld, startConsoleWorld } from './console-support';
import { citizenSends, inboxOf } from './support';

/** The SP sees a rumour spreading and answers it from the console; a station keeps who is alerted of urgent cases. */
describe('console: rumours spreading and alert contacts, in a real browser', () => {
  let world: ConsoleWorld;
  const sp = { username: 'sp.samastipur', password: 'Samastipur-zila-2026!' };
  const sho = { username: 'sho.mufassil', password: 'Mufassil-thana-2026!' };
  const citizens = ['+919812300101', '+919812300102', '+919812300103'];
  const rumour = 'बच्चा चोर गिरोह गाँव में घूम रहा है, रात में बाहर मत निकलना, सबको भेजो';

  beforeAll(async () => {
    world = await startConsoleWorld();
    await world.officer(sp, 'district_admin', 'SAM');
    await world.officer(sho, 'station_officer', 'SAM-MUFASSIL');
    const group = await world.hq.request<{ joinCode: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'SAM-MUFASSIL',
      name: 'मुफस्सिल जनसेतु',
    });
    for (const c of citizens) await citizenSends(world.api, c, `जुड़ें ${group.body.joinCode}`);
  }, 240_000);
  afterAll(async () => world?.stop());

  it('the SP sees three people forward one story, marks it with a rebuttal, and the next sender gets it at once', async () => {
    // Forwarded with the artefacts people's phones add: the header, emoji, a trimmed line.
    await citizenSends(world.api, citizens[0], `Forwarded\n${rumour}`);
    await citizenSends(world.api, citizens[1], `Forwarded many times\n${rumour} 😱😱`);
    await citizenSends(world.api, citizens[2], `Forwarded as received\n  ${rumour}  🙏`);
    const hq = world.hq;
    await eventually(
      async () => {
        const res = await hq.request<{ reports: number }[]>('GET', '/api/v1/rumours/clusters?hours=24');
        return res.body.some((c) => c.reports >= 3) ? true : undefined;
      },
      30_000,
      'one cluster of three reports',
    );

    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await world.signInWithSecondFactor(page, sp);
    await page.getByRole('navigation', { name: 'main' }).getByRole('button', { name: 'अफ़वाहें' }).click();
    const cluster = page.getByRole('article').filter({ hasText: 'बच्चा चोर गिरोह' });
    await cluster.getByText('3 बार भेजा गया, 3 लोगों ने').waitFor();
    await cluster.getByText('ज़िलेवार: SAM 3').waitFor();
    await world.shot(page, 'rumours-spreading-hi');
    await cluster.getByLabel('खंडन (हिंदी)').fill('बच्चा चोरी की खबर झूठी है। भीड़ न बनाएँ, 112 पर सूचना दें।');
    await cluster.getByRole('button', { name: 'अफ़वाह चिह्नित करें और खंडन भेजें' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toContain('चिह्नित');
    await cluster.getByText('अफ़वाह चिह्नित: हर भेजने वाले को खंडन तुरंत जाता है').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'खंडन: बच्चा चोरी की खबर झूठी है' }).waitFor();
    await world.shot(page, 'rumours-marked-hi');

    // And answers it with one broadcast to where it spreads: the composer opens with the rebuttal, the category and
    // the district chosen; the preview counts the district's members.
    await cluster.getByRole('button', { name: /जहाँ फैल रही है \(1 ज़िले\)/ }).click();
    expect(await page.getByLabel('हिंदी संदेश').inputValue()).toBe('बच्चा चोरी की खबर झूठी है। भीड़ न बनाएँ, 112 पर सूचना दें।');
    expect(await page.getByLabel('प्रकार').inputValue()).toBe('rumour_rebuttal');
    await expect.poll(() => page.getByLabel('पूरा समस्तीपुर (ज़िला)').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'पूर्वावलोकन' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toContain('प्राप्तकर्ता: 3');
    await world.shot(page, 'rumours-answer-compose-hi');
    await page.getByRole('button', { name: 'भेजें', exact: true }).click();
    await expect.poll(async () => (await page.getByRole('status').last().textContent()) ?? '').toMatch(/प्रसारण: /);
    const sent = await world.hq.request<{ items: { category: string; recipients: number }[] }>(
      'GET',
      '/api/v1/broadcasts?category=rumour_rebuttal',
    );
    expect(sent.body.items).toMatchObject([{ category: 'rumour_rebuttal', recipients: 3 }]);
    await page.close();

    // The next citizen who forwards it is answered with the rebuttal at once.
    await citizenSends(world.api, citizens[0], `Forwarded\n${rumour}`);
    await eventually(
      async () =>
        (await inboxOf(world.api, citizens[0])).some((m) => m.text.includes('बच्चा चोरी की खबर झूठी है'))
          ? true
          : undefined,
      30_000,
      'the rebuttal',
    );
  });

  it('a station officer adds an alert contact (shown masked), cannot mark rumours, and removes the contact', async () => {
    const page = await world.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await world.signIn(page, sho);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'main' }).getByRole('button', { name: 'Alert contacts' }).click();
    await page.getByLabel('Name / post').fill('SHO Mufassil');
    await page.getByLabel('Channel').selectOption('simulator');
    await page.getByLabel('Number or Telegram chat id').fill('+919812399910');
    await page.getByRole('button', { name: 'Add contact' }).click();
    const contact = page.getByRole('listitem').filter({ hasText: 'SHO Mufassil' });
    await contact.waitFor();
    expect(await contact.textContent()).not.toContain('9812399910');
    expect(await contact.textContent()).toMatch(/•+10/);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    // An urgent tip arrives: until someone acknowledges it, it is an open alert here, and opens the case.
    await citizenSends(world.api, citizens[1], 'गोली चल रही है, बाज़ार में हत्या हो गई, जल्दी आइए');

    await page.getByRole('navigation', { name: 'main' }).getByRole('button', { name: 'Rumours' }).click();
    await page.getByRole('heading', { name: 'Rumours spreading (last 24 hours)' }).waitFor();
    expect(await page.getByRole('button', { name: 'Mark as rumour and send the rebuttal' }).count()).toBe(0);

    const nav = page.getByRole('navigation', { name: 'main' });
    const openCase = page.getByRole('button', { name: /^Open case #\d+$/ });
    await eventually(
      async () => {
        await nav.getByRole('button', { name: 'Groups' }).click();
        await nav.getByRole('button', { name: 'Alert contacts' }).click();
        await page.getByRole('heading', { name: 'Open alerts: nobody has acknowledged them yet' }).waitFor();
        return (await openCase.count()) > 0 ? true : undefined;
      },
      30_000,
      'the open alert',
    );
    const alert = page.getByRole('listitem').filter({ has: openCase });
    expect(await alert.textContent()).toMatch(/Case #\d+ · [A-Z]-\w+ · now at the station · alerted/);
    expect(await alert.textContent()).not.toContain('9812300102');
    await world.shot(page, 'open-alerts-en-phone');
    const label = (await openCase.first().textContent())!;
    await openCase.first().click();
    await page.getByRole('heading', { name: label.replace('Open case', 'Case') }).waitFor();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByText('Status: Acknowledged').waitFor();
    // The alert closes when the alerts context hears of the acknowledgement (an event, a moment later).
    await eventually(
      async () => {
        await nav.getByRole('button', { name: 'Groups' }).click();
        await nav.getByRole('button', { name: 'Alert contacts' }).click();
        await page.getByRole('heading', { name: 'Open alerts: nobody has acknowledged them yet' }).waitFor();
        return (await page.getByText('No open alerts').count()) > 0 ? true : undefined;
      },
      30_000,
      'the alert closed',
    );
    await page
      .getByRole('listitem')
      .filter({ hasText: 'SHO Mufassil' })
      .getByRole('button', { name: 'Remove' })
      .click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toBe('Contact removed');
    await page.getByText('No contacts').waitFor();
    await page.close();
  });
});
