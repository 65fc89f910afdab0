import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Streaming fan-out: a large broadcast's audience is materialised by the dispatchers, one slice at a time, instead
 * of inside the request that creates it. A slice is a range of citizen ids [lo, hi) (hi null: to the end) whose
 * deliveries go into `bucket`; `materialised_at` and `recipients` are set in the transaction that inserts its
 * deliveries, so a slice is either wholly there or not at all. `broadcast.audience_estimate` is the membership count
 * the slices were cut from (an upper bound of the recipients: a citizen in two groups counts twice).
 * `parked_bucket`: a bucket whose next delivery is due only later (a receipt retry minutes or hours away, a held
 * WhatsApp send) is not worked in a loop meanwhile; the scheduler queues it again at `due_at`.
 */
export class AudienceSlices1765999200000 implements MigrationInterface {
  name = 'AudienceSlices1765999200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE broadcast_slice (
        broadcast_id uuid NOT NULL REFERENCES broadcast(id),
        slice int NOT NULL,
        bucket smallint NOT NULL,
        lo uuid NOT NULL,
        hi uuid,
        recipients int,
        materialised_at timestamptz,
        PRIMARY KEY (broadcast_id, slice)
      )`);
    await q.query(`CREATE INDEX broadcast_slice_open_idx ON broadcast_slice (broadcast_id, bucket, slice)
                     WHERE materialised_at IS NULL`);
    await q.query(`ALTER TABLE broadcast ADD COLUMN audience_estimate int`);
    await q.query(`
      CREATE TABLE parked_bucket (
        broadcast_id uuid NOT NULL REFERENCES broadcast(id),
        bucket smallint NOT NULL,
        due_at timestamptz NOT NULL,
        PRIMARY KEY (broadcast_id, bucket)
      )`);
    await q.query(`CREATE INDEX parked_bucket_due_idx ON parked_bucket (due_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE parked_bucket`);
    await q.query(`ALTER TABLE broadcast DROP COLUMN audience_estimate`);
    await q.query(`DROP TABLE broadcast_slice`);
  }
}
