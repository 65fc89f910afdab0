import { describe, expect, it } from 'vitest';
import {
  decideRefresh,
  newRefreshToken,
  parseRefreshToken,
  RefreshDecision,
  secretMatches,
  StoredSession,
} from './refresh-token';

const now = new Date('2026-12-01T12:00:00Z');
const later = new Date('2026-12-01T13:00:00Z');
const earlier = new Date('2026-12-01T11:00:00Z');
const fresh: StoredSession = { rotatedAt: null, revokedAt: null, expiresAt: later, officerActive: true };

describe('a presented refresh token', () => {
  it.each<[string, StoredSession, RefreshDecision]>([
    ['fresh: rotated into a new one', fresh, 'rotate'],
    ['already rotated: a kept copy, the family is revoked', { ...fresh, rotatedAt: earlier }, 'reuse_detected'],
    ['revoked by logout, disable, transfer or password change', { ...fresh, revokedAt: earlier }, 'revoked'],
    [
      'revoked after rotation: still refused as revoked',
      { ...fresh, rotatedAt: earlier, revokedAt: earlier },
      'revoked',
    ],
    ['past its expiry', { ...fresh, expiresAt: earlier }, 'expired'],
    ['of a disabled officer', { ...fresh, officerActive: false }, 'officer_disabled'],
  ])('%s', (_, session, decision) => {
    expect(decideRefresh(session, now)).toBe(decision);
  });

  it('round-trips and refuses what is not one of ours', () => {
    const t = newRefreshToken();
    const parsed = parseRefreshToken(t.token)!;
    expect(parsed.sessionId).toBe(t.sessionId);
    expect(secretMatches(t.hash, parsed.secret)).toBe(true);
    expect(
      secretMatches(
        t.hash,
        parsed.secret.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      ),
    ).toBe(false);
    for (const bad of ['', 'x', `${t.sessionId}`, `${t.sessionId}.short`, `not-a-uuid.${parsed.secret}`]) {
      expect(parseRefreshToken(bad)).toBeNull();
    }
  });
});
