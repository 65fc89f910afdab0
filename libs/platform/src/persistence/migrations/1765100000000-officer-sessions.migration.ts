import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officer lifecycle and revocable sessions: a session version on the officer (bumped by disable, transfer and a
 * password change, so every access token issued before is refused), a forced password change after an admin reset,
 * and refresh tokens kept server-side as SHA-256 hashes, in families that rotate on use.
 */
export class OfficerSessions1765100000000 implements MigrationInterface {
  name = 'OfficerSessions1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE officer
        ADD COLUMN session_version integer NOT NULL DEFAULT 1,
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        ADD COLUMN password_changed_at timestamptz,
        ADD COLUMN disabled_at timestamptz,
        ADD COLUMN disabled_reason text,
        ADD COLUMN jurisdiction_path text
    `);
    // A copy of the posting's path, so listing the officers of a subtree is a prefix match in identity's own table
    // (kept current by identity's JurisdictionMoved handler, as broadcast and inbox keep theirs).
    await q.query(
      `UPDATE officer o SET jurisdiction_path = n.path FROM jurisdiction_node n WHERE n.id = o.jurisdiction_node_id`,
    );
    await q.query(`CREATE INDEX officer_jurisdiction_path_idx ON officer (jurisdiction_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE officer_session (
        id uuid PRIMARY KEY,
        family_id uuid NOT NULL,
        officer_id uuid NOT NULL REFERENCES officer(id),
        token_hash bytea NOT NULL,
        issued_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        rotated_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text
      )
    `);
    await q.query(`CREATE INDEX officer_session_family_idx ON officer_session (family_id)`);
    await q.query(`CREATE INDEX officer_session_officer_idx ON officer_session (officer_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE officer_session`);
    await q.query(`
      ALTER TABLE officer DROP COLUMN session_version, DROP COLUMN must_change_password,
        DROP COLUMN password_changed_at, DROP COLUMN disabled_at, DROP COLUMN disabled_reason, DROP COLUMN jurisdiction_path
    `);
  }
}
