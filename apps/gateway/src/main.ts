import 'reflect-metadata';
import cluster from 'node:cluster';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import cookieParser from 'cookie-parser';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { planChannels } from '@jansetu/channels';
import {
  AppConfig,
  ConfigError,
  EmbeddedPostgres,
  ensureEmbeddedSecrets,
  loadConfig,
  Metrics,
} from '@jansetu/platform';
import { GatewayModule } from './gateway.module';
import { joinClusterMetrics, superviseGatewayWorkers } from './ops/gateway-cluster';
import { metricsAccess } from './ops/metrics-access';
import { serveOperatorsPort } from './ops/metrics-server';
import { answerClientErrors, HostileInputPipe, refuseOversizedBodies } from './validation';
import { serveWebhooksDirectly } from './webhooks/webhook-direct-path';
import { WebhookIntake } from './webhooks/webhook-intake';

function configOrExit(): AppConfig {
  try {
    const config = loadConfig(ensureEmbeddedSecrets(process.env));
    planChannels(config); // the providers' own settings, checked before anything starts
    return config;
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

/** Every request body, webhooks included: 100 kB at most. */
const BODY_LIMIT_BYTES = 100 * 1024;

export function setUpHttp(app: NestExpressApplication): void {
  // '/API/v1/...' must not be a second, differently spelled door to the same handlers.
  (app.getHttpAdapter().getInstance() as { set(key: string, value: unknown): void }).set(
    'case sensitive routing',
    true,
  );
  // Bodies: JSON objects or arrays only (strict), 100 kB at most (a 413 with a reason beyond); urlencoded for the
  // providers' form posts, same limit. rawBody stays on: provider signatures cover the exact bytes.
  answerClientErrors(app.getHttpServer());
  // Provider webhooks are answered before Express sees them (webhooks/webhook-direct-path.ts).
  serveWebhooksDirectly(app.getHttpServer(), app.get(WebhookIntake), BODY_LIMIT_BYTES);
  // Only POST /api/v1/auth/refresh reads a cookie (the console's httpOnly refresh token, auth/refresh-cookie.ts).
  app.use(refuseOversizedBodies(BODY_LIMIT_BYTES));
  app.use(cookieParser());
  app.useBodyParser('json', { limit: BODY_LIMIT_BYTES, strict: true });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT_BYTES, extended: false });
  // NUL characters, lone surrogates and deep nesting are refused before any DTO is built; then every DTO is checked,
  // fields it does not declare are refused, and the error names the field and the rule (never the value).
  app.useGlobalPipes(
    new HostileInputPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      validationError: { target: false, value: false },
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('JanSetu API')
      .setDescription(
        'जनसेतु — the messaging gateway between Bihar Police and citizens. Admin and auditor API under /api/v1 ' +
          '(JWT from POST /api/v1/auth/login), provider webhooks under /webhooks.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}

async function bootstrap(config: AppConfig): Promise<void> {
  const embedded = config.mode === 'embedded' ? await EmbeddedPostgres.start(config.DATA_DIR) : undefined;
  // rawBody: provider signatures are computed over the exact bytes received.
  const app = await NestFactory.create<NestExpressApplication>(
    GatewayModule.forRoot(config, config.DATABASE_URL ?? embedded!.url),
    {
      bufferLogs: true,
      rawBody: true,
    },
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  setUpHttp(app);
  const host = config.mode === 'embedded' ? '127.0.0.1' : '0.0.0.0';
  // A worker of several: the supervisor serves the operators' port and sums every worker's metrics.
  if (cluster.isWorker) joinClusterMetrics(app.get(Metrics).registry);
  const operators =
    config.METRICS_PORT && !cluster.isWorker
      ? serveOperatorsPort(app.get(Metrics), config.METRICS_PORT, host)
      : undefined;
  // Graceful stop: Nest's shutdown hooks drain the consumers and the relay and flush the producer; the embedded
  // database closes last.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: shutting down`);
      operators?.close();
      void app
        .close()
        .then(() => embedded?.stop())
        .finally(() => process.exit(0));
    });
  }
  if (metricsAccess(config) === 'off' && !cluster.isWorker)
    logger.warn('/metrics is off: set METRICS_PORT or METRICS_TOKEN to scrape it');
  await app.listen(config.PORT, host);
  if (cluster.isWorker) return; // the supervisor says where the gateway is
  if (operators) logger.log(`metrics on the operators' port ${config.METRICS_PORT}`);
  logger.log(`JanSetu gateway on http://127.0.0.1:${config.PORT} (${config.mode} mode; docs at /docs)`);
}

const config = configOrExit();
if (config.GATEWAY_WORKERS > 1 && cluster.isPrimary) superviseGatewayWorkers(config);
else void bootstrap(config);
