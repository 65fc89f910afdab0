import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { AuditRecorder, SYSTEM_ACTOR } from '@jansetu/audit';
import { PurgeFinishedDeliveriesCommand } from '@jansetu/broadcast';
import { APP_CONFIG, AppConfig, PurgeTransportCommand, TransportRetention } from '@jansetu/platform';

/** Batches per table and run: a run deletes at most this many times RETENTION_BATCH_SIZE rows of each table. */
const MAX_BATCHES = 200;

/** The retention settings as the purge commands take them. */
export function transportRetention(c: AppConfig): TransportRetention {
  return {
    outboxDays: c.RETENTION_OUTBOX_DAYS,
    busDays: c.RETENTION_BUS_DAYS,
    processedDays: c.RETENTION_PROCESSED_DAYS,
    inboundReceiptDays: c.RETENTION_INBOUND_RECEIPT_DAYS,
    batchSize: c.RETENTION_BATCH_SIZE,
    maxBatches: MAX_BATCHES,
  };
}

/**
 * Keeps the transport tables bounded: every RETENTION_EVERY_MINUTES, the platform's transport rows and the delivery
 * rows of long-finished broadcasts are purged in batches, and the run is audited as a system act. A session lock
 * keeps it to one dispatcher at a time.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionJob.name);
  private stopping = false;
  private loop?: Promise<void>;

  constructor(
    private readonly commands: CommandBus,
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RETENTION_EVERY_MINUTES > 0) this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.loop;
  }

  /** One run: purge, then the audit event with what went. */
  async runOnce(): Promise<Record<string, number>> {
    const retention = transportRetention(this.config);
    const counts = await this.commands.execute(new PurgeTransportCommand(retention));
    const deliveries = await this.commands.execute(
      new PurgeFinishedDeliveriesCommand(this.config.RETENTION_DELIVERY_DAYS, retention.batchSize, MAX_BATCHES),
    );
    const purged = { ...counts, delivery: deliveries.deliveries, reply_send: deliveries.replies };
    await this.dataSource.transaction((m) =>
      this.audit.record(m, {
        chainId: 'system:retention',
        type: 'retention.purged',
        actor: SYSTEM_ACTOR,
        jurisdictionPath: null,
        subject: {},
        body: {
          purged,
          summarisedBroadcasts: deliveries.broadcasts,
          retention,
          deliveryDays: this.config.RETENTION_DELIVERY_DAYS,
        },
      }),
    );
    return purged;
  }

  /** Several dispatchers on one database: one runs the purge, the others skip this turn (embedded: one process). */
  private async exclusively<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.config.mode !== 'distributed') return work();
    const runner = this.dataSource.createQueryRunner();
    try {
      const [{ locked }] = (await runner.query(
        `SELECT pg_try_advisory_lock(hashtext('jansetu.retention')) AS locked`,
      )) as {
        locked: boolean;
      }[];
      if (!locked) return undefined;
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext('jansetu.retention'))`);
      }
    } finally {
      await runner.release();
    }
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const purged = await this.exclusively(() => this.runOnce());
        if (purged)
          this.logger.log(
            `retention: ${Object.entries(purged)
              .map(([t, n]) => `${t} ${n}`)
              .join(', ')}`,
          );
      } catch (e) {
        this.logger.warn(`retention: ${(e as Error).message}`);
      }
      const every = this.config.RETENTION_EVERY_MINUTES * 60_000;
      for (let waited = 0; waited < every && !this.stopping; waited += 250) await sleep(250);
    }
  }
}
