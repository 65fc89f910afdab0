import { MigrationInterface, QueryRunner } from 'typeorm';

/** Receipts that arrive before the dispatcher has recorded the send they belong to. */
export class Receipts1764900000000 implements MigrationInterface {
  name = 'Receipts1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pending_receipt (
        provider_ref text NOT NULL,
        state text NOT NULL,
        failure text,
        error_code text,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_ref, state)
      )`);
    await q.query(`CREATE INDEX pending_receipt_age_idx ON pending_receipt (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pending_receipt`);
  }
}
