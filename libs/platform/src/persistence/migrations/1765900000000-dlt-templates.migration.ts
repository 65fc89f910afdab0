import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The DLT content templates this deployment registered (owned by channels): each SMS goes under the one whose text it
 * matches. Loaded from the operator's DLT_TEMPLATES_FILE at start-up, so a process without the file sends under them too.
 */
export class DltTemplates1765900000000 implements MigrationInterface {
  name = 'DltTemplates1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dlt_template (
        id text PRIMARY KEY,
        text text NOT NULL,
        language text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('automatic', 'officer-reply', 'broadcast')),
        key text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dlt_template`);
  }
}
