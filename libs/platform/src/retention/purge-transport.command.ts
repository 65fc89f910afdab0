import { Command } from '@nestjs/cqrs';

/** How long the transport tables keep what they no longer need (days), and how many rows one statement deletes. */
export interface TransportRetention {
  outboxDays: number;
  busDays: number;
  processedDays: number;
  inboundReceiptDays: number;
  batchSize: number;
  /** Upper bound of batches per table and run, so one run never holds the database for long. */
  maxBatches: number;
}

/** Rows deleted per table by one run; `citizen_key` counts the expired one-use keys destroyed. */
export type PurgeCounts = Record<string, number>;

/**
 * The platform's transport tables, purged in batches of short statements: published outbox rows, bus messages
 * every consumer group has read, idempotency marks and webhook receipts past the window a duplicate can come in,
 * and one-use data keys past their time.
 */
export class PurgeTransportCommand extends Command<PurgeCounts> {
  constructor(readonly retention: TransportRetention) {
    super();
  }
}
