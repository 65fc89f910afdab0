import { Injectable } from '@nestjs/common';
import { ChannelName } from '@jansetu/channels';
import { DataSource, EntityManager } from 'typeorm';
import { AudienceDefinition } from '../domain/audience';

/**
 * The groups of an audience, as SQL: its open groups named by id, and the open groups attached to each
 * jurisdiction subtree (the node and below, only at `level` when given). `$g`, `$n`, `$l` are the placeholders of
 * `audienceParams`; each group once. The fan-out, the preview and the daily-cap count all read this one definition.
 */
export function audienceGroupsSql(g: number, n: number, l: number): string {
  return `(SELECT id FROM citizen_group WHERE id = ANY($${g}::uuid[]) AND status = 'open'
           UNION
           SELECT grp.id FROM unnest($${n}::uuid[], $${l}::text[]) AS s(node_id, level)
             JOIN jurisdiction_node root ON root.id = s.node_id
             JOIN jurisdiction_node node ON node.path LIKE root.path || '%' AND (s.level IS NULL OR node.level = s.level)
             JOIN citizen_group grp ON grp.jurisdiction_node_id = node.id AND grp.status = 'open')`;
}

/** The three parameters of `audienceGroupsSql`, in its order. */
export function audienceParams(a: AudienceDefinition): [string[], string[], (string | null)[]] {
  return [a.groupIds, a.jurisdictions.map((j) => j.nodeId), a.jurisdictions.map((j) => j.level)];
}

/** Where a reply goes: the channel, the sealed address, and the line (WhatsApp number) the citizen last wrote to. */
export interface ReplyContact {
  channel: ChannelName;
  address_ciphertext: string;
  last_inbound_line?: string | null;
}

/**
 * What broadcast reads of other contexts' tables to reach its audience: groups and their jurisdiction (membership,
 * jurisdiction), and citizens' contact points (membership). Reads only; those contexts own and write these tables.
 */
@Injectable()
export class AudienceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The groups among `groupIds` that exist, with the path of their jurisdiction node and their status. */
  async groupsWithPaths(groupIds: string[]): Promise<{ id: string; path: string; status: string }[]> {
    return this.dataSource.query<{ id: string; path: string; status: string }[]>(
      `SELECT g.id, n.path, g.status FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
        WHERE g.id = ANY($1::uuid[])`,
      [groupIds],
    );
  }

  /** The jurisdiction nodes among `ids` that exist, with their code, path and level. */
  async nodes(ids: string[]): Promise<{ id: string; code: string; path: string; level: string }[]> {
    return this.dataSource.query<{ id: string; code: string; path: string; level: string }[]>(
      `SELECT id, code, path, level FROM jurisdiction_node WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /**
   * Groups of this audience: the ids of the open groups it reaches today (each once). The reusable resolution, for
   * whoever materialises the audience (in one statement today, in slices later).
   */
  async groupsOf(audience: AudienceDefinition, m: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await m.query<{ id: string }[]>(
      `SELECT id FROM ${audienceGroupsSql(1, 2, 3)} a ORDER BY id`,
      audienceParams(audience),
    );
    return rows.map((r) => r.id);
  }

  /** The level (state, district, ..., station, locality) of the jurisdiction node at `path`. */
  async levelOf(path: string): Promise<string | undefined> {
    const [node] = await this.dataSource.query<{ level: string }[]>(
      `SELECT level FROM jurisdiction_node WHERE path = $1`,
      [path],
    );
    return node?.level;
  }

  /** The jurisdiction nodes on `path` (the node and its ancestors) with their levels. */
  async ancestors(path: string): Promise<{ path: string; level: string }[]> {
    return this.dataSource.query<{ path: string; level: string }[]>(
      `SELECT path, level FROM jurisdiction_node WHERE left($1, length(path)) = path ORDER BY length(path)`,
      [path],
    );
  }

  /**
   * The audience the fan-out would reach (the same choice of citizen and contact point as
   * DeliveryRepository.fanOut), counted by channel and language, with how many are outside the 24-hour window.
   */
  async previewAudience(
    audience: AudienceDefinition,
  ): Promise<{ channel: ChannelName; language: string; n: number; outside_window: number }[]> {
    return this.dataSource.query<{ channel: ChannelName; language: string; n: number; outside_window: number }[]>(
      `SELECT cp.channel, c.language, count(*)::int AS n,
              count(*) FILTER (WHERE cp.last_inbound_at IS NULL OR cp.last_inbound_at < now() - interval '24 hours')::int AS outside_window
         FROM (SELECT DISTINCT citizen_id FROM membership
                WHERE group_id IN ${audienceGroupsSql(1, 2, 3)} AND status = 'active') a
         JOIN citizen c ON c.id = a.citizen_id AND c.opted_out_at IS NULL
         JOIN LATERAL (SELECT channel, last_inbound_at FROM contact_point
                        WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                        ORDER BY preferred DESC, created_at LIMIT 1) cp ON true
        GROUP BY cp.channel, c.language`,
      audienceParams(audience),
    );
  }

  /**
   * Active memberships of the audience's groups: what a streamed audience is cut by, and an upper bound of its
   * recipients (a citizen in two groups counts twice; opted-out citizens count). One index scan, no join.
   */
  async membershipCount(m: EntityManager, audience: AudienceDefinition): Promise<number> {
    const [{ n }] = await m.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM membership WHERE group_id IN ${audienceGroupsSql(1, 2, 3)} AND status = 'active'`,
      audienceParams(audience),
    );
    return n;
  }

  /**
   * The languages of the audience's citizens whose preferred contact point is on `channel` (the fan-out's choice),
   * among `languages`: one EXISTS probe per language, so a language that is there is found at its first citizen.
   */
  async languagesOn(audience: AudienceDefinition, channel: ChannelName, languages: string[]): Promise<string[]> {
    const found: string[] = [];
    for (const language of languages) {
      const [{ present }] = await this.dataSource.query<{ present: boolean }[]>(
        `SELECT EXISTS (
           SELECT 1 FROM membership mb
             JOIN citizen c ON c.id = mb.citizen_id AND c.opted_out_at IS NULL AND c.language = $4
             JOIN LATERAL (SELECT channel FROM contact_point
                            WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                            ORDER BY preferred DESC, created_at LIMIT 1) cp ON cp.channel = $5
            WHERE mb.group_id IN ${audienceGroupsSql(1, 2, 3)} AND mb.status = 'active') AS present`,
        [...audienceParams(audience), language, channel],
      );
      if (present) found.push(language);
    }
    return found;
  }

  /** An active contact point's channel and sealed address, for a reply; undefined when it is closed or gone. */
  async activeContactPoint(id: string): Promise<ReplyContact | undefined> {
    const [contact] = await this.dataSource.query<ReplyContact[]>(
      `SELECT channel, address_ciphertext, last_inbound_line FROM contact_point WHERE id = $1 AND active`,
      [id],
    );
    return contact;
  }
}
