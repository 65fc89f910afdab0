import { MigrationInterface, QueryRunner } from 'typeorm';

/** Broadcast control: approval, priority, schedule, pause and cancel, parallel dispatch buckets, content rules. */
export class Broadcast1764700000000 implements MigrationInterface {
  name = 'Broadcast1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE broadcast
      ADD COLUMN priority smallint NOT NULL DEFAULT 3,
      ADD COLUMN scheduled_at timestamptz,
      ADD COLUMN buckets smallint NOT NULL DEFAULT 1,
      ADD COLUMN needs_approval boolean NOT NULL DEFAULT false,
      ADD COLUMN approved_by uuid REFERENCES officer(id),
      ADD COLUMN approved_at timestamptz,
      ADD COLUMN approval_note text,
      ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE INDEX broadcast_scheduled_idx ON broadcast (scheduled_at) WHERE status = 'scheduled'`);
    // A delivery belongs to one of the broadcast's buckets; each bucket is one dispatch message, so several
    // dispatchers (one per Kafka partition) work one broadcast in parallel.
    await q.query(`ALTER TABLE delivery ADD COLUMN bucket smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE delivery DROP CONSTRAINT delivery_status_check`);
    await q.query(`ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
      CHECK (status IN ('pending','sending','sent','delivered','read','failed','cancelled'))`);
    await q.query(`DROP INDEX delivery_pending_idx`);
    await q.query(
      `CREATE INDEX delivery_pending_idx ON delivery (broadcast_id, bucket, next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE content_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('blocked_term', 'blocked_link_domain', 'allowed_link_domain')),
        pattern text NOT NULL,
        reason text NOT NULL,
        created_by uuid REFERENCES officer(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (kind, pattern)
      )`);
    // The police are held to the standard the 2018 groups lacked: no party politics, no commerce.
    const rules: [string, string, string][] = [
      ['blocked_term', 'bjp', 'party name / राजनीतिक दल का नाम'],
      ['blocked_term', 'भाजपा', 'party name / राजनीतिक दल का नाम'],
      ['blocked_term', 'jdu', 'party name / राजनीतिक दल का नाम'],
      ['blocked_term', 'जदयू', 'party name / राजनीतिक दल का नाम'],
      ['blocked_term', 'rjd', 'party name / राजनीतिक दल का नाम'],
      ['blocked_term', 'राजद', 'party name / राजनीतिक दल का नाम'],
      ['blocked_term', 'congress', 'party name / राजनीतिक दल का नाम'],
      ['blocked_term', 'कांग्रेस', 'party name / राजनीतिक दल का नाम'],
      ['blocked_term', 'vote for', 'election appeal / चुनावी अपील'],
      ['blocked_term', 'वोट दें', 'election appeal / चुनावी अपील'],
      ['blocked_term', 'जिंदाबाद', 'slogan / नारा'],
      ['blocked_term', 'zindabad', 'slogan / नारा'],
      ['blocked_term', 'discount', 'advertising / विज्ञापन'],
      ['blocked_term', 'offer', 'advertising / विज्ञापन'],
      ['blocked_term', 'ऑफर', 'advertising / विज्ञापन'],
      ['allowed_link_domain', 'gov.in', 'government site'],
      ['allowed_link_domain', 'nic.in', 'government site'],
      ['allowed_link_domain', 'cybercrime.gov.in', 'national cyber crime portal'],
    ];
    for (const [kind, pattern, reason] of rules) {
      await q.query(`INSERT INTO content_rule (kind, pattern, reason) VALUES ($1, $2, $3)`, [kind, pattern, reason]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE content_rule`);
    await q.query(`DROP INDEX delivery_pending_idx`);
    await q.query(
      `CREATE INDEX delivery_pending_idx ON delivery (broadcast_id, next_attempt_at) WHERE status = 'pending'`,
    );
    await q.query(`ALTER TABLE delivery DROP CONSTRAINT delivery_status_check`);
    await q.query(`ALTER TABLE delivery ADD CONSTRAINT delivery_status_check
      CHECK (status IN ('pending','sending','sent','delivered','read','failed'))`);
    await q.query(`ALTER TABLE delivery DROP COLUMN bucket`);
    await q.query(`DROP INDEX broadcast_scheduled_idx`);
    await q.query(`ALTER TABLE broadcast DROP COLUMN priority, DROP COLUMN scheduled_at, DROP COLUMN buckets,
      DROP COLUMN needs_approval, DROP COLUMN approved_by, DROP COLUMN approved_at, DROP COLUMN approval_note,
      DROP COLUMN status_changed_at`);
  }
}
