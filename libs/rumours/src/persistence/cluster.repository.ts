import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ClusterSeed } from '../domain/clusters';

/** How long a cluster takes new reports after its last one. */
export const CLUSTER_WINDOW_DAYS = 7;

export interface NewReport {
  messageId: string;
  clusterId: string;
  jurisdictionPath: string | null;
  districtPath: string | null;
  senderTag: string;
  verdict: string;
  textSealed: string;
  receivedAt: Date;
}

export interface ClusterRow {
  id: string;
  firstSeenAt: string;
  lastSeenAt: string;
  reports: number;
  senders: number;
  rumourId: string | null;
  rumourStatus: string | null;
  byDistrict: { districtPath: string | null; reports: number; senders: number }[];
  byHour: { hour: string; reports: number }[];
  /** Newest first: the sample shown is the newest one still readable (ERASE shreds the others). */
  texts: string[];
}

/** The `rumour_cluster` and `rumour_report` tables: forwarded texts grouped by near-duplicate text. */
@Injectable()
export class ClusterRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Serialises filing so two copies of a new rumour arriving at once start one cluster, not two. */
  async lockClusters(m: EntityManager): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('rumour-clusters'))`);
  }

  recentSeeds(m: EntityManager): Promise<ClusterSeed[]> {
    return m.query<ClusterSeed[]>(
      `SELECT id, signature FROM rumour_cluster WHERE last_seen_at > now() - make_interval(days => $1)`,
      [CLUSTER_WINDOW_DAYS],
    );
  }

  async create(m: EntityManager, signature: number[], at: Date): Promise<string> {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO rumour_cluster (signature, first_seen_at, last_seen_at) VALUES ($1, $2, $2) RETURNING id`,
      [JSON.stringify(signature), at],
    );
    return id;
  }

  async find(m: EntityManager, id: string): Promise<{ id: string; signature: number[] } | undefined> {
    const [row] = await m.query<{ id: string; signature: number[] }[]>(
      `SELECT id, signature FROM rumour_cluster WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** False when this message was reported already. */
  async addReport(m: EntityManager, r: NewReport): Promise<boolean> {
    const rows = await m.query<unknown[]>(
      `INSERT INTO rumour_report (message_id, cluster_id, jurisdiction_path, district_path, sender_tag, verdict, text_sealed, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (message_id) DO NOTHING RETURNING 1`,
      [
        r.messageId,
        r.clusterId,
        r.jurisdictionPath,
        r.districtPath,
        r.senderTag,
        r.verdict,
        r.textSealed,
        r.receivedAt,
      ],
    );
    if (!rows.length) return false;
    await m.query(`UPDATE rumour_cluster SET last_seen_at = greatest(last_seen_at, $2) WHERE id = $1`, [
      r.clusterId,
      r.receivedAt,
    ]);
    return true;
  }

  /**
   * Clusters with reports inside `scope` since `since`, counted inside it only (an SP sees their district's part
   * of a state-wide rumour), most reported first.
   */
  list(scope: string | null, since: Date, limit: number): Promise<ClusterRow[]> {
    return this.dataSource.query<ClusterRow[]>(
      `WITH r AS (
         SELECT * FROM rumour_report
          WHERE received_at >= $2 AND ($1::text IS NULL OR jurisdiction_path LIKE $1 || '%')
       ), c AS (
         SELECT cluster_id, count(*)::int AS reports, count(DISTINCT sender_tag)::int AS senders FROM r GROUP BY cluster_id
       )
       SELECT k.id, k.first_seen_at AS "firstSeenAt", k.last_seen_at AS "lastSeenAt", c.reports, c.senders,
              ru.id AS "rumourId", ru.status AS "rumourStatus",
              (SELECT json_agg(json_build_object('districtPath', d.district_path, 'reports', d.n, 'senders', d.s) ORDER BY d.n DESC)
                 FROM (SELECT district_path, count(*)::int n, count(DISTINCT sender_tag)::int s FROM r
                        WHERE r.cluster_id = k.id GROUP BY district_path) d) AS "byDistrict",
              (SELECT json_agg(json_build_object('hour', h.hour, 'reports', h.n) ORDER BY h.hour)
                 FROM (SELECT date_trunc('hour', received_at) AS hour, count(*)::int n FROM r
                        WHERE r.cluster_id = k.id GROUP BY 1) h) AS "byHour",
              (SELECT array_agg(t.text_sealed ORDER BY t.received_at DESC)
                 FROM (SELECT text_sealed, received_at FROM r WHERE r.cluster_id = k.id
                        ORDER BY received_at DESC LIMIT 5) t) AS texts
         FROM c JOIN rumour_cluster k ON k.id = c.cluster_id
         LEFT JOIN LATERAL (SELECT id, status FROM rumour WHERE cluster_id = k.id ORDER BY created_at DESC LIMIT 1) ru ON true
        ORDER BY c.reports DESC, k.last_seen_at DESC
        LIMIT $3`,
      [scope, since, limit],
    );
  }

  /** Whether the cluster has any report inside `scope` (else it reads as absent to that officer). */
  async reachable(m: EntityManager, id: string, scope: string | null): Promise<{ texts: string[] } | undefined> {
    const [row] = await m.query<{ texts: string[] | null }[]>(
      `SELECT array_agg(text_sealed ORDER BY received_at DESC) AS texts FROM rumour_report
        WHERE cluster_id = $1 AND ($2::text IS NULL OR jurisdiction_path LIKE $2 || '%')`,
      [id, scope],
    );
    return row?.texts?.length ? { texts: row.texts } : undefined;
  }

  /** A node moved: reports under it follow it, and their district is read again from the new path. */
  async moveJurisdictionPaths(m: EntityManager, oldPath: string, newPath: string): Promise<void> {
    await m.query(
      `UPDATE rumour_report SET jurisdiction_path = $2 || substr(jurisdiction_path, length($1) + 1),
              district_path = substring($2 || substr(jurisdiction_path, length($1) + 1) from '^/[^/]+/[^/]+/')
        WHERE jurisdiction_path LIKE $1 || '%'`,
      [oldPath, newPath],
    );
  }
}
