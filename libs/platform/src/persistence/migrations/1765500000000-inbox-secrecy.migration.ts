import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Informant secrecy (issue #14): the anonymous case's link sealed for HQ, per-hour anonymous rate counters,
 * two-person reveal requests and their views, LINK guess counters, masks of at most two digits, and no urgent case
 * left in a filtered queue.
 */
export class InboxSecrecy1765500000000 implements MigrationInterface {
  name = 'InboxSecrecy1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE inbox_case
        -- anonymous cases: {citizenId, contactPointId, channel, address} sealed to the HQ reveal public key
        ADD COLUMN reveal_sealed text,
        -- anonymous cases of a member: keyed hash of the citizen id, so ERASE finds them; null after erasure
        ADD COLUMN erase_tag text`);
    await q.query(`CREATE INDEX inbox_case_erase_tag_idx ON inbox_case (erase_tag) WHERE erase_tag IS NOT NULL`);
    // Emergencies are never hidden; anonymous cases keep no key shared with any other case of the sender.
    await q.query(`UPDATE inbox_case SET queue = 'main' WHERE urgent AND queue = 'filtered'`);
    await q.query(`UPDATE inbox_case SET sender_key = 'anon:' || gen_random_uuid() WHERE anonymous`);
    await q.query(`
      CREATE TABLE inbox_anon_rate (
        -- keyed hash of (hour, inbox, sender): unlinkable from one hour to the next and from named cases
        rate_key text NOT NULL,
        hour timestamptz NOT NULL,
        n int NOT NULL DEFAULT 1,
        PRIMARY KEY (rate_key, hour)
      )`);
    await q.query(`CREATE INDEX inbox_anon_rate_hour_idx ON inbox_anon_rate (hour)`);
    await q.query(`
      CREATE TABLE inbox_reveal_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES inbox_case(id),
        requested_by uuid NOT NULL REFERENCES officer(id),
        reason text NOT NULL,
        -- the case or FIR number the reason cites, as written
        reference text NOT NULL,
        status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested','approved','refused','expired')),
        decided_by uuid REFERENCES officer(id),
        decision_note text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        decided_at timestamptz,
        view_until timestamptz,
        -- anonymous cases: the link opened by the approver's HQ key, sealed for the view window only
        revealed_sealed text,
        CHECK (decided_by IS NULL OR decided_by <> requested_by)
      )`);
    await q.query(`CREATE INDEX inbox_reveal_request_case_idx ON inbox_reveal_request (case_id, requested_by)`);
    await q.query(`CREATE INDEX inbox_reveal_request_by_idx ON inbox_reveal_request (requested_by, requested_at)`);
    await q.query(`
      CREATE TABLE inbox_reveal_view (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL REFERENCES inbox_reveal_request(id),
        officer_id uuid NOT NULL REFERENCES officer(id),
        viewed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX inbox_reveal_view_request_idx ON inbox_reveal_view (request_id)`);
    await q.query(`
      CREATE TABLE link_code_attempt (
        channel text NOT NULL,
        address_hash text NOT NULL,
        window_start timestamptz NOT NULL,
        failures int NOT NULL DEFAULT 0,
        PRIMARY KEY (channel, address_hash, window_start)
      )`);
    // At most the last two digits of a number, nothing of a Telegram chat id.
    await q.query(`
      UPDATE contact_point SET address_masked = CASE
        WHEN channel = 'telegram' OR address_masked IS NULL THEN '•••'
        ELSE '••••••••' || right(regexp_replace(address_masked, '[^0-9]', '', 'g'), 2) END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS link_code_attempt`);
    await q.query(`DROP TABLE IF EXISTS inbox_reveal_view`);
    await q.query(`DROP TABLE IF EXISTS inbox_reveal_request`);
    await q.query(`DROP TABLE IF EXISTS inbox_anon_rate`);
    await q.query(`ALTER TABLE inbox_case DROP COLUMN IF EXISTS erase_tag, DROP COLUMN IF EXISTS reveal_sealed`);
  }
}
