import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The officers' console (issue #17): a mis-filtered message moved to the main queue is kept as a correction (the
 * classifier's label, queue and confidence as they were, and the officer's verdict), later training data for the
 * classifier; the case keeps its original label. Officers' replies kept per case (the conversation); the live
 * urgent stream polls new emergencies by time.
 */
export class InboxCorrections1765730000000 implements MigrationInterface {
  name = 'InboxCorrections1765730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inbox_correction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- the text stays on the case, sealed under the sender's key: erasure shreds it here too
        case_id uuid NOT NULL REFERENCES inbox_case(id),
        original_label text NOT NULL,
        original_queue text NOT NULL,
        original_classified_by text NOT NULL,
        original_confidence double precision NOT NULL,
        -- 'muted' / 'rate-limited': the sender, not the words, filtered it (no classifier error)
        original_filter_reason text,
        corrected_queue text NOT NULL CHECK (corrected_queue IN ('main')),
        -- what the officer says it is, when they say (tip, complaint, ...)
        corrected_label text,
        officer_id uuid NOT NULL REFERENCES officer(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inbox_correction_case_idx ON inbox_correction (case_id)`);
    await q.query(`CREATE INDEX inbox_case_urgent_recent_idx ON inbox_case (created_at) WHERE urgent`);
    // The officers' answers, so a case reads as a conversation (the audit log keeps them too, as police speech).
    await q.query(`
      CREATE TABLE inbox_reply (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES inbox_case(id),
        officer_id uuid NOT NULL REFERENCES officer(id),
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inbox_reply_case_idx ON inbox_reply (case_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS inbox_reply`);
    await q.query(`DROP INDEX IF EXISTS inbox_case_urgent_recent_idx`);
    await q.query(`DROP TABLE IF EXISTS inbox_correction`);
  }
}
