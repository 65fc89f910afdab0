import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts for urgent cases: officers' own messenger addresses per jurisdiction node (sealed, a mask to show), and
 * one alert row per urgent case with the level it has reached and when it escalates next, until acknowledged.
 */
export class Alerts1765800000000 implements MigrationInterface {
  name = 'Alerts1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert_contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        jurisdiction_path text NOT NULL,
        channel text NOT NULL,
        address_ciphertext text NOT NULL,
        address_mask text NOT NULL,
        address_hash text NOT NULL,
        label text NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (jurisdiction_path, address_hash)
      )`);
    await q.query(`
      CREATE TABLE case_alert (
        case_id uuid PRIMARY KEY,
        case_number int NOT NULL,
        pseudonym text NOT NULL,
        jurisdiction_path text NOT NULL,
        -- 0 the station, 1 its subdivision, 2 its district
        level int NOT NULL DEFAULT 0,
        alerted_at timestamptz NOT NULL,
        escalate_at timestamptz,
        acknowledged_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX case_alert_due ON case_alert (escalate_at) WHERE acknowledged_at IS NULL AND escalate_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_alert`);
    await q.query(`DROP TABLE alert_contact`);
  }
}
