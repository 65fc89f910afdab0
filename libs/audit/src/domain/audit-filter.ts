import { ForbiddenError, ValidationError } from '@jansetu/platform';

/** What auditors search by; every field narrows the result. */
export interface AuditFilter {
  from?: Date;
  to?: Date;
  types?: string[];
  officerId?: string;
  /** A jurisdiction subtree (materialised path) the events must lie in. */
  jurisdictionPath?: string;
  groupId?: string;
  channel?: string;
  category?: string;
  /** Words the police sent (body.content contains them, case-insensitive). */
  text?: string;
  pseudonym?: string;
  broadcastId?: string;
  chainId?: string;
}

/** The caller's reach: events in this subtree only (null: state-wide). Events without a jurisdiction are state-level. */
export type AuditScope = string | null;

/** Keyset position in (occurred_at, id) order; opaque to clients. */
export interface AuditCursor {
  at: string;
  id: string;
}

export function encodeCursor(c: AuditCursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id]), 'utf8').toString('base64url');
}

// What PostgreSQL's to_json(timestamptz) writes, and a UUID: a crafted cursor never reaches the database.
const CURSOR_TIME =
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}(:[0-9]{2})?)$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(cursor: string): AuditCursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      CURSOR_TIME.test(at) &&
      !Number.isNaN(Date.parse(at)) &&
      CURSOR_ID.test(id)
    ) {
      return { at, id };
    }
  } catch {
    // falls through to the error below
  }
  throw new ValidationError('cursor is not one this API returned / cursor अमान्य है');
}

/**
 * The subtree an auditor asked for (the node `code` at `nodePath`, null when no node has that code), checked against
 * their own: asking above one's reach narrows to it, asking beside it is refused.
 */
export function narrowJurisdiction(code: string, nodePath: string | null, scope: AuditScope): string {
  if (nodePath === null) throw new ValidationError(`unknown jurisdiction ${code} / अज्ञात क्षेत्राधिकार`);
  if (scope === null || nodePath.startsWith(scope)) return nodePath;
  if (scope.startsWith(nodePath)) return scope;
  throw new ForbiddenError(`jurisdiction ${code} is outside your jurisdiction / ${code} आपके क्षेत्राधिकार से बाहर है`);
}
