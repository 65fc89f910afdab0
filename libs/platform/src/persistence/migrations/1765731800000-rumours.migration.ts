import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rumour verification and early warning: every broadcast gets a verification code and the MinHash signatures of
 * its text (the broadcast context's columns); the rumours context keeps the rumours the police marked, the clusters
 * of forwarded texts and one report per forwarded message. A report holds no sender identity: a keyed tag per
 * cluster (distinct senders are counted, never followed across clusters) and the text sealed under the sender's
 * data key, so ERASE shreds it.
 */
export class Rumours1765731800000 implements MigrationInterface {
  name = 'Rumours1765731800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE broadcast ADD COLUMN verification_code text, ADD COLUMN fingerprints jsonb`);
    await q.query(`CREATE UNIQUE INDEX broadcast_verification_code ON broadcast (verification_code)`);
    await q.query(`
      CREATE TABLE rumour_cluster (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- MinHash signature of the first text (unsigned 32-bit integers)
        signature jsonb NOT NULL,
        first_seen_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rumour_cluster_last_seen ON rumour_cluster (last_seen_at)`);
    await q.query(`
      CREATE TABLE rumour (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- whose rumour it is to manage; null = state-wide (HQ)
        jurisdiction_path text,
        sample text NOT NULL,
        signature jsonb NOT NULL,
        rebuttal jsonb NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        cluster_id uuid REFERENCES rumour_cluster (id),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        closed_by uuid,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX rumour_open ON rumour (status, created_at)`);
    await q.query(`
      CREATE TABLE rumour_report (
        -- the inbound bus message id: one report per message, however often it is delivered
        message_id text PRIMARY KEY,
        cluster_id uuid NOT NULL REFERENCES rumour_cluster (id),
        -- where it was reported (the inbox it was filed in, or the member's group), and its district; null = unknown
        jurisdiction_path text,
        district_path text,
        -- keyed hash of the sender scoped to the cluster: counts distinct senders, links nothing across clusters
        sender_tag text NOT NULL,
        verdict text NOT NULL,
        text_sealed text NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX rumour_report_cluster ON rumour_report (cluster_id, received_at)`);
    await q.query(`CREATE INDEX rumour_report_district ON rumour_report (district_path, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS rumour_report`);
    await q.query(`DROP TABLE IF EXISTS rumour`);
    await q.query(`DROP TABLE IF EXISTS rumour_cluster`);
    await q.query(`ALTER TABLE broadcast DROP COLUMN IF EXISTS verification_code, DROP COLUMN IF EXISTS fingerprints`);
  }
}
