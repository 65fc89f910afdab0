import { createServer, Server } from 'node:http';
import { Metrics } from '@jansetu/platform';

/** The operators' port (METRICS_PORT): /metrics and a liveness /health, nothing else, no officer or citizen route. */
export function serveOperatorsPort(metrics: Metrics, port: number, host: string): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      metrics.registry.metrics().then(
        (body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    } else if (req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404,"message":"not found"}');
    }
  }).listen(port, host);
}
