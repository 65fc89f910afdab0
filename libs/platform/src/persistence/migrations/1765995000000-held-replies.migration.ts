import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Replies and automatic texts (the 112 advice, an officer's answer, a STOP confirmation) that could not go out
 * because their provider was down or kept failing: held and sent again with backoff until REPLY_HOLD_MINUTES after
 * the first failure, instead of failing for good after a few seconds. The payload is the queued reply as it was on
 * the bus (a contact point id or a sealed address, never an address in clear).
 */
export class HeldReplies1765995000000 implements MigrationInterface {
  name = 'HeldReplies1765995000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE held_reply (
        message_id text PRIMARY KEY,
        payload jsonb NOT NULL,
        attempts int NOT NULL DEFAULT 1,
        last_failure text NOT NULL,
        first_held_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX held_reply_due_idx ON held_reply (next_attempt_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE held_reply`);
  }
}
