import { MigrationInterface, QueryRunner } from 'typeorm';

/** Citizens choose among Bihar's languages: Hindi, English, Bhojpuri, Maithili, Magahi and Urdu (LANG …). */
export class CitizenLanguages1765710000000 implements MigrationInterface {
  name = 'CitizenLanguages1765710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE citizen DROP CONSTRAINT IF EXISTS citizen_language_check`);
    await q.query(
      `ALTER TABLE citizen ADD CONSTRAINT citizen_language_check CHECK (language IN ('hi', 'en', 'bho', 'mai', 'mag', 'ur'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE citizen SET language = 'hi' WHERE language NOT IN ('hi', 'en')`);
    await q.query(`ALTER TABLE citizen DROP CONSTRAINT IF EXISTS citizen_language_check`);
    await q.query(`ALTER TABLE citizen ADD CONSTRAINT citizen_language_check CHECK (language IN ('hi', 'en'))`);
  }
}
