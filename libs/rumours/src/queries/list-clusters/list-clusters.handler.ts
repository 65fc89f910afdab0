import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { DataKeys } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { openNewest } from '../../domain/samples';
import { ClusterRepository } from '../../persistence/cluster.repository';
import { ClusterView, ListClustersQuery } from './list-clusters.query';

@QueryHandler(ListClustersQuery)
export class ListClustersHandler implements IQueryHandler<ListClustersQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clusters: ClusterRepository,
    private readonly jurisdictions: JurisdictionLookup,
    private readonly keys: DataKeys,
  ) {}

  async execute(q: ListClustersQuery): Promise<ClusterView[]> {
    const since = new Date(Date.now() - q.hours * 3_600_000);
    const rows = await this.clusters.list(q.officer.jurisdictionPath, since, q.limit);
    const paths = [...new Set(rows.flatMap((r) => r.byDistrict.map((d) => d.districtPath)))].filter(
      (p): p is string => p !== null,
    );
    const codes = await this.jurisdictions.codesByPath(this.dataSource, paths);
    return Promise.all(
      rows.map(async (r) => {
        const byDistrict = r.byDistrict.map((d) => ({
          code: d.districtPath ? (codes.get(d.districtPath) ?? null) : null,
          reports: d.reports,
          senders: d.senders,
        }));
        return {
          id: r.id,
          sample: await openNewest(this.keys, r.texts ?? []),
          reports: r.reports,
          senders: r.senders,
          firstSeenAt: r.firstSeenAt,
          lastSeenAt: r.lastSeenAt,
          byDistrict,
          byHour: r.byHour.map((h) => ({ hour: new Date(h.hour).toISOString(), reports: h.reports })),
          districtCodes: byDistrict.map((d) => d.code).filter((c): c is string => c !== null),
          rumour: r.rumourId ? { id: r.rumourId, status: r.rumourStatus ?? 'open' } : null,
        };
      }),
    );
  }
}
