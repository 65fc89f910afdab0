import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retraining the inbox classifier from officers' corrections (issue #18): each accepted version lists the
 * corrections it was trained on (their texts stay sealed on the cases: an erased citizen's text drops out of the
 * next start's training) with its score and the running model's on the frozen evaluation set.
 */
export class ClassifierVersions1765999300000 implements MigrationInterface {
  name = 'ClassifierVersions1765999300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE classifier_version (
        id serial PRIMARY KEY,
        corrections uuid[] NOT NULL,
        score jsonb NOT NULL,
        replaced_score jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE classifier_version`);
  }
}
