import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receipts are matched on channel + provider message id: two providers may hand out the same id (an SMS
 * aggregator's counter, a Telegram message id per chat), so the id alone could move someone else's delivery.
 * One delivery per (channel, provider id), enforced by a unique index; parked receipts carry their channel.
 */
export class ReceiptsByChannel1765700000000 implements MigrationInterface {
  name = 'ReceiptsByChannel1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS delivery_provider_idx`);
    await q.query(`CREATE UNIQUE INDEX delivery_channel_provider_uidx ON delivery (channel, provider_message_id)
                    WHERE provider_message_id IS NOT NULL`);
    // Receipts parked before this migration came without a channel: '' matches them on the id alone.
    await q.query(`ALTER TABLE pending_receipt ADD COLUMN channel text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE pending_receipt DROP CONSTRAINT pending_receipt_pkey`);
    await q.query(`ALTER TABLE pending_receipt ADD PRIMARY KEY (channel, provider_ref, state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pending_receipt DROP CONSTRAINT pending_receipt_pkey`);
    await q.query(`ALTER TABLE pending_receipt DROP COLUMN channel`);
    await q.query(`ALTER TABLE pending_receipt ADD PRIMARY KEY (provider_ref, state)`);
    await q.query(`DROP INDEX delivery_channel_provider_uidx`);
    await q.query(
      `CREATE INDEX delivery_provider_idx ON delivery (provider_message_id) WHERE provider_message_id IS NOT NULL`,
    );
  }
}
