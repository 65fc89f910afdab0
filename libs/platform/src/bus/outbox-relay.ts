import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, QueryRunner } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Metrics } from '../metrics/metrics';
import { BusMessage, MESSAGE_BUS, MessageBus } from './message-bus.port';

const RELAY_LOCK = 7_346_202;
const BATCH = 500;

/**
 * Publishes committed outbox rows in commit order, then marks them. One relay leads at a time (a session advisory
 * lock in distributed mode), so order per key holds. A crash between publish and mark republishes the batch,
 * which consumers absorb by deduping on the message id. A bus outage only delays: rows wait and are retried.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private stopping = false;
  private loop?: Promise<void>;
  private leaderLock?: QueryRunner;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.loop;
    await this.leaderLock?.release().catch(() => undefined);
  }

  /** Publishes what is pending now; returns how many messages went out. */
  async relayOnce(): Promise<number> {
    const rows: { seq: string; payload: BusMessage }[] = await this.dataSource.query(
      `SELECT seq, payload FROM outbox_message WHERE published_at IS NULL ORDER BY seq LIMIT ${BATCH}`,
    );
    if (!rows.length) return 0;
    await this.bus.publish(rows.map((r) => r.payload));
    await this.dataSource.query(`UPDATE outbox_message SET published_at = now() WHERE seq = ANY($1::bigint[])`, [
      rows.map((r) => r.seq),
    ]);
    for (const r of rows) this.metrics.outboxPublished.inc({ topic: r.payload.topic });
    return rows.length;
  }

  private async run(): Promise<void> {
    let backoff = this.config.OUTBOX_POLL_MS;
    while (!this.stopping) {
      try {
        if (!(await this.isLeader())) {
          await sleep(1000);
          continue;
        }
        const sent = await this.relayOnce();
        backoff = this.config.OUTBOX_POLL_MS;
        if (sent < BATCH) await sleep(this.config.OUTBOX_POLL_MS);
      } catch (error) {
        this.metrics.outboxFailures.inc();
        this.logger.warn(`outbox relay: ${(error as Error).message}; retrying in ${backoff} ms`);
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  private async isLeader(): Promise<boolean> {
    if (this.config.mode === 'embedded') return true; // one process, one relay
    if (this.leaderLock) return true;
    const runner = this.dataSource.createQueryRunner();
    const rows = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK])) as {
      locked: boolean;
    }[];
    const locked = rows[0].locked;
    if (locked) {
      this.leaderLock = runner;
      this.logger.log('this process now relays the outbox');
    } else {
      await runner.release();
    }
    return locked;
  }
}
