import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Membership in full: group lifecycle (rename, close), withdrawal records next to consent records, one preferred
 * contact point per citizen, one-time codes that link a citizen's contact points across channels.
 */
export class Membership1764600000000 implements MigrationInterface {
  name = 'Membership1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE citizen_group
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN closed_at timestamptz,
      ADD COLUMN closed_by uuid REFERENCES officer(id)`);
    // Leaving is recorded like joining (DPDP Act 2023): when, on which channel, in which words.
    await q.query(`ALTER TABLE membership ADD COLUMN withdrawal jsonb`);
    await q.query(`CREATE INDEX membership_group_active_idx ON membership (group_id) WHERE status = 'active'`);
    await q.query(`ALTER TABLE citizen ADD CONSTRAINT citizen_language_check CHECK (language IN ('hi', 'en'))`);

    // Deliveries go to one contact point per citizen: keep the newest preferred one where older data has several.
    await q.query(`
      UPDATE contact_point cp SET preferred = false
       WHERE cp.preferred AND EXISTS (
         SELECT 1 FROM contact_point o
          WHERE o.citizen_id = cp.citizen_id AND o.preferred AND (o.created_at, o.id) > (cp.created_at, cp.id))`);
    await q.query(`CREATE UNIQUE INDEX contact_point_one_preferred_idx ON contact_point (citizen_id) WHERE preferred`);

    // A code received on one channel and typed on another proves both belong to the same person. Only a keyed
    // hash of the code is kept; it expires within minutes and works once.
    await q.query(`
      CREATE TABLE contact_link_code (
        code_hash text PRIMARY KEY,
        citizen_id uuid NOT NULL REFERENCES citizen(id),
        contact_point_id uuid NOT NULL REFERENCES contact_point(id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX contact_link_code_citizen_idx ON contact_link_code (citizen_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS contact_link_code`);
    await q.query(`DROP INDEX IF EXISTS contact_point_one_preferred_idx`);
    await q.query(`ALTER TABLE citizen DROP CONSTRAINT IF EXISTS citizen_language_check`);
    await q.query(`DROP INDEX IF EXISTS membership_group_active_idx`);
    await q.query(`ALTER TABLE membership DROP COLUMN withdrawal`);
    await q.query(`ALTER TABLE citizen_group DROP COLUMN updated_at, DROP COLUMN closed_at, DROP COLUMN closed_by`);
  }
}
