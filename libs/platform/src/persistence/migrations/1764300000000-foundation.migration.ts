import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema: jurisdictions, officers, membership, broadcasts and deliveries, the transactional outbox,
 * the embedded bus, consumer dedupe, and the append-only audit store.
 */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE jurisdiction_node (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        parent_id uuid REFERENCES jurisdiction_node(id),
        level text NOT NULL CHECK (level IN ('state','district','subdivision','station','locality')),
        name_en text NOT NULL,
        name_hi text NOT NULL,
        -- materialised path of ids: '/<root>/<child>/.../<self>/'; a subtree is a prefix match on an index
        path text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX jurisdiction_node_path_idx ON jurisdiction_node (path text_pattern_ops)`);
    await q.query(`CREATE INDEX jurisdiction_node_parent_idx ON jurisdiction_node (parent_id)`);

    await q.query(`
      CREATE TABLE officer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('hq_admin','district_admin','subdivision_officer','station_officer','auditor')),
        -- null only for state-wide roles (an HQ admin or a state auditor)
        jurisdiction_node_id uuid REFERENCES jurisdiction_node(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE citizen (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        pseudonym text NOT NULL UNIQUE,
        language text NOT NULL DEFAULT 'hi',
        opted_out_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE contact_point (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        citizen_id uuid NOT NULL REFERENCES citizen(id),
        channel text NOT NULL,
        address_ciphertext text NOT NULL,
        address_hash text NOT NULL,
        address_masked text NOT NULL,
        preferred boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (channel, address_hash)
      )`);
    await q.query(`CREATE INDEX contact_point_citizen_idx ON contact_point (citizen_id)`);
    await q.query(`
      CREATE TABLE citizen_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        jurisdiction_node_id uuid NOT NULL REFERENCES jurisdiction_node(id),
        name text NOT NULL,
        language text NOT NULL DEFAULT 'hi',
        join_code text NOT NULL UNIQUE,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open','closed')),
        created_by uuid REFERENCES officer(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX citizen_group_node_idx ON citizen_group (jurisdiction_node_id)`);
    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        group_id uuid NOT NULL REFERENCES citizen_group(id),
        citizen_id uuid NOT NULL REFERENCES citizen(id),
        status text NOT NULL CHECK (status IN ('active','left')),
        consent jsonb NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        left_at timestamptz,
        UNIQUE (group_id, citizen_id)
      )`);
    await q.query(`CREATE INDEX membership_citizen_idx ON membership (citizen_id)`);

    await q.query(`
      CREATE TABLE broadcast (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        author_id uuid NOT NULL REFERENCES officer(id),
        category text NOT NULL,
        body jsonb NOT NULL,
        audience jsonb NOT NULL,
        -- deepest jurisdiction containing the whole audience; auditors are scoped by it
        jurisdiction_path text,
        status text NOT NULL,
        recipient_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        broadcast_id uuid NOT NULL REFERENCES broadcast(id),
        citizen_id uuid NOT NULL REFERENCES citizen(id),
        contact_point_id uuid NOT NULL REFERENCES contact_point(id),
        channel text NOT NULL,
        language text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','sending','sent','delivered','read','failed')),
        provider_message_id text,
        failure text,
        attempts integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (broadcast_id, citizen_id)
      )`);
    await q.query(`CREATE INDEX delivery_pending_idx ON delivery (broadcast_id) WHERE status = 'pending'`);

    // Transactional outbox: written in the same transaction as the state change, published by the relay.
    await q.query(`
      CREATE TABLE outbox_message (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        topic text NOT NULL,
        key text NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox_message (seq) WHERE published_at IS NULL`);

    // Embedded bus: a durable log per topic with committed offsets per consumer group.
    await q.query(`
      CREATE TABLE bus_message (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL,
        topic text NOT NULL,
        key text NOT NULL,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX bus_message_topic_idx ON bus_message (topic, seq)`);
    await q.query(`
      CREATE TABLE bus_offset (
        group_id text NOT NULL,
        topic text NOT NULL,
        last_seq bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (group_id, topic)
      )`);

    // Consumers are idempotent on the message id: the mark commits with the consumer's own changes.
    await q.query(`
      CREATE TABLE processed_message (
        consumer text NOT NULL,
        message_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
    // Provider retries of a webhook must have no second effect.
    await q.query(`
      CREATE TABLE inbound_receipt (
        channel text NOT NULL,
        provider_message_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel, provider_message_id)
      )`);

    // Audit chains: the head of each chain is locked while an event is appended, so hashes link in order.
    await q.query(`
      CREATE TABLE audit_chain (
        chain_id text PRIMARY KEY,
        seq bigint NOT NULL,
        last_hash text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE audit_event (
        id uuid PRIMARY KEY,
        chain_id text NOT NULL,
        chain_seq bigint NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        actor_role text,
        jurisdiction_path text,
        -- the event exactly as carried on the topic: verification recomputes the hash from it
        event jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (chain_id, chain_seq)
      )`);
    await q.query(`CREATE INDEX audit_event_time_idx ON audit_event (occurred_at)`);
    await q.query(`CREATE INDEX audit_event_path_idx ON audit_event (jurisdiction_path text_pattern_ops, occurred_at)`);
    await q.query(`
      CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);

    // The simulator channel keeps what it "sent" so people and tests can inspect it; addresses stay hashed.
    await q.query(`
      CREATE TABLE simulator_message (
        seq bigserial PRIMARY KEY,
        provider_message_id text NOT NULL UNIQUE,
        address_hash text NOT NULL,
        text text NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX simulator_message_address_idx ON simulator_message (address_hash, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'simulator_message',
      'audit_event',
      'audit_chain',
      'inbound_receipt',
      'processed_message',
      'bus_offset',
      'bus_message',
      'outbox_message',
      'delivery',
      'broadcast',
      'membership',
      'citizen_group',
      'contact_point',
      'citizen',
      'officer',
      'jurisdiction_node',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_event_append_only()`);
  }
}
