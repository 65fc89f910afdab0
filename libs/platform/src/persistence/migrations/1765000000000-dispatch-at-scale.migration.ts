import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deliveries a dispatcher has claimed and not yet recorded: a handful per bucket at any time. Without this
 * index, the stale-claim reset at the start of every 5-s slice and the "anything left?" checks read every delivery
 * of the broadcast (two million at state scale) through its unique key.
 */
export class DispatchAtScale1765000000000 implements MigrationInterface {
  name = 'DispatchAtScale1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX delivery_sending_idx ON delivery (broadcast_id, bucket, updated_at) WHERE status = 'sending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX delivery_sending_idx`);
  }
}
