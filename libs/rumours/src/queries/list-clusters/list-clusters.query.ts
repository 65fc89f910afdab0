import { Query } from '@nestjs/cqrs';
import { OfficerPrincipal } from '@jansetu/identity';

export interface ClusterView {
  id: string;
  /** The newest readable forwarded text in the officer's area (an erased sender's texts are gone). */
  sample: string | null;
  reports: number;
  /** Distinct senders, counted by a keyed tag of this cluster only. */
  senders: number;
  firstSeenAt: string;
  lastSeenAt: string;
  /** Counts in the officer's area by district, most first; `code` null: the district is unknown. */
  byDistrict: { code: string | null; reports: number; senders: number }[];
  byHour: { hour: string; reports: number }[];
  /** The districts to target with one broadcast answering it. */
  districtCodes: string[];
  rumour: { id: string; status: string } | null;
}

/** Clusters of forwarded texts with reports in the officer's area in the last `hours` hours, most reported first. */
export class ListClustersQuery extends Query<ClusterView[]> {
  constructor(
    readonly officer: OfficerPrincipal,
    readonly hours: number,
    readonly limit: number,
  ) {
    super();
  }
}
