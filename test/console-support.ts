import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ApiClient, AppProcess, freePort, nextTotpCode, REPO_ROOT, rememberTotpSecret } from '@jansetu/testing';
import { ADMIN } from './support';

/** Chromium from the Debian package (`.ci/run` installs it); nothing here downloads a browser build. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots to look at (not compared): .tmp/console/<name>.png */
export const SHOTS = join(REPO_ROOT, '.tmp', 'console');

export interface Account {
  username: string;
  password: string;
}

/** The built gateway in embedded mode (simulator channel, sample Bihar tree) and the system Chromium. */
export interface ConsoleWorld {
  base: string;
  api: ApiClient;
  hq: ApiClient;
  gateway: AppProcess;
  browser: Browser;
  /** An officer created by HQ through the API (201 asserted). */
  officer(account: Account, role: string, jurisdictionCode: string | null): Promise<void>;
  /** Signs in through the console's own form (Hindi labels) and waits for the main navigation. */
  signIn(page: Page, account: Account): Promise<void>;
  /** The sign-in of a role with the second factor: enrols the authenticator the first time, as an officer would. */
  signInWithSecondFactor(page: Page, account: Account): Promise<void>;
  /** Checks the screen as it stands against WCAG 2.1 A/AA (axe-core), then saves its screenshot to look at. */
  shot(page: Page, name: string): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startConsoleWorld(env: Record<string, string> = {}): Promise<ConsoleWorld> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is required at ${CHROMIUM} (apt-get install chromium)`);
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const gateway = new AppProcess('gateway', {
    DATA_DIR: mkdtempSync(join(tmpdir(), 'jansetu-console-')),
    PORT: String(port),
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    ...env,
  }).start();
  await gateway.waitForLog(/JanSetu gateway on/, 90_000);
  const api = new ApiClient(base);
  const hq = api.as(await api.login(ADMIN.username, ADMIN.password));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  return {
    base,
    api,
    hq,
    gateway,
    browser,
    async officer(account, role, jurisdictionCode) {
      const created = await hq.request('POST', '/api/v1/officers', {
        ...account,
        role,
        jurisdictionCode,
        displayName: account.username,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
    },
    async signIn(page, account) {
      await page.goto(`${base}/console/`);
      await page.getByLabel('उपयोगकर्ता नाम').fill(account.username);
      await page.getByLabel('पासवर्ड').fill(account.password);
      await page.getByRole('button', { name: 'साइन इन' }).click();
      await page.getByRole('navigation', { name: 'main' }).waitFor();
    },
    async signInWithSecondFactor(page, account) {
      await page.goto(`${base}/console/`);
      await page.getByLabel('उपयोगकर्ता नाम').fill(account.username);
      await page.getByLabel('पासवर्ड').fill(account.password);
      await page.getByRole('button', { name: 'साइन इन' }).click();
      const secret = page.getByLabel('गुप्त कुंजी');
      await secret.waitFor();
      rememberTotpSecret(account.username, ((await secret.textContent()) ?? '').trim());
      await page.getByLabel('ऑथेंटिकेटर ऐप का 6 अंकों का कोड').fill(await nextTotpCode(account.username));
      await page.getByRole('button', { name: 'साइन इन' }).click();
      await page.getByRole('button', { name: 'आगे बढ़ें' }).click();
      await page.getByRole('navigation', { name: 'main' }).waitFor();
    },
    async shot(page, name) {
      expect(await accessibilityViolations(page), `accessibility of ${name}`).toEqual([]);
      return page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    },
    async stop() {
      await browser.close();
      await gateway.stop();
    },
  };
}

const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * What axe-core finds against WCAG 2.1 A and AA on the page as it stands (labels, names, contrast, landmarks, lang),
 * one line per failing element. The console's CSP forbids injected scripts, so axe is evaluated through the
 * browser's debugging protocol, which the page's CSP does not govern.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<AxeResults> } }).axe;
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations;
  });
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary}`),
  );
}

interface AxeResults {
  violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[];
}
