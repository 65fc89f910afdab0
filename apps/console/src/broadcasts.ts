import { useEffect, useState } from 'react';
import { api, Schemas } from './api/client';
import { nameOf } from './format';

/**
 * The broadcast list and queue rows (GET /api/v1/broadcasts answers one of two pages, not described in the OpenAPI
 * document as a single type), and the view of one broadcast (GET :id and its stream).
 */
export interface BroadcastBody {
  hi: string;
  [language: string]: string | undefined;
}

/** A broadcast started elsewhere and finished in the composer: a rumour's rebuttal to the districts it spreads in. */
export interface Draft {
  body: BroadcastBody;
  category: 'rumour_rebuttal';
  /** Jurisdiction codes the audience starts with (whole districts). */
  areaCodes: string[];
}

export interface QueueRow {
  id: string;
  category: string;
  status: string;
  recipients: number;
  /** A large audience resolved as it sends: its membership count (null when resolved at creation). */
  audienceEstimate: number | null;
  createdAt: string;
  path: string | null;
  authorId: string;
  body: BroadcastBody;
  reviewDueAt: string | null;
  reviewPath: string | null;
  reviewEscalations: number;
  reviewVerdict: string | null;
}

export interface ListRow {
  id: string;
  category: string;
  status: string;
  recipients: number;
  createdAt: string;
  scheduledAt: string | null;
  path: string | null;
  authorId: string;
  body: BroadcastBody;
  needsApproval: boolean;
  byStatus: Record<string, number>;
}

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
}

export interface BroadcastView {
  id: string;
  category: string;
  status: string;
  recipients: number;
  /** A large audience resolved while it sends: its membership count (an upper bound); null otherwise. */
  audienceEstimate: number | null;
  /** True while the dispatchers are still resolving it. */
  audienceResolving: boolean;
  createdAt: string;
  verificationCode: string | null;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  byReason: Record<string, number>;
  review?: { dueAt: string; verdict: string | null; note: string | null };
}

/** The last part of a materialised path, e.g. '/BR/TIR/SAM/SAM-S/SAM-MUF' → 'SAM-MUF' ('HQ' for the state). */
export const placeOf = (path: string | null) => (path ? (path.split('/').filter(Boolean).pop() ?? path) : 'HQ');

/**
 * Names of the jurisdictions within the officer's own (by node id, the last part of a path), so a queue shows
 * "मुफस्सिल थाना" rather than an id. HQ (no code) reads the subtrees of the roots.
 */
export function usePlaces(code: string | null): Map<string, { nameHi: string; nameEn: string }> {
  const [places, setPlaces] = useState(new Map<string, { nameHi: string; nameEn: string }>());
  useEffect(() => {
    const subtree = (c: string) =>
      api
        .GET('/api/v1/jurisdictions/{code}/subtree', { params: { path: { code: c } } })
        .then(({ data }) => (data ?? []) as unknown as Schemas['JurisdictionViewDto'][]);
    const roots = code
      ? Promise.resolve([code])
      : api.GET('/api/v1/jurisdictions').then(({ data }) => (data ?? []).map((n) => n.code));
    void roots
      .then((codes) => Promise.all(codes.map(subtree)))
      .then((trees) => setPlaces(new Map(trees.flat().map((n) => [n.id, n]))));
  }, [code]);
  return places;
}

/** Where a broadcast was asked from, in the UI language ('HQ' for the state, the code when not known here). */
export function placeName(
  path: string | null,
  places: Map<string, { nameHi: string; nameEn: string }>,
  language: string,
): string {
  const node = places.get(placeOf(path));
  return node ? nameOf(node, language) : placeOf(path);
}
