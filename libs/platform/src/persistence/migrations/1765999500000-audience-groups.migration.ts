import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A streamed broadcast's groups, resolved once at its first slice (issue #16): each slice joins membership to this
 * set instead of carrying 45,000 group ids as an array constant, which PostgreSQL planned anew for every slice
 * (87 ms of planning for 3 ms of work). Forgotten when the last slice is materialised or the broadcast cancelled.
 */
export class AudienceGroups1765999500000 implements MigrationInterface {
  name = 'AudienceGroups1765999500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE broadcast_audience_group (
        broadcast_id uuid NOT NULL REFERENCES broadcast(id) ON DELETE CASCADE,
        group_id uuid NOT NULL,
        PRIMARY KEY (broadcast_id, group_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS broadcast_audience_group`);
  }
}
