import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { BLOB_STORE, BlobStore, FileSystemBlobStore } from './blobs/blob-store';
import { S3BlobStore } from './blobs/s3-blob-store';
import { BusModule } from './bus/bus.module';
import { OutboxRelay } from './bus/outbox-relay';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { CryptoModule } from './crypto/crypto.module';
import { DomainErrorFilter } from './errors/domain-error.filter';
import { DomainEventDelivery } from './events/domain-event-delivery';
import { DomainEvents, OutboxEventPublisher } from './events/outbox-event-publisher';
import { loggerParams } from './logging/logging';
import { MetricsModule } from './metrics/metrics.module';
import { PersistenceModule } from './persistence/persistence.module';

/** Everything every process needs: configuration, logs, database, bus, outbox, crypto, metrics, CQRS. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        AppConfigModule.forRoot(config),
        MetricsModule,
        LoggerModule.forRoot(loggerParams(config)),
        PersistenceModule.forRoot(config, databaseUrl),
        BusModule.forRoot(),
        CryptoModule,
        CqrsModule.forRoot(),
        DiscoveryModule,
      ],
      providers: [
        OutboxEventPublisher,
        DomainEvents,
        DomainEventDelivery,
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: BLOB_STORE, useValue: blobStoreFor(config) },
      ],
      exports: [MetricsModule, DomainEvents, DomainEventDelivery, BLOB_STORE],
    };
  }
}

/** The outbox relay runs where the workers run (the dispatcher, or the single embedded process). */
@Module({ providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxRelayModule {}

/** S3-compatible storage when a bucket is configured, else the folder MEDIA_DIR. */
export function blobStoreFor(config: AppConfig): BlobStore {
  if (!config.MEDIA_S3_BUCKET) return new FileSystemBlobStore(config.MEDIA_DIR!);
  return new S3BlobStore({
    bucket: config.MEDIA_S3_BUCKET,
    region: config.MEDIA_S3_REGION,
    accessKeyId: config.MEDIA_S3_ACCESS_KEY_ID!,
    secretAccessKey: config.MEDIA_S3_SECRET_ACCESS_KEY!,
    endpoint: config.MEDIA_S3_ENDPOINT,
    prefix: config.MEDIA_S3_PREFIX,
  });
}
