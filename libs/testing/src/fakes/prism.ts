import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../app-process';
import { REPO_ROOT } from '../services';

/** Twilio's own OpenAPI description of its 2010 REST API, shipped in the npm package @twilio-alpha/mcp. */
export const TWILIO_OPENAPI =
  process.env.TWILIO_OPENAPI_SPEC ??
  join(REPO_ROOT, 'node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/twilio_api_v2010.json');
/** Twilio's OpenAPI description of its Content API (templates and their WhatsApp approval), same package. */
export const TWILIO_CONTENT_OPENAPI =
  process.env.TWILIO_CONTENT_OPENAPI_SPEC ??
  join(REPO_ROOT, 'node_modules/@twilio-alpha/mcp/twilio-oai/spec/json/twilio_content_v1.json');
/** Meta's OpenAPI description of the WhatsApp Cloud API (in ../shared/specs next to the repository). */
export const META_OPENAPI =
  process.env.META_OPENAPI_SPEC ?? join(REPO_ROOT, '..', 'shared', 'specs', 'business-messaging-api_v23.0.yaml');

/**
 * A Prism mock server validating requests against a provider's OpenAPI description: a request the description
 * refuses is answered 422 with the violations, so a contract test fails on it.
 */
export class PrismMock {
  private child?: ChildProcess;
  private output = '';
  port = 0;

  constructor(readonly specPath: string) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 90_000): Promise<this> {
    this.port = await freePort();
    this.child = spawn(
      join(REPO_ROOT, 'node_modules/.bin/prism'),
      ['mock', this.specPath, '--host', '127.0.0.1', '--port', String(this.port), '--errors', '--dynamic', 'false'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stdout!.on('data', (c: Buffer) => (this.output += c.toString()));
    this.child.stderr!.on('data', (c: Buffer) => (this.output += c.toString()));
    const deadline = Date.now() + timeoutMs;
    while (!/Prism is listening/.test(this.output)) {
      if (this.child.exitCode !== null) throw new Error(`prism exited: ${this.output.slice(-2000)}`);
      if (Date.now() > deadline)
        throw new Error(`prism did not start within ${timeoutMs} ms: ${this.output.slice(-2000)}`);
      await sleep(200);
    }
    return this;
  }

  get log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    this.child?.kill('SIGTERM');
    await sleep(100);
  }
}
