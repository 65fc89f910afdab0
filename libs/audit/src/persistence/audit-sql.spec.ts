import { describe, expect, it } from 'vitest';
import { AuditFilter, AuditScope } from '../domain/audit-filter';
import { auditConditions, likeContains, likePrefix } from './audit-sql';

describe('the SQL conditions of an audit search', () => {
  const from = new Date('2026-01-01T00:00:00Z');
  it.each<[string, AuditFilter, AuditScope, string[], unknown[]]>([
    ['nothing narrows a state-wide search', {}, null, [], []],
    ['the caller’s scope', {}, '/s/pat/', ['jurisdiction_path LIKE $1'], ['/s/pat/%']],
    [
      'scope and a deeper jurisdiction both stay',
      { jurisdictionPath: '/s/pat/kot/' },
      '/s/pat/',
      ['jurisdiction_path LIKE $1', 'jurisdiction_path LIKE $2'],
      ['/s/pat/%', '/s/pat/kot/%'],
    ],
    ['a time', { from }, null, ['occurred_at >= $1'], [from]],
    ['types', { types: ['a', 'b'] }, null, ['type = ANY($1::text[])'], [['a', 'b']]],
    ['no types is no condition', { types: [] }, null, [], []],
    ['an officer', { officerId: 'o' }, null, ['actor_id = $1::uuid'], ['o']],
    ['words, wildcards escaped', { text: '100%' }, null, ['audit_content_text(event) ILIKE $1'], ['%100\\%%']],
    ['a broadcast is its chain', { broadcastId: 'b' }, null, ['chain_id = $1'], ['broadcast:b']],
    [
      'a citizen and a channel',
      { pseudonym: 'N-1', channel: 'sms' },
      null,
      ['channels @> ARRAY[$1::text]', 'pseudonyms @> ARRAY[$2::text]'],
      ['sms', 'N-1'],
    ],
  ])('%s', (_, filter, scope, where, params) => {
    const got: unknown[] = [];
    expect(auditConditions(filter, scope, got)).toEqual(where);
    expect(got).toEqual(params);
  });

  it.each([
    ['/s/a_b/', '/s/a\\_b/%', '%/s/a\\_b/%'],
    ['50%', '50\\%%', '%50\\%%'],
    ['a\\b', 'a\\\\b%', '%a\\\\b%'],
  ])('escapes LIKE wildcards in %s', (value, prefix, contains) => {
    expect(likePrefix(value)).toBe(prefix);
    expect(likeContains(value)).toBe(contains);
  });
});
