import { similarity } from '@jansetu/platform';
import { CLUSTER_SIMILARITY } from './verdict';

export interface ClusterSeed {
  id: string;
  signature: number[];
}

/** The cluster a text joins: the most similar seen recently, if close enough; undefined starts a new one. */
export function clusterFor(signature: number[], clusters: ClusterSeed[]): string | undefined {
  let top: { id: string; score: number } | undefined;
  for (const c of clusters) {
    const score = similarity(signature, c.signature);
    if (score >= CLUSTER_SIMILARITY && (!top || score > top.score)) top = { id: c.id, score };
  }
  return top?.id;
}

/** The district part of a jurisdiction path (`/<state>/<district>/…`), or null above district level. */
export function districtPathOf(path: string | null): string | null {
  const parts = path?.split('/').filter(Boolean) ?? [];
  return parts.length >= 2 ? `/${parts[0]}/${parts[1]}/` : null;
}

/** The hour a report falls in (UTC), the bucket of the counts by hour. */
export function hourOf(at: Date): string {
  return new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000).toISOString();
}
