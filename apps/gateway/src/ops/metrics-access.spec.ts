import { once } from 'node:events';
import { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Metrics } from '@jansetu/platform';
import { bearerMatches, metricsAccess } from './metrics-access';
import { serveOperatorsPort } from './metrics-server';

const TOKEN = 'metrics-token-0123456789abcdef0123';

describe('who may scrape the gateway’s /metrics', () => {
  it.each<[string, Parameters<typeof metricsAccess>[0], ReturnType<typeof metricsAccess>]>([
    [
      'an operators’ port moves them off the public port',
      { mode: 'distributed', METRICS_PORT: 9465 },
      'operators-port',
    ],
    ['the port wins over a token', { mode: 'distributed', METRICS_PORT: 9465, METRICS_TOKEN: TOKEN }, 'operators-port'],
    ['a token guards them on the public port', { mode: 'distributed', METRICS_TOKEN: TOKEN }, 'token'],
    ['embedded mode listens on loopback only: open', { mode: 'embedded' }, 'open'],
    ['distributed mode without either: off', { mode: 'distributed' }, 'off'],
  ])('%s', (_label, config, access) => {
    expect(metricsAccess(config)).toBe(access);
  });

  it.each<[string | undefined, boolean]>([
    [`Bearer ${TOKEN}`, true],
    [`Bearer ${TOKEN}x`, false],
    [`Bearer ${TOKEN.slice(1)}`, false],
    [`bearer ${TOKEN}`, false],
    [TOKEN, false],
    ['Bearer ', false],
    [undefined, false],
  ])('Authorization %j → %s', (header, ok) => {
    expect(bearerMatches(header, TOKEN)).toBe(ok);
  });

  it('serves /metrics and /health on the operators’ port, and nothing else', async () => {
    const metrics = new Metrics();
    metrics.outboxPublished.inc({ topic: 'audit' });
    const server = serveOperatorsPort(metrics, 0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${base}/metrics`)).text()).toContain(
        'jansetu_outbox_published_total{topic="audit"} 1',
      );
      expect((await fetch(`${base}/health`)).status).toBe(200);
      expect((await fetch(`${base}/api/v1/groups`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
