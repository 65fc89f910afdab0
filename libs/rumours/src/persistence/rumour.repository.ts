import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MarkedRumour } from '../domain/verdict';

export interface RumourRow {
  id: string;
  jurisdictionPath: string | null;
  sample: string;
  rebuttal: { hi: string; en?: string };
  status: 'open' | 'closed';
  clusterId: string | null;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
}

const COLUMNS = `id, jurisdiction_path AS "jurisdictionPath", sample, rebuttal, status, cluster_id AS "clusterId",
                 created_by AS "createdBy", created_at AS "createdAt", closed_at AS "closedAt"`;

/** The `rumour` table: rumours the police marked, with their rebuttals. */
@Injectable()
export class RumourRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    m: EntityManager,
    r: {
      jurisdictionPath: string | null;
      sample: string;
      signature: number[];
      rebuttal: { hi: string; en?: string };
      clusterId: string | null;
      createdBy: string;
    },
  ): Promise<RumourRow> {
    const [row] = await m.query<RumourRow[]>(
      `INSERT INTO rumour (jurisdiction_path, sample, signature, rebuttal, cluster_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
      [r.jurisdictionPath, r.sample, JSON.stringify(r.signature), JSON.stringify(r.rebuttal), r.clusterId, r.createdBy],
    );
    return row;
  }

  async lock(m: EntityManager, id: string): Promise<RumourRow | undefined> {
    const [row] = await m.query<RumourRow[]>(`SELECT ${COLUMNS} FROM rumour WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  }

  async close(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(`UPDATE rumour SET status = 'closed', closed_by = $2, closed_at = now() WHERE id = $1`, [id, by]);
  }

  /** Every open rumour: a rebuttal is a public statement, answered wherever the rumour reaches. */
  open(m: EntityManager | DataSource = this.dataSource): Promise<MarkedRumour[]> {
    return m.query<MarkedRumour[]>(
      `SELECT id, signature, rebuttal, cluster_id AS "clusterId" FROM rumour WHERE status = 'open' ORDER BY created_at DESC`,
    );
  }

  /** Rumours an officer at `scope` sees: those of their area and those above it that reach it (null: all). */
  list(scope: string | null, status: 'open' | 'closed' | null, limit: number, offset: number): Promise<RumourRow[]> {
    return this.dataSource.query<RumourRow[]>(
      `SELECT ${COLUMNS} FROM rumour
        WHERE ($1::text IS NULL OR jurisdiction_path IS NULL OR jurisdiction_path LIKE $1 || '%' OR $1 LIKE jurisdiction_path || '%')
          AND ($2::text IS NULL OR status = $2)
        ORDER BY created_at DESC LIMIT $3 OFFSET $4`,
      [scope, status, limit, offset],
    );
  }

  async moveJurisdictionPaths(m: EntityManager, oldPath: string, newPath: string): Promise<void> {
    await m.query(
      `UPDATE rumour SET jurisdiction_path = $2 || substr(jurisdiction_path, length($1) + 1)
        WHERE jurisdiction_path LIKE $1 || '%'`,
      [oldPath, newPath],
    );
  }
}
