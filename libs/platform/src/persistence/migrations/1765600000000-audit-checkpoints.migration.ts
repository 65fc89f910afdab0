import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed checkpoints of the audit chain heads, as the database's own copy (the topic and, in embedded mode, a file
 * beside the database hold the others; the signing key is in none of them). The heads of older checkpoints are
 * dropped once newer ones exist; the signed headers stay, so the checkpoints' own chain can always be checked.
 */
export class AuditCheckpoints1765600000000 implements MigrationInterface {
  name = 'AuditCheckpoints1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_checkpoint (
        sequence bigint PRIMARY KEY,
        created_at timestamptz NOT NULL,
        -- the signed header exactly as signed (SignedCheckpoint)
        checkpoint jsonb NOT NULL,
        -- the heads as JSON text ([[chainId, seq, hash], ...]), null once older than the kept window
        heads text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_checkpoint`);
  }
}
