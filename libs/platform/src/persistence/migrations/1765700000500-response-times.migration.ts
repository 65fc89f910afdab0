import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a case was first answered or moved on from `new` (acknowledged, started, replied to or closed): what a
 * station's time-to-acknowledge is measured from. Cases older than the column keep it null and are not counted.
 */
export class ResponseTimes1765700000500 implements MigrationInterface {
  name = 'ResponseTimes1765700000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_case ADD COLUMN acknowledged_at timestamptz`);
    await q.query(`CREATE INDEX inbox_case_acknowledged_idx ON inbox_case (node_id, acknowledged_at)
                   WHERE acknowledged_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_case DROP COLUMN acknowledged_at`);
  }
}
