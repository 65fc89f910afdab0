import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The auditors' store grows what auditors search by, and retention: columns generated from the stored event (so a
 * replay of the topic rebuilds them exactly), keyset and filter indexes, retention settings and legal holds, and
 * the purge function, which is the only path the append-only trigger lets a DELETE through.
 */
export class Audit1764500000000 implements MigrationInterface {
  name = 'Audit1764500000000';

  async up(q: QueryRunner): Promise<void> {
    // When a chain last moved: verification tells a store that lags from one whose newest events were removed.
    await q.query(`ALTER TABLE audit_chain ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);

    // The distinct strings found at any of the JSON paths; immutable, so generated columns may use it.
    await q.query(`
      CREATE FUNCTION audit_strings(e jsonb, VARIADIC paths jsonpath[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(DISTINCT v #>> '{}' ORDER BY v #>> '{}'), '{}')
          FROM unnest(paths) AS p, jsonb_path_query(e, p) AS v
         WHERE jsonb_typeof(v) = 'string'
      $$`);
    // The words the police sent, whatever the shape of body.content (one text, or one text per language).
    await q.query(`
      CREATE FUNCTION audit_content_text(e jsonb) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE jsonb_typeof(e #> '{body,content}')
                 WHEN 'string' THEN e #>> '{body,content}'
                 WHEN 'object' THEN (SELECT string_agg(value, E'\\n' ORDER BY key) FROM jsonb_each_text(e #> '{body,content}'))
               END
      $$`);
    await q.query(`
      ALTER TABLE audit_event
        ADD COLUMN category text GENERATED ALWAYS AS (event #>> '{body,category}') STORED,
        ADD COLUMN channels text[] GENERATED ALWAYS AS
          (audit_strings(event, '$.body.channel', '$.body.outcomes[*].channel')) STORED,
        ADD COLUMN group_ids text[] GENERATED ALWAYS AS
          (audit_strings(event, '$.subject.groupId', '$.subject.groupIds[*]')) STORED,
        ADD COLUMN pseudonyms text[] GENERATED ALWAYS AS
          (audit_strings(event, '$.subject.pseudonym', '$.subject.pseudonyms[*]', '$.body.outcomes[*].pseudonym')) STORED`);

    // Searches page by (occurred_at, id); the subtree index (path, occurred_at) comes from the foundation.
    await q.query(`DROP INDEX audit_event_time_idx`);
    await q.query(`CREATE INDEX audit_event_time_idx ON audit_event (occurred_at, id)`);
    await q.query(
      `CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at) WHERE actor_id IS NOT NULL`,
    );
    await q.query(`CREATE INDEX audit_event_type_idx ON audit_event (type, occurred_at)`);
    await q.query(`CREATE INDEX audit_event_channels_idx ON audit_event USING gin (channels)`);
    await q.query(`CREATE INDEX audit_event_group_ids_idx ON audit_event USING gin (group_ids)`);
    await q.query(`CREATE INDEX audit_event_pseudonyms_idx ON audit_event USING gin (pseudonyms)`);

    // One row: how long the store keeps events (null: for ever), and who set it last.
    await q.query(`
      CREATE TABLE audit_settings (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        retention_days integer CHECK (retention_days IS NULL OR retention_days >= 30),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid
      )`);
    await q.query(`INSERT INTO audit_settings (id, retention_days) VALUES (true, NULL)`);
    // A hold keeps events from any purge until released: a jurisdiction subtree, one chain, one citizen, or all.
    await q.query(`
      CREATE TABLE audit_legal_hold (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        jurisdiction_path text,
        chain_id text,
        pseudonym text,
        reason text NOT NULL,
        placed_by uuid NOT NULL,
        placed_at timestamptz NOT NULL DEFAULT now(),
        released_at timestamptz,
        released_by uuid,
        release_reason text,
        CHECK (num_nonnulls(jurisdiction_path, chain_id, pseudonym) <= 1)
      )`);
    await q.query(`CREATE INDEX audit_legal_hold_active_idx ON audit_legal_hold (placed_at) WHERE released_at IS NULL`);
    // How far each chain was purged: a replay of the topic must not bring purged events back.
    await q.query(`
      CREATE TABLE audit_purge_mark (
        chain_id text PRIMARY KEY,
        through_seq bigint NOT NULL,
        through_hash text NOT NULL,
        purged_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The retention rule for one stored event. The record of purges itself is never purged.
    await q.query(`
      CREATE FUNCTION audit_event_purgeable(e audit_event) RETURNS boolean
      LANGUAGE sql STABLE AS $$
        SELECT e.type <> 'audit.purged'
           AND s.retention_days IS NOT NULL
           AND e.occurred_at < now() - make_interval(days => s.retention_days)
           AND NOT EXISTS (
                 SELECT 1 FROM audit_legal_hold h
                  WHERE h.released_at IS NULL
                    AND (num_nonnulls(h.jurisdiction_path, h.chain_id, h.pseudonym) = 0
                         OR e.jurisdiction_path LIKE h.jurisdiction_path || '%'
                         OR e.chain_id = h.chain_id
                         OR e.pseudonyms @> ARRAY[h.pseudonym]))
          FROM audit_settings s
      $$`);
    // UPDATE and TRUNCATE are always refused; DELETE only inside audit_purge() and only for a purgeable event.
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' AND current_setting('jansetu.audit_purge', true) = 'on' AND audit_event_purgeable(OLD) THEN
          RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
      END $$`);
    // Purges whole prefixes of chains (never a middle, so what remains still verifies from the last purged hash),
    // at most p_max_chains chains a call; returns, per chain, the last purged event for the audit.purged record.
    await q.query(`
      CREATE FUNCTION audit_purge(p_max_chains integer DEFAULT 500)
      RETURNS TABLE (chain_id text, through_seq bigint, through_hash text, purged bigint)
      LANGUAGE plpgsql AS $$
      DECLARE
        retention integer;
      BEGIN
        SELECT s.retention_days INTO retention FROM audit_settings s;
        IF retention IS NULL THEN
          RETURN;
        END IF;
        PERFORM set_config('jansetu.audit_purge', 'on', true);
        RETURN QUERY
        WITH heads AS (
          -- chains whose first remaining event may go
          SELECT e.chain_id FROM audit_event e
           WHERE e.occurred_at < now() - make_interval(days => retention)
             AND audit_event_purgeable(e)
             AND NOT EXISTS (SELECT 1 FROM audit_event p WHERE p.chain_id = e.chain_id AND p.chain_seq < e.chain_seq)
           ORDER BY e.chain_id
           LIMIT p_max_chains),
        bounds AS (
          -- the first event each chain must keep; everything before it goes
          SELECT h.chain_id,
                 (SELECT min(k.chain_seq) FROM audit_event k
                   WHERE k.chain_id = h.chain_id AND NOT audit_event_purgeable(k)) AS keep_from
            FROM heads h),
        gone AS (
          DELETE FROM audit_event d USING bounds b
           WHERE d.chain_id = b.chain_id AND (b.keep_from IS NULL OR d.chain_seq < b.keep_from)
          RETURNING d.chain_id, d.chain_seq, d.hash),
        summary AS (
          SELECT g.chain_id, max(g.chain_seq) AS through_seq, count(*) AS purged,
                 (array_agg(g.hash ORDER BY g.chain_seq DESC))[1] AS through_hash
            FROM gone g GROUP BY g.chain_id),
        marked AS (
          INSERT INTO audit_purge_mark AS m (chain_id, through_seq, through_hash)
          SELECT s.chain_id, s.through_seq, s.through_hash FROM summary s
          ON CONFLICT ON CONSTRAINT audit_purge_mark_pkey DO UPDATE
            SET through_seq = excluded.through_seq, through_hash = excluded.through_hash, purged_at = now()
          RETURNING m.chain_id)
        SELECT s.chain_id, s.through_seq, s.through_hash, s.purged FROM summary s ORDER BY s.chain_id;
        PERFORM set_config('jansetu.audit_purge', 'off', true);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS audit_purge(integer)`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`DROP FUNCTION IF EXISTS audit_event_purgeable(audit_event)`);
    await q.query(`DROP TABLE IF EXISTS audit_purge_mark, audit_legal_hold, audit_settings`);
    for (const i of ['pseudonyms', 'group_ids', 'channels', 'type', 'actor', 'time']) {
      await q.query(`DROP INDEX IF EXISTS audit_event_${i}_idx`);
    }
    await q.query(`CREATE INDEX audit_event_time_idx ON audit_event (occurred_at)`);
    await q.query(
      `ALTER TABLE audit_event DROP COLUMN category, DROP COLUMN channels, DROP COLUMN group_ids, DROP COLUMN pseudonyms`,
    );
    await q.query(`DROP FUNCTION IF EXISTS audit_content_text(jsonb)`);
    await q.query(`DROP FUNCTION IF EXISTS audit_strings(jsonb, jsonpath[])`);
    await q.query(`ALTER TABLE audit_chain DROP COLUMN updated_at`);
  }
}
