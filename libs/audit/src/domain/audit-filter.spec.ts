import { describe, expect, it } from 'vitest';
import { AuditScope, decodeCursor, encodeCursor, narrowJurisdiction } from './audit-filter';

describe('a jurisdiction filter against the auditor’s reach', () => {
  it.each<[string, string | null, AuditScope, string | RegExp]>([
    ['a state-wide auditor gets what they ask', '/s/pat/', null, '/s/pat/'],
    ['asking inside one’s reach', '/s/pat/kot/', '/s/pat/', '/s/pat/kot/'],
    ['asking one’s own node', '/s/pat/', '/s/pat/', '/s/pat/'],
    ['asking above one’s reach narrows to it', '/s/', '/s/gay/', '/s/gay/'],
    ['asking beside it is refused', '/s/gay/', '/s/pat/', /GAY is outside your jurisdiction/],
    ['an unknown code', null, null, /unknown jurisdiction GAY/],
  ])('%s', (_, nodePath, scope, expected) => {
    const narrow = () => narrowJurisdiction('GAY', nodePath, scope);
    if (expected instanceof RegExp) expect(narrow).toThrow(expected);
    else expect(narrow()).toBe(expected);
  });
});

describe('the search cursor', () => {
  const at = '2026-01-01T10:00:00.000Z';
  const id = '00000000-0000-4000-8000-000000000001';

  it('comes back as it went out', () => {
    expect(decodeCursor(encodeCursor({ at, id }))).toEqual({ at, id });
  });

  it.each([
    ['not base64 JSON', 'bm9wZQ'],
    ['not a time', Buffer.from(JSON.stringify(['yesterday', id])).toString('base64url')],
    ['not an id', Buffer.from(JSON.stringify([at, 'x'])).toString('base64url')],
    ['not a pair', Buffer.from(JSON.stringify({ at, id })).toString('base64url')],
    ['a number parsed as a year', Buffer.from(JSON.stringify(['0', id])).toString('base64url')],
    ['a date before year 0', Buffer.from(JSON.stringify(['-000001-01-01T00:00:00Z', id])).toString('base64url')],
    ['hyphens posing as an id', Buffer.from(JSON.stringify([at, '-'.repeat(36)])).toString('base64url')],
  ])('refuses one that is %s', (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(/cursor/);
  });
});
