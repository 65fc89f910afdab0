import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-sender data keys (envelope encryption, DataKeys): everything a citizen sent or is sent is sealed under one,
 * and ERASE deletes it (crypto-shredding). `subject` is the sender's blind index (contact_point.address_hash);
 * ephemeral keys have none and expire. Retention marks what the transport tables purge.
 */
export class CitizenKeys1765400000000 implements MigrationInterface {
  name = 'CitizenKeys1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE citizen_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject text UNIQUE,
        -- the 32-byte data key sealed by the master key ("<master key id>:iv:tag:data"); rotation re-wraps it
        wrapped text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz
      )`);
    await q.query(`CREATE INDEX citizen_key_expiry_idx ON citizen_key (expires_at) WHERE expires_at IS NOT NULL`);
    // The retention purge reads these by age.
    await q.query(`CREATE INDEX outbox_published_idx ON outbox_message (published_at) WHERE published_at IS NOT NULL`);
    await q.query(`CREATE INDEX processed_message_age_idx ON processed_message (processed_at)`);
    await q.query(`CREATE INDEX inbound_receipt_age_idx ON inbound_receipt (received_at)`);
    // A finished broadcast keeps its outcome here once its delivery rows are purged.
    await q.query(`ALTER TABLE broadcast ADD COLUMN delivery_summary jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE broadcast DROP COLUMN delivery_summary`);
    await q.query(`DROP INDEX inbound_receipt_age_idx`);
    await q.query(`DROP INDEX processed_message_age_idx`);
    await q.query(`DROP INDEX outbox_published_idx`);
    await q.query(`DROP TABLE citizen_key`);
  }
}
