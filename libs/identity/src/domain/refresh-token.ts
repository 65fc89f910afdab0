import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A refresh token is `<session id>.<32 random bytes, base64url>`; only the SHA-256 of the secret is stored. */
export interface IssuedRefreshToken {
  sessionId: string;
  token: string;
  hash: Buffer;
}

export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();

export function newRefreshToken(): IssuedRefreshToken {
  const sessionId = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { sessionId, token: `${sessionId}.${secret}`, hash: hashSecret(secret) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The session id and secret of a presented token, or null when it is not one of ours. */
export function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const dot = token.indexOf('.');
  const sessionId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (dot < 0 || !UUID.test(sessionId) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return { sessionId, secret };
}

export const secretMatches = (stored: Buffer, secret: string): boolean => timingSafeEqual(stored, hashSecret(secret));

/** A stored refresh token as the rotation rule sees it. */
export interface StoredSession {
  rotatedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
  officerActive: boolean;
}

export type RefreshDecision = 'rotate' | 'reuse_detected' | 'revoked' | 'expired' | 'officer_disabled';

/**
 * What presenting a refresh token does. A token already rotated is a copy someone kept: the whole family is
 * revoked, so the thief and the officer both sign in again (the officer with their password, the thief cannot).
 */
export function decideRefresh(s: StoredSession, now: Date): RefreshDecision {
  if (s.revokedAt) return 'revoked';
  if (s.rotatedAt) return 'reuse_detected';
  if (!s.officerActive) return 'officer_disabled';
  if (s.expiresAt <= now) return 'expired';
  return 'rotate';
}
