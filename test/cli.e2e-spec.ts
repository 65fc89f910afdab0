import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, TelegramBotApiFake } from '@jansetu/testing';

const run = promisify(execFile);

/** The operator's commands (npm run cli), on a fresh embedded data folder, as a new deployment would use them. */
describe('the operator CLI on a fresh embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jansetu-cli-'));
  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, [join(REPO_ROOT, 'dist/apps/gateway/src/cli.js'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env },
      timeout: 120_000,
    });

  it('imports the jurisdictions, creates the first officer, and refuses a weak password with a reason', async () => {
    const imported = await cli(['import-jurisdictions', 'config/jurisdictions/bihar-sample.csv']);
    expect(imported.stdout).toMatch(/jurisdictions: \d+ created/);
    const created = await cli(['create-officer', '--username', 'hq.first', '--role', 'hq_admin', '--name', 'HQ'], {
      JANSETU_OFFICER_PASSWORD: 'Qx7!hq-admin-Patna-2026',
    });
    expect(created.stdout).toMatch(/officer hq.first created/);
    const weak = cli(['create-officer', '--username', 'sho.weak', '--role', 'hq_admin', '--name', 'Weak'], {
      JANSETU_OFFICER_PASSWORD: 'aaaaaaaaaaaa',
    });
    await expect(weak).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/password|पासवर्ड/i) });
  });

  it('classifier:retrain scores the running model on the frozen set, and accepts nothing when nothing is new', async () => {
    const frozen = (JSON.parse(readFileSync(join(REPO_ROOT, 'libs/inbox/eval/frozen-v1.json'), 'utf8')) as unknown[])
      .length;
    const { stdout } = await cli(['classifier:retrain']);
    expect(stdout).toContain(`corrections: 0 labelled by officers, 0 not yet learned; frozen set: ${frozen} messages`);
    // With nothing learned, the candidate is the running model: the same score on every line.
    for (const line of ['emergency recall', 'tips and complaints filtered', 'noise reaching officers', 'accuracy']) {
      const [, running, candidate] = new RegExp(`${line}[^\\d]*([\\d.]+%)\\s+([\\d.]+%)`).exec(stdout) ?? [];
      expect(running).toBeDefined();
      expect(candidate).toBe(running);
    }
    expect(stdout).toContain('nothing new to learn');
    await expect(cli(['classifier:retrain', '--accept'])).rejects.toMatchObject({ code: 1 });
  });

  describe('provider settings', () => {
    const telegram = new TelegramBotApiFake();
    const secret = 'telegram-webhook-secret-0123';
    beforeAll(async () => {
      await telegram.start();
    });
    afterAll(async () => {
      await telegram.stop();
    });

    it('providers:check names, per channel and provider, the settings set and precisely those missing, no value', async () => {
      const { stdout } = await cli(['providers:check'], {
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_BOT_USERNAME: 'BiharPoliceJanSetuBot',
        TWILIO_AUTH_TOKEN: 'twilio-auth-token-0123456789',
        DLT_USERNAME: 'bihar-police',
      });
      expect(stdout).toContain(
        [
          'telegram / telegram: off — the only provider',
          '    set:      TELEGRAM_BOT_TOKEN, TELEGRAM_BOT_USERNAME',
          '    missing:  TELEGRAM_WEBHOOK_SECRET',
        ].join('\n'),
      );
      expect(stdout).toContain(
        [
          'sms / dlt: off — SMS_PROVIDER=dlt (the default)',
          '    set:      —',
          '    missing:  DLT_SMS_URL, DLT_SENDER, DLT_ENTITY_ID, DLT_DEFAULT_TEMPLATE_ID, DLT_INBOUND_SECRET',
          '    optional: DLT_USERNAME',
        ].join('\n'),
      );
      expect(stdout).toContain(
        [
          'sms / twilio: off — not selected (set SMS_PROVIDER=twilio)',
          '    set:      TWILIO_AUTH_TOKEN',
          '    missing:  TWILIO_ACCOUNT_SID, PUBLIC_BASE_URL, TWILIO_SMS_FROM',
        ].join('\n'),
      );
      expect(stdout).toMatch(/^simulator \/ simulator: ON — switched by CHANNEL_SIMULATOR$/m);
      expect(stdout).not.toContain(telegram.token);
      expect(stdout).not.toContain('twilio-auth-token');
    });

    it('telegram:set-webhook registers the public address and secret with the Bot API, and says what is missing', async () => {
      const env = {
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_WEBHOOK_SECRET: secret,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        PUBLIC_BASE_URL: 'https://jansetu.bihar.example',
      };
      const { stdout } = await cli(['telegram:set-webhook'], env);
      expect(stdout.trim()).toBe(
        'telegram webhook: Webhook was set: https://jansetu.bihar.example/webhooks/telegram (0 updates pending)',
      );
      expect(telegram.webhook).toMatchObject({
        url: 'https://jansetu.bihar.example/webhooks/telegram',
        secretToken: secret,
        allowedUpdates: ['message'],
      });

      await expect(cli(['telegram:set-webhook'], { ...env, TELEGRAM_WEBHOOK_SECRET: '' })).rejects.toMatchObject({
        code: 1,
        stderr: 'telegram:set-webhook: set TELEGRAM_WEBHOOK_SECRET\n',
      });
    });
  });
});
