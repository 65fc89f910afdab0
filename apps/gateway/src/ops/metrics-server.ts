import { createServer, Server } from 'node:http';

/** Where the operators' port reads its metrics from: this process's registry, or every gateway worker's summed. */
export interface MetricsSource {
  scrape(): Promise<string>;
  contentType: string;
}

/** The operators' port (METRICS_PORT): /metrics and a liveness /health, nothing else, no officer or citizen route. */
export function serveOperatorsPort(metrics: MetricsSource, port: number, host: string): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      metrics.scrape().then(
        (body) => res.writeHead(200, { 'content-type': metrics.contentType }).end(body),
        () => res.writeHead(500).end(),
      );
    } else if (req.method === 'GET' && path === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404,"message":"not found"}');
    }
  }).listen(port, host);
}
