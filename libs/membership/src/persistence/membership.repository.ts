import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GroupLine } from '../domain/replies';
import type { AreaMembers, GroupMembers } from '../queries/count-members/count-members.query';

/** A group a citizen is an active member of, as the keyword replies list it. */
export interface ActiveGroup extends GroupLine {
  membershipId: string;
  groupId: string;
  path: string;
}

/** An open or closed group found by its join code, with its jurisdiction's path. */
export interface JoinableGroup {
  id: string;
  name: string;
  status: string;
  path: string;
}

/** Consent or its withdrawal as recorded: when, on which channel, in which words. */
export type ConsentRecord = Record<string, unknown>;

/** Memberships (group × citizen, with consent records). Every method runs in the caller's transaction. */
@Injectable()
export class MembershipRepository {
  async groupByJoinCode(m: EntityManager, code: string): Promise<JoinableGroup | undefined> {
    const [group] = await m.query<JoinableGroup[]>(
      `SELECT g.id, g.name, g.status, n.path
         FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
        WHERE g.join_code = $1`,
      [code],
    );
    return group;
  }

  /** True when the citizen became a member now; a second JOIN changes nothing, a JOIN after leaving renews consent. */
  async join(m: EntityManager, groupId: string, citizenId: string, consent: ConsentRecord): Promise<boolean> {
    const joined = await m.query<{ id: string }[]>(
      `INSERT INTO membership (group_id, citizen_id, status, consent) VALUES ($1, $2, 'active', $3)
       ON CONFLICT (group_id, citizen_id) DO UPDATE
         SET status = 'active', consent = EXCLUDED.consent, left_at = NULL, withdrawal = NULL, joined_at = now()
         WHERE membership.status = 'left'
       RETURNING id`,
      [groupId, citizenId, JSON.stringify(consent)],
    );
    return joined.length > 0;
  }

  async leave(m: EntityManager, membershipId: string, withdrawal: ConsentRecord): Promise<void> {
    await m.query(
      `UPDATE membership SET status = 'left', left_at = now(), withdrawal = $2 WHERE id = $1 AND status = 'active'`,
      [membershipId, JSON.stringify(withdrawal)],
    );
  }

  /** Leaves every active group; returns the groups left. */
  async leaveAll(m: EntityManager, citizenId: string, withdrawal: ConsentRecord): Promise<string[]> {
    const left = await m.query<{ group_id: string }[]>(
      `UPDATE membership SET status = 'left', left_at = now(), withdrawal = $2
        WHERE citizen_id = $1 AND status = 'active' RETURNING group_id`,
      [citizenId, JSON.stringify(withdrawal)],
    );
    return left.map((r) => r.group_id);
  }

  /** Erasure: the memberships and their consent records are deleted; returns the groups they were in. */
  async deleteAll(m: EntityManager, citizenId: string): Promise<string[]> {
    const gone = await m.query<{ group_id: string }[]>(
      `DELETE FROM membership WHERE citizen_id = $1 RETURNING group_id`,
      [citizenId],
    );
    return gone.map((r) => r.group_id);
  }

  async activeGroups(m: EntityManager, citizenId: string): Promise<ActiveGroup[]> {
    return m.query<ActiveGroup[]>(
      `SELECT ms.id AS "membershipId", g.id AS "groupId", g.name, g.join_code AS "joinCode", n.path
         FROM membership ms
         JOIN citizen_group g ON g.id = ms.group_id
         JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
        WHERE ms.citizen_id = $1 AND ms.status = 'active'
        ORDER BY ms.joined_at`,
      [citizenId],
    );
  }

  /** LINK merged two citizens: memberships of `from` move to `into`, renewing ones `into` had left; `from` keeps none. */
  async merge(m: EntityManager, from: string, into: string): Promise<void> {
    await m.query(
      `UPDATE membership SET citizen_id = $2
        WHERE citizen_id = $1 AND group_id NOT IN (SELECT group_id FROM membership WHERE citizen_id = $2)`,
      [from, into],
    );
    await m.query(
      `UPDATE membership a SET status = 'active', consent = x.consent, joined_at = x.joined_at, left_at = NULL,
              withdrawal = NULL
         FROM membership x
        WHERE a.citizen_id = $2 AND x.citizen_id = $1 AND a.group_id = x.group_id
          AND x.status = 'active' AND a.status = 'left'`,
      [from, into],
    );
    await m.query(
      `UPDATE membership SET status = 'left', left_at = coalesce(left_at, now()) WHERE citizen_id = $1 AND status = 'active'`,
      [from],
    );
  }

  /** Open groups under a path (null: all) with active members, joins and leaves since then; most members first. */
  async countByGroup(m: EntityManager, scopePath: string | null, since: Date, limit: number): Promise<GroupMembers[]> {
    return m.query<GroupMembers[]>(
      `SELECT g.id AS "groupId", g.name, n.code AS "jurisdictionCode", n.name_en AS "jurisdictionNameEn",
              n.name_hi AS "jurisdictionNameHi",
              count(ms.id) FILTER (WHERE ms.status = 'active')::int AS members,
              count(ms.id) FILTER (WHERE ms.status = 'active' AND ms.joined_at >= $2)::int AS joined,
              count(ms.id) FILTER (WHERE ms.status = 'left' AND ms.left_at >= $2)::int AS "left"
         FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
         LEFT JOIN membership ms ON ms.group_id = g.id
        WHERE g.status = 'open' AND n.path LIKE coalesce($1, '') || '%'
        GROUP BY g.id, g.name, g.created_at, n.code, n.name_en, n.name_hi
        ORDER BY members DESC, g.created_at LIMIT $3`,
      [scopePath, since, limit],
    );
  }

  /** The same summed per node of that level under the path (a group counts for the node it lies under). */
  async countByArea(
    m: EntityManager,
    scopePath: string | null,
    level: 'station' | 'district',
    since: Date,
  ): Promise<AreaMembers[]> {
    return m.query<AreaMembers[]>(
      `SELECT a.code, a.name_en AS "nameEn", a.name_hi AS "nameHi", a.level, count(DISTINCT g.id)::int AS groups,
              count(ms.id) FILTER (WHERE ms.status = 'active')::int AS members,
              count(ms.id) FILTER (WHERE ms.status = 'active' AND ms.joined_at >= $3)::int AS joined,
              count(ms.id) FILTER (WHERE ms.status = 'left' AND ms.left_at >= $3)::int AS "left"
         FROM jurisdiction_node a
         JOIN jurisdiction_node n ON n.path LIKE a.path || '%'
         JOIN citizen_group g ON g.jurisdiction_node_id = n.id AND g.status = 'open'
         LEFT JOIN membership ms ON ms.group_id = g.id
        WHERE a.level = $2 AND a.path LIKE coalesce($1, '') || '%'
        GROUP BY a.id, a.code, a.name_en, a.name_hi, a.level, a.path
        ORDER BY a.code`,
      [scopePath, level, since],
    );
  }
}
