import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photos, voice notes, videos and documents citizens send with a tip, and a shared location. The provider's
 * reference and the location are sealed under the sender's data key; the bytes (metadata stripped from images) are
 * sealed under it too and kept in the blob store (BLOB_STORE, DATA_DIR/media by default), so ERASE shreds them all.
 * `simulator_media` holds what the simulator's citizens attach, as a provider would until it is fetched.
 */
export class InboxMedia1765998000000 implements MigrationInterface {
  name = 'InboxMedia1765998000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inbox_attachment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES inbox_case(id),
        position smallint NOT NULL,
        provider text,
        ref_sealed text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'stored', 'refused', 'failed')),
        failure text,
        attempts int NOT NULL DEFAULT 0,
        kind text,
        mime_type text,
        size_bytes int,
        created_at timestamptz NOT NULL DEFAULT now(),
        stored_at timestamptz,
        UNIQUE (case_id, position)
      )`);
    await q.query(`CREATE INDEX inbox_attachment_pending_idx ON inbox_attachment (case_id) WHERE status = 'pending'`);
    await q.query(`ALTER TABLE inbox_case ADD COLUMN location_sealed text`);
    await q.query(`
      CREATE TABLE simulator_media (
        id text PRIMARY KEY,
        mime_type text NOT NULL,
        bytes bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE simulator_media`);
    await q.query(`ALTER TABLE inbox_case DROP COLUMN location_sealed`);
    await q.query(`DROP TABLE inbox_attachment`);
  }
}
