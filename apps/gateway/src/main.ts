import 'reflect-metadata';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { planChannels } from '@jansetu/channels';
import { AppConfig, ConfigError, EmbeddedPostgres, ensureEmbeddedSecrets, loadConfig } from '@jansetu/platform';
import { GatewayModule } from './gateway.module';

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

export function setUpHttp(app: INestApplication): void {
  // '/API/v1/...' must not be a second, differently spelled door to the same handlers.
  (app.getHttpAdapter().getInstance() as { set(key: string, value: unknown): void }).set(
    'case sensitive routing',
    true,
  );
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
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

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  const embedded = config.mode === 'embedded' ? await EmbeddedPostgres.start(config.DATA_DIR) : undefined;
  // rawBody: provider signatures are computed over the exact bytes received.
  const app = await NestFactory.create(GatewayModule.forRoot(config, config.DATABASE_URL ?? embedded!.url), {
    bufferLogs: true,
    rawBody: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  setUpHttp(app);
  // Graceful stop: Nest's shutdown hooks drain the consumers and the relay and flush the producer; the embedded
  // database closes last.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: shutting down`);
      void app
        .close()
        .then(() => embedded?.stop())
        .finally(() => process.exit(0));
    });
  }
  await app.listen(config.PORT, config.mode === 'embedded' ? '127.0.0.1' : '0.0.0.0');
  logger.log(`JanSetu gateway on http://127.0.0.1:${config.PORT} (${config.mode} mode; docs at /docs)`);
}

void bootstrap();
