// Writes the gateway's OpenAPI description to apps/console/src/api/openapi.json, from the built gateway started in
// embedded mode on a throw-away data folder, so the console's typed client is generated from what the gateway
// serves (npm run console:api; test/console-api.e2e-spec.ts fails when the committed copy is stale).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Paths are from the repository root, where npm scripts and the tests run. */
export const OPENAPI_FILE = resolve('apps/console/src/api/openapi.json');

/** The document as the console's generator reads it: keys sorted, so the committed copy diffs cleanly. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
    server.on('error', fail);
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jansetu-openapi-'));
  const port = await freePort();
  const gateway = spawn(process.execPath, [resolve(__dirname, '../apps/gateway/src/main.js')], {
    cwd: resolve(__dirname, '../..'),
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  try {
    for (let i = 0; i < 120; i++) {
      const answer = await fetch(`http://127.0.0.1:${port}/docs-json`).catch(() => undefined);
      if (answer?.ok) {
        writeFileSync(OPENAPI_FILE, stableJson(await answer.json()));
        console.log(`wrote ${OPENAPI_FILE}`);
        return;
      }
      await sleep(500);
    }
    throw new Error('the gateway did not serve /docs-json within a minute');
  } finally {
    gateway.kill('SIGTERM');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) void main();
