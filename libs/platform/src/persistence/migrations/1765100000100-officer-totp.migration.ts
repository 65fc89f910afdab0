import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TOTP second factor: the secret sealed with the field cipher (AES-256-GCM, like contact addresses), the last time
 * step accepted (a code works once), and one-time recovery codes kept as SHA-256 hashes.
 */
export class OfficerTotp1765100000100 implements MigrationInterface {
  name = 'OfficerTotp1765100000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE officer
        ADD COLUMN totp_secret_sealed text,
        ADD COLUMN totp_pending_sealed text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint
    `);
    await q.query(`
      CREATE TABLE officer_recovery_code (
        officer_id uuid NOT NULL REFERENCES officer(id),
        code_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        PRIMARY KEY (officer_id, code_hash)
      )
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE officer_recovery_code`);
    await q.query(`
      ALTER TABLE officer DROP COLUMN totp_secret_sealed, DROP COLUMN totp_pending_sealed,
        DROP COLUMN totp_enabled_at, DROP COLUMN totp_last_step
    `);
  }
}
