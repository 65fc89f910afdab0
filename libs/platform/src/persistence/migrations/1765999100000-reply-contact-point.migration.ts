import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A reply's send names the contact point it went to, so a receipt that says the citizen opted out (a DND or NCPR
 * verdict, Twilio 21610, Meta 131050) closes that contact point as a broadcast delivery's does. Null for the
 * automatic texts sent to an address that was never a contact point (a refused JOIN, an ERASE confirmation).
 * `payload` keeps the queued reply (contact point id, never an address) while its receipt may still say "try again"
 * (Twilio 30003, a handset off); it is cleared once delivered, read or failed for good, or after a day (retention).
 * `attempt` counts its sends.
 */
export class ReplyContactPoint1765999100000 implements MigrationInterface {
  name = 'ReplyContactPoint1765999100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reply_send ADD COLUMN contact_point_id uuid`);
    await q.query(`ALTER TABLE reply_send ADD COLUMN payload jsonb`);
    await q.query(`ALTER TABLE reply_send ADD COLUMN attempt int NOT NULL DEFAULT 1`);
    // Retention drops copies kept more than a day: only the few still waiting are indexed.
    await q.query(`CREATE INDEX reply_send_payload_idx ON reply_send (sent_at) WHERE payload IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reply_send DROP COLUMN attempt, DROP COLUMN payload, DROP COLUMN contact_point_id`);
  }
}
