import { MigrationInterface, QueryRunner } from 'typeorm';

/** Channel facts the core needs: retry timing, the WhatsApp 24-hour window, opted-out contact points. */
export class Channels1764400000000 implements MigrationInterface {
  name = 'Channels1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // A throttled or retryable delivery waits until then; the dispatcher claims only what is due.
    await q.query(`ALTER TABLE delivery ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`DROP INDEX delivery_pending_idx`);
    await q.query(
      `CREATE INDEX delivery_pending_idx ON delivery (broadcast_id, next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX delivery_provider_idx ON delivery (provider_message_id) WHERE provider_message_id IS NOT NULL`,
    );
    // The last message the citizen sent on this contact point opens WhatsApp's 24-hour free-text window.
    await q.query(`ALTER TABLE contact_point ADD COLUMN last_inbound_at timestamptz`);
    // A provider told us the recipient opted out (Twilio 21610, Telegram 403, Meta 131050, DND): never again.
    await q.query(`ALTER TABLE contact_point ADD COLUMN opted_out_at timestamptz`);
    await q.query(`ALTER TABLE delivery ADD COLUMN delivered_at timestamptz`);
    await q.query(`ALTER TABLE delivery ADD COLUMN read_at timestamptz`);
    // Per-channel forms of a broadcast: the WhatsApp template for closed windows, the SMS DLT template id.
    await q.query(`ALTER TABLE broadcast ADD COLUMN forms jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delivery DROP COLUMN next_attempt_at, DROP COLUMN delivered_at, DROP COLUMN read_at`);
    await q.query(`DROP INDEX IF EXISTS delivery_provider_idx`);
    await q.query(
      `CREATE INDEX IF NOT EXISTS delivery_pending_idx ON delivery (broadcast_id) WHERE status = 'pending'`,
    );
    await q.query(`ALTER TABLE contact_point DROP COLUMN last_inbound_at, DROP COLUMN opted_out_at`);
    await q.query(`ALTER TABLE broadcast DROP COLUMN forms`);
  }
}
