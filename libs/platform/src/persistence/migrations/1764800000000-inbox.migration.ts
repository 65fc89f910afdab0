import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tip inbox: citizens' messages as cases of a station (or district/state) inbox, under a pseudonym per citizen
 * per station; officers' notes; muted senders. An anonymous case (ANON / गुप्त) keeps no citizen_id or
 * contact_point_id: its link to the sender is sealed under a key of its own (sender_sealed).
 */
export class Inbox1764800000000 implements MigrationInterface {
  name = 'Inbox1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE inbox_case_number_seq START 1001`);
    await q.query(`
      CREATE TABLE inbox_case (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_number bigint NOT NULL UNIQUE DEFAULT nextval('inbox_case_number_seq'),
        -- the bus message the case came from: filing is idempotent on it
        message_id uuid NOT NULL UNIQUE,
        node_id uuid NOT NULL REFERENCES jurisdiction_node(id),
        jurisdiction_path text NOT NULL,
        -- members' named cases only; null for anonymous cases, non-members and after erasure
        citizen_id uuid REFERENCES citizen(id),
        contact_point_id uuid REFERENCES contact_point(id),
        -- anonymous cases and non-members: {citizenId, contactPointId, channel, address} sealed (AES-GCM, own key)
        sender_sealed text,
        -- keyed hash of the sender for rate limits and mutes; never reversible to an address
        sender_key text NOT NULL,
        pseudonym text NOT NULL,
        anonymous boolean NOT NULL DEFAULT false,
        member boolean NOT NULL,
        channel text NOT NULL,
        text text NOT NULL,
        label text NOT NULL CHECK (label IN ('tip','complaint','emergency','rumour','greeting','political','spam','abuse')),
        classified_by text NOT NULL,
        confidence real NOT NULL,
        queue text NOT NULL CHECK (queue IN ('main','filtered')),
        filter_reason text,
        urgent boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new','acknowledged','in_progress','closed')),
        assigned_officer_id uuid REFERENCES officer(id),
        received_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX inbox_case_queue_idx ON inbox_case (jurisdiction_path text_pattern_ops, queue, status, created_at)`,
    );
    await q.query(`CREATE INDEX inbox_case_sender_idx ON inbox_case (sender_key, created_at)`);
    await q.query(`CREATE INDEX inbox_case_citizen_idx ON inbox_case (citizen_id)`);
    await q.query(`
      CREATE TABLE inbox_note (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES inbox_case(id),
        officer_id uuid NOT NULL REFERENCES officer(id),
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inbox_note_case_idx ON inbox_note (case_id, created_at)`);
    await q.query(`
      CREATE TABLE inbox_mute (
        sender_key text NOT NULL,
        node_id uuid NOT NULL REFERENCES jurisdiction_node(id),
        muted_by uuid NOT NULL REFERENCES officer(id),
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sender_key, node_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS inbox_mute`);
    await q.query(`DROP TABLE IF EXISTS inbox_note`);
    await q.query(`DROP TABLE IF EXISTS inbox_case`);
    await q.query(`DROP SEQUENCE IF EXISTS inbox_case_number_seq`);
  }
}
