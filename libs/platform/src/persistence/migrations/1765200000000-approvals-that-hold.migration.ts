import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Approvals that hold (issue #13, point 4) and content rules an HQ admin keeps (point 5):
 * - broadcast: the author's jurisdiction and the scope an approver must be strictly above (`approval_path`, the
 *   audience's common node raised to its station); an emergency's mandatory review (deadline, where it sits now,
 *   escalations, the verdict "emergency confirmed" or "not an emergency", by whom, when, why);
 * - delivery: 'capped' (the per-citizen daily cap held it back) as an outcome; two partial indexes so the
 *   dispatcher checks a whole batch against the cap and the WhatsApp daily unique-user limit in one statement
 *   (what each citizen of the batch received in 24 h; which citizens WhatsApp reached in 24 h);
 * - content_rule: retired rather than deleted (who, when), so the history of the rules stays; a pattern is unique
 *   among the rules in force only.
 */
export class ApprovalsThatHold1765200000000 implements MigrationInterface {
  name = 'ApprovalsThatHold1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE broadcast
      ADD COLUMN author_path text,
      ADD COLUMN approval_path text,
      ADD COLUMN review_due_at timestamptz,
      ADD COLUMN review_path text,
      ADD COLUMN review_escalations int NOT NULL DEFAULT 0,
      ADD COLUMN review_verdict text CHECK (review_verdict IN ('emergency_confirmed', 'not_emergency')),
      ADD COLUMN reviewed_by uuid REFERENCES officer(id),
      ADD COLUMN reviewed_at timestamptz,
      ADD COLUMN review_note text`);
    await q.query(
      `CREATE INDEX broadcast_review_due_idx ON broadcast (review_due_at) WHERE review_due_at IS NOT NULL AND review_verdict IS NULL`,
    );
    await q.query(`CREATE INDEX broadcast_author_recent_idx ON broadcast (author_id, created_at)`);
    await q.query(`ALTER TABLE delivery DROP CONSTRAINT delivery_status_check`);
    await q.query(`ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
      CHECK (status IN ('pending','sending','sent','delivered','read','failed','cancelled','capped'))`);
    await q.query(`CREATE INDEX delivery_citizen_recent_idx ON delivery (citizen_id, updated_at)
      WHERE status IN ('sending','sent','delivered','read')`);
    await q.query(`CREATE INDEX delivery_whatsapp_recent_idx ON delivery (updated_at, citizen_id)
      WHERE channel = 'whatsapp' AND status IN ('sending','sent','delivered','read')`);
    await q.query(`ALTER TABLE content_rule
      ADD COLUMN retired_at timestamptz,
      ADD COLUMN retired_by uuid REFERENCES officer(id)`);
    await q.query(`ALTER TABLE content_rule DROP CONSTRAINT content_rule_kind_pattern_key`);
    await q.query(
      `CREATE UNIQUE INDEX content_rule_in_force_key ON content_rule (kind, lower(pattern)) WHERE retired_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX content_rule_in_force_key`);
    await q.query(`DELETE FROM content_rule WHERE retired_at IS NOT NULL`);
    await q.query(`ALTER TABLE content_rule ADD CONSTRAINT content_rule_kind_pattern_key UNIQUE (kind, pattern)`);
    await q.query(`ALTER TABLE content_rule DROP COLUMN retired_at, DROP COLUMN retired_by`);
    await q.query(`DROP INDEX delivery_whatsapp_recent_idx`);
    await q.query(`DROP INDEX delivery_citizen_recent_idx`);
    await q.query(`UPDATE delivery SET status = 'cancelled' WHERE status = 'capped'`);
    await q.query(`ALTER TABLE delivery DROP CONSTRAINT delivery_status_check`);
    await q.query(`ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
      CHECK (status IN ('pending','sending','sent','delivered','read','failed','cancelled'))`);
    await q.query(`DROP INDEX broadcast_author_recent_idx`);
    await q.query(`DROP INDEX broadcast_review_due_idx`);
    await q.query(`ALTER TABLE broadcast DROP COLUMN author_path, DROP COLUMN approval_path, DROP COLUMN review_due_at,
      DROP COLUMN review_path, DROP COLUMN review_escalations, DROP COLUMN review_verdict, DROP COLUMN reviewed_by,
      DROP COLUMN reviewed_at, DROP COLUMN review_note`);
  }
}
