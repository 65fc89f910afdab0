import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every reply and automatic text sent (join confirmations, 112 advice, officers' answers): its provider reference (a
 * keyed hash, as on `delivery`) and its state, so the provider's receipts apply to it instead of being dropped after a
 * day. `ref` names what it answers (`inbox-reply:<id>` for an officer's answer). Officers' answers carry their state.
 */
export class ReplyReceipts1765990000000 implements MigrationInterface {
  name = 'ReplyReceipts1765990000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reply_send (
        message_id text PRIMARY KEY,
        ref text,
        reason text NOT NULL,
        channel text NOT NULL,
        provider_message_id text,
        status text NOT NULL,
        failure text,
        sent_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        read_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX reply_send_provider_idx ON reply_send (provider_message_id) WHERE provider_message_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE inbox_reply ADD COLUMN delivery_status text NOT NULL DEFAULT 'queued'`);
    await q.query(`ALTER TABLE inbox_reply ADD COLUMN delivery_failure text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_reply DROP COLUMN delivery_failure, DROP COLUMN delivery_status`);
    await q.query(`DROP TABLE reply_send`);
  }
}
