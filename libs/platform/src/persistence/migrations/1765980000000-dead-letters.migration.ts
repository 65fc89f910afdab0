import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bus messages a consumer group could not handle after repeated attempts, parked so the rest of the partition (or
 * topic) moves on. One row per consumer group and message; `replayed_at` is set when an operator re-publishes it.
 */
export class DeadLetters1765980000000 implements MigrationInterface {
  name = 'DeadLetters1765980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE dead_letter (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        topic text NOT NULL,
        message_id text NOT NULL,
        key text NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL,
        attempts int NOT NULL,
        error text NOT NULL,
        first_failed_at timestamptz NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz,
        UNIQUE (consumer, message_id)
      )`);
    await q.query(`CREATE INDEX dead_letter_waiting ON dead_letter (parked_at) WHERE replayed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dead_letter`);
  }
}
