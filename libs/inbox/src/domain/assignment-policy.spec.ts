import { describe, expect, it } from 'vitest';
import { Role } from '@jansetu/identity';
import { Assignee, assertAssignable } from './assignment-policy';

const CASE = '/br/sam/sadar/mufassil/';
const officer = (role: Role, path: string | null, active = true): Assignee => ({ id: 'o-1', role, active, path });

describe('who a case may be given to', () => {
  it.each<[string, Assignee | undefined, 'ok' | 404 | 400]>([
    ['the station officer of the case', officer('station_officer', '/br/sam/sadar/mufassil/'), 'ok'],
    ['an officer of the subdivision above', officer('subdivision_officer', '/br/sam/sadar/'), 'ok'],
    ['the district admin', officer('district_admin', '/br/sam/'), 'ok'],
    ['an HQ admin of the whole state', officer('hq_admin', null), 'ok'],
    ['the officer of another station', officer('station_officer', '/br/sam/sadar/town/'), 400],
    ['an officer of another district', officer('district_admin', '/br/pat/'), 400],
    ['an officer below the case', officer('station_officer', '/br/sam/sadar/mufassil/dharampur/'), 400],
    ['an auditor, even one of the state', officer('auditor', null), 400],
    ['a deactivated officer', officer('station_officer', '/br/sam/sadar/mufassil/', false), 404],
    ['nobody', undefined, 404],
  ])('%s', (_label, assignee, expected) => {
    if (expected === 'ok') expect(assertAssignable(assignee, CASE)).toBe(assignee);
    else expect(() => assertAssignable(assignee, CASE)).toThrow(expect.objectContaining({ status: expected }));
  });
});
