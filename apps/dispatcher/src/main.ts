import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { createServer } from 'node:http';
import { planChannels } from '@jansetu/channels';
import { ConfigError, ensureEmbeddedSecrets, loadConfig, Metrics } from '@jansetu/platform';
import { DispatcherModule } from './dispatcher.module';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig(ensureEmbeddedSecrets(process.env));
    planChannels(config); // the providers' own settings, checked before anything starts
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  if (config.mode === 'embedded') {
    console.error(
      'Missing setting DATABASE_URL: the dispatcher runs only in distributed mode (`npm start` runs both in one process)',
    );
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(DispatcherModule.forRoot(config, config.DATABASE_URL!), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const logger = app.get(Logger);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: draining consumers and the outbox relay`);
      void app.close().finally(() => process.exit(0));
    });
  }
  await app.init();
  if (config.DISPATCHER_METRICS_PORT) serveMetrics(app.get(Metrics), config.DISPATCHER_METRICS_PORT);
  logger.log('dispatcher running');
}

/** The dispatcher has no HTTP API; operators still scrape its metrics (sends by channel, handler times, relay). */
function serveMetrics(metrics: Metrics, port: number): void {
  createServer((req, res) => {
    if (req.url === '/metrics') {
      void metrics.registry
        .metrics()
        .then((body) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body));
    } else if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else {
      res.writeHead(404).end();
    }
  }).listen(port);
}

void bootstrap();
