import { Injectable } from '@nestjs/common';
import { ChannelName } from '@jansetu/channels';
import { DataSource } from 'typeorm';

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
    groupIds: string[],
  ): Promise<{ channel: ChannelName; language: string; n: number; outside_window: number }[]> {
    return this.dataSource.query<{ channel: ChannelName; language: string; n: number; outside_window: number }[]>(
      `SELECT cp.channel, c.language, count(*)::int AS n,
              count(*) FILTER (WHERE cp.last_inbound_at IS NULL OR cp.last_inbound_at < now() - interval '24 hours')::int AS outside_window
         FROM (SELECT DISTINCT citizen_id FROM membership WHERE group_id = ANY($1::uuid[]) AND status = 'active') a
         JOIN citizen c ON c.id = a.citizen_id AND c.opted_out_at IS NULL
         JOIN LATERAL (SELECT channel, last_inbound_at FROM contact_point
                        WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                        ORDER BY preferred DESC, created_at LIMIT 1) cp ON true
        GROUP BY cp.channel, c.language`,
      [groupIds],
    );
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
