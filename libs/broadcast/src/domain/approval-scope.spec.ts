import { describe, expect, it } from 'vitest';
import {
  approvalScope,
  assertMayDecide,
  assertMayDeclareEmergency,
  assertReviewable,
  parentPath,
  rateLimitRetryAfter,
  ReviewVerdict,
} from './approval-rules';

const K = '/BR/PAT/SADAR/KOTWALI/';
const ANCESTORS = [
  { path: '/BR/', level: 'state' },
  { path: '/BR/PAT/', level: 'district' },
  { path: '/BR/PAT/SADAR/', level: 'subdivision' },
  { path: K, level: 'station' },
  { path: `${K}WARD-3/`, level: 'locality' },
];

describe('approvalScope: what an approver must be strictly above', () => {
  it.each<[string, string | null, string | null, string | null]>([
    ['a locality group is its station’s', `${K}WARD-3/`, K, K],
    ['a station audience by its station officer', K, K, K],
    ['a station audience by the district officer', K, '/BR/PAT/', '/BR/PAT/'],
    ['a subdivision audience by the SDPO', '/BR/PAT/SADAR/', '/BR/PAT/SADAR/', '/BR/PAT/SADAR/'],
    ['a district audience by HQ', '/BR/PAT/', null, null],
    ['a state-wide audience', null, '/BR/PAT/', null],
  ])('%s', (_, audience, author, scope) => {
    expect(approvalScope(audience, ANCESTORS, author)).toBe(scope);
  });

  it.each<[string | null, string | null, string | null]>([
    // approver's jurisdiction, the approval scope, refusal
    ['/BR/PAT/SADAR/', K, null],
    [K, K, 'parent jurisdiction'], // the colleague at the same station, even for a locality group
    [`${K}WARD-3/`, K, 'parent jurisdiction'],
    ['/BR/PAT/SADAR/', '/BR/PAT/', 'parent jurisdiction'], // below the district author
    [null, null, null],
    ['/BR/PAT/', null, 'parent jurisdiction'],
  ])('an approver at %s over scope %s: refused %s', (own, scope, refusal) => {
    const decide = () =>
      assertMayDecide(
        { id: 'approver', jurisdictionPath: own },
        { authorId: 'author', jurisdictionPath: `${K}WARD-3/`, approvalPath: scope },
      );
    if (refusal) expect(decide).toThrow(refusal);
    else expect(decide).not.toThrow();
  });
});

describe('escalation up the hierarchy', () => {
  it.each<[string | null, string | null]>([
    [K, '/BR/PAT/SADAR/'],
    ['/BR/PAT/SADAR/', '/BR/PAT/'],
    ['/BR/PAT/', null], // HQ
    [null, null],
  ])('%s → %s', (from, to) => expect(parentPath(from)).toBe(to));
});

describe('emergency policy', () => {
  it.each<[string, string | null, boolean]>([
    ['station_officer', 'station', true],
    ['station_officer', 'locality', true],
    ['station_officer', 'subdivision', false],
    ['subdivision_officer', 'subdivision', true],
    ['subdivision_officer', 'district', false],
    ['district_admin', 'district', true],
    ['district_admin', null, false],
    ['hq_admin', null, true],
    ['hq_admin', 'state', true],
    ['auditor', 'station', false],
  ])('%s to a %s audience: allowed %s', (role, level, allowed) => {
    const check = () => assertMayDeclareEmergency(role, level);
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });
});

describe('emergency review', () => {
  it.each<[string, string | null, ReviewVerdict, string | null, string | null]>([
    ['emergency', null, 'emergency_confirmed', null, null],
    ['emergency', null, 'not_emergency', 'मेले का विज्ञापन था', null],
    ['emergency', null, 'not_emergency', ' ', 'invalid'],
    ['emergency', 'emergency_confirmed', 'not_emergency', 'x', 'already_reviewed'],
    ['awareness', null, 'emergency_confirmed', null, 'not_emergency'],
  ])('%s reviewed %s, verdict %s (%j): refused %s', (category, reviewVerdict, verdict, note, code) => {
    const check = () => assertReviewable({ category, reviewVerdict }, verdict, note);
    if (code) expect(check).toThrow(expect.objectContaining({ code }));
    else expect(check).not.toThrow();
  });
});

describe('per-officer rate limit', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  const ago = (s: number) => new Date(now.getTime() - s * 1000);
  it.each<[string, Date[], number, number, number | null]>([
    ['under the limit', [ago(10), ago(20)], 3, 600, null],
    ['at the limit: until the oldest leaves', [ago(10), ago(20), ago(500)], 3, 600, 100],
    ['old ones do not count', [ago(700), ago(800), ago(900)], 3, 600, null],
    ['at least one second', [ago(599.9)], 1, 600, 1],
  ])('%s', (_, recent, limit, window, retry) => {
    expect(rateLimitRetryAfter(recent, limit, window, now)).toBe(retry);
  });
});
