import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@jansetu/testing';

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
});
