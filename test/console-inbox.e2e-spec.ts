import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Page } from 'playwright-core';
import { eventually, nextTotpCode } from '@jansetu/testing';
import { Account, ConsoleWorld, startConsoleWorld } from './console-support';
import { citizenSends } from './support';

/** The console's session (refresh cookie) and the inbox's case work, in a real browser on the built gateway. */
describe('console: the session survives a reload, and the inbox works live', () => {
  let world: ConsoleWorld;
  const sho = { username: 'sho.mufassil', password: 'Mufassil-thana-2026!' };
  const sp = { username: 'sp.samastipur', password: 'Samastipur-zila-2026!' };
  const citizen = '+919812300077';
  let joinCode: string;

  const cookieOf = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('jansetu_refresh='));
  const valueOf = (cookie: string) => cookie.split(';')[0];
  const login = (account: Account, headers: Record<string, string> = {}) =>
    fetch(`${world.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(account),
    });
  const refreshWith = (cookie: string | undefined, headers: Record<string, string> = {}) =>
    fetch(`${world.base}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
      body: '{}',
    });

  /** Signs in through the console's form, answering the authenticator code where the role needs one. */
  async function signIn(page: Page, account: Account, totp = false) {
    await page.goto(`${world.base}/console/`);
    await page.getByLabel('उपयोगकर्ता नाम').fill(account.username);
    await page.getByLabel('पासवर्ड').fill(account.password);
    await page.getByRole('button', { name: 'साइन इन' }).click();
    if (totp) {
      await page.getByLabel('ऑथेंटिकेटर ऐप का 6 अंकों का कोड').fill(await nextTotpCode(account.username));
      await page.getByRole('button', { name: 'साइन इन' }).click();
    }
    await page.getByRole('navigation', { name: 'main' }).waitFor();
  }

  beforeAll(async () => {
    world = await startConsoleWorld();
    await world.officer(sho, 'station_officer', 'SAM-MUFASSIL');
    await world.officer(sp, 'district_admin', 'SAM');
    await world.api.login(sp.username, sp.password); // enrols the SP's authenticator (the test's app keeps it)
    const group = await world.hq.request<{ joinCode: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'SAM-MUFASSIL',
      name: 'मुफस्सिल जनसेतु',
    });
    expect(group.status).toBe(201);
    joinCode = group.body.joinCode;
    await citizenSends(world.api, citizen, `जुड़ें ${joinCode}`);
  }, 240_000);
  afterAll(async () => {
    await world?.stop();
  });

  it('sets the refresh cookie httpOnly, SameSite=Strict, on the auth path only; a cookie refresh needs the header', async () => {
    const res = await login(sho, { 'X-JanSetu-Refresh': '1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { accessToken?: string; refreshToken?: string };
    expect(body.accessToken).toBeTruthy();
    expect(body.refreshToken).toBeUndefined(); // the console's login: the refresh token is in the cookie only
    const cookie = cookieOf(res)!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
    expect(cookie).not.toMatch(/Secure/i); // plain http on 127.0.0.1 only
    // An API client that did not ask for the cookie alone still gets the token in the body too.
    expect(((await (await login(sho)).json()) as { refreshToken?: string }).refreshToken).toBeTruthy();

    // Without the custom header the cookie is not spent (a cross-site form cannot add it).
    const forged = await refreshWith(valueOf(cookie));
    expect(forged.status).toBe(403);
    expect(JSON.stringify(await forged.json())).toContain('X-JanSetu-Refresh');
    const first = await refreshWith(valueOf(cookie), { 'X-JanSetu-Refresh': '1' });
    expect(first.status).toBe(200);
    expect(((await first.json()) as { refreshToken?: string }).refreshToken).toBeUndefined();
    const rotated = cookieOf(first)!;
    expect(valueOf(rotated)).not.toBe(valueOf(cookie));

    // The spent cookie presented again: reuse detected, the whole session ends (the rotated cookie too).
    expect((await refreshWith(valueOf(cookie), { 'X-JanSetu-Refresh': '1' })).status).toBe(401);
    expect((await refreshWith(valueOf(rotated), { 'X-JanSetu-Refresh': '1' })).status).toBe(401);
  });

  it('logout clears the cookie and ends the session', async () => {
    const res = await login(sho, { 'X-JanSetu-Refresh': '1' });
    const { accessToken } = (await res.json()) as { accessToken: string };
    const cookie = valueOf(cookieOf(res)!);
    const out = await fetch(`${world.base}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(out.status).toBe(204);
    expect(cookieOf(out)).toMatch(/jansetu_refresh=;.*Expires=Thu, 01 Jan 1970/);
    expect((await refreshWith(cookie, { 'X-JanSetu-Refresh': '1' })).status).toBe(401);
  });

  it('a reload keeps the session; an urgent tip appears without refresh; assign, note, mute, move to main; sign-out ends it', async () => {
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, sho);
    await page.reload();
    await page.getByRole('navigation', { name: 'main' }).waitFor();
    expect(await page.getByLabel('पासवर्ड').count()).toBe(0);
    expect(await page.evaluate('JSON.stringify(localStorage) + JSON.stringify(sessionStorage)')).not.toMatch(
      /ey[A-Za-z0-9_-]{10,}\./,
    );

    // The citizen reports a shooting: the banner appears at once, nobody presses refresh.
    await citizenSends(world.api, citizen, 'गोली चल रही है, बाज़ार में हत्या हो गई');
    const banner = page.getByRole('alert').filter({ hasText: 'तत्काल मामला' });
    await banner.waitFor({ timeout: 30_000 }); // on the home screen the officer lands on: told on every screen
    await page.getByRole('navigation', { name: 'main' }).getByRole('button', { name: 'शिकायत/सूचना' }).click();
    await expect.poll(async () => (await page.getByRole('tab', { name: /तत्काल/ }).textContent()) ?? '').toContain('1');
    await world.shot(page, 'inbox-live-urgent-hi');
    await banner.getByRole('button', { name: 'खोलें' }).click();
    await page.getByRole('heading', { name: /मामला #\d+/ }).waitFor();
    expect(await page.content()).not.toContain('9812300077');

    await page.getByRole('button', { name: 'सौंपें' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toBe('सौंप दिया');
    await page.getByLabel('आंतरिक टिप्पणी (नागरिक को नहीं जाती)').fill('बीट 3 तुरंत पहुँचे');
    await page.getByRole('button', { name: 'टिप्पणी जोड़ें' }).click();
    await page.getByText('बीट 3 तुरंत पहुँचे').waitFor();
    await world.shot(page, 'case-conversation-hi');

    // A tip the classifier filed as a greeting: moved to the main queue from Filtered, the correction kept.
    await citizenSends(world.api, citizen, 'नमस्ते जी, सुप्रभात');
    await page.getByRole('button', { name: /← / }).click();
    await eventually(
      async () => {
        await page.getByRole('tab', { name: /छाँटे गए/ }).click();
        await page.getByRole('button', { name: 'ताज़ा करें' }).click();
        return (await page.getByRole('button', { name: /मामला #\d+/ }).count()) > 0 ? true : undefined;
      },
      30_000,
      'the greeting in Filtered',
    );
    await page
      .getByRole('button', { name: /मामला #\d+/ })
      .first()
      .click();
    await page.getByLabel('असल में क्या है').selectOption('tip');
    await page.getByRole('button', { name: 'मुख्य कतार में भेजें' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toContain('मुख्य कतार');
    await page.getByText(/छाँटे गए से हटाया/).waitFor();
    await page.getByRole('button', { name: 'इस भेजने वाले को म्यूट करें' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toContain('म्यूट');

    await page.getByRole('button', { name: 'साइन आउट' }).click();
    await page.getByLabel('पासवर्ड').waitFor();
    await page.reload();
    await page.getByLabel('पासवर्ड').waitFor();
    await page.close();
  });

  it('an officer marks a tip that is an advert as spam: it leaves the main queue, the correction shown on the case', async () => {
    const advertiser = '+919812300078';
    await citizenSends(world.api, advertiser, `जुड़ें ${joinCode}`);
    await citizenSends(world.api, advertiser, 'हमारे गाँव में रात को चोरी बढ़ गई है, पुलिस गश्त बढ़ाए');
    const page = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, sho);
    await page.getByRole('navigation', { name: 'main' }).getByRole('button', { name: 'शिकायत/सूचना' }).click();
    const theft = page.getByRole('button', { name: /मामला #\d+/ }).filter({ hasText: 'चोरी बढ़ गई' });
    await eventually(
      async () => {
        await page.getByRole('button', { name: 'ताज़ा करें' }).click();
        return (await theft.count()) > 0 ? true : undefined;
      },
      30_000,
      'the tip in the main queue',
    );
    await theft.first().click();
    await page.getByLabel('सही वर्ग').selectOption('spam');
    await page.getByRole('button', { name: 'पुनः वर्गीकृत करें' }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toContain('छाँटे गए में भेजा');
    await page.getByText(/छाँटे गए में भेजा: .* ने "स्पैम" बताया/).waitFor();
    await world.shot(page, 'case-marked-spam-hi');
    await page.getByRole('button', { name: /← / }).click();
    await page.getByRole('button', { name: 'ताज़ा करें' }).click();
    await page.getByRole('tab', { name: /छाँटे गए/ }).click();
    await theft.first().waitFor();
    await page.getByRole('tab', { name: /मुख्य/ }).click();
    await expect.poll(() => theft.count()).toBe(0);
    await page.close();
  });

  it('the SP requests a reveal, HQ approves it in another page, and only the SP sees the contact', async () => {
    const cases = await world.hq.request<{ id: string; caseNumber: number; urgent: boolean }[]>(
      'GET',
      '/api/v1/inbox/cases?inbox=SAM-MUFASSIL',
    );
    const urgent = cases.body.find((c) => c.urgent)!;
    const spPage = await world.browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true });
    await signIn(spPage, sp, true);
    await spPage.getByRole('button', { name: 'English' }).click();
    await spPage.getByRole('navigation', { name: 'main' }).getByRole('button', { name: 'Inbox' }).click();
    await spPage.getByRole('button', { name: new RegExp(`Case #${urgent.caseNumber}`) }).click();
    await spPage.getByLabel(/Reason for the reveal/).fill(`Case ${urgent.caseNumber}: the informant is a witness`);
    await spPage.getByRole('button', { name: 'Request identity reveal' }).click();
    await spPage.getByText('Identity reveal waiting for approval').waitFor();
    const width = await spPage.evaluate('document.documentElement.scrollWidth');
    expect(width as number).toBeLessThanOrEqual(360);
    await world.shot(spPage, 'case-reveal-requested-en-phone');

    const hqPage = await world.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(hqPage, { username: 'hq.admin', password: 'correct-horse-battery-staple' }, true);
    await hqPage.getByRole('navigation', { name: 'main' }).getByRole('button', { name: 'शिकायत/सूचना' }).click();
    const approvals = hqPage.getByRole('region', { name: 'पहचान स्वीकृतियाँ', exact: true });
    await approvals.getByText(`मामला #${urgent.caseNumber}`).waitFor();
    await world.shot(hqPage, 'reveal-approvals-hi');
    await approvals.getByRole('button', { name: 'स्वीकृत करें' }).click();
    await approvals.getByText('कोई अनुरोध प्रतीक्षा में नहीं').waitFor();

    await spPage.reload();
    await spPage.getByRole('button', { name: new RegExp(`Case #${urgent.caseNumber}`) }).click();
    await spPage.getByRole('button', { name: 'View identity (audited)' }).click();
    await spPage.getByText('Contact (for you only): +919812300077').waitFor();
    await world.shot(spPage, 'case-revealed-en-phone');
    await hqPage.close();
    await spPage.close();
  });
});
