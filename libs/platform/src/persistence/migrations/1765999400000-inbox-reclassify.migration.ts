import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officers' corrections both ways (issue #18): a case re-filed as spam, an advert, political or abusive goes to the
 * filtered queue, and that correction is training data like a move to the main queue.
 */
export class InboxReclassify1765999400000 implements MigrationInterface {
  name = 'InboxReclassify1765999400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbox_correction DROP CONSTRAINT inbox_correction_corrected_queue_check`);
    await q.query(
      `ALTER TABLE inbox_correction ADD CONSTRAINT inbox_correction_corrected_queue_check
         CHECK (corrected_queue IN ('main', 'filtered'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM inbox_correction WHERE corrected_queue = 'filtered'`);
    await q.query(`ALTER TABLE inbox_correction DROP CONSTRAINT inbox_correction_corrected_queue_check`);
    await q.query(
      `ALTER TABLE inbox_correction ADD CONSTRAINT inbox_correction_corrected_queue_check CHECK (corrected_queue IN ('main'))`,
    );
  }
}
