import { describe, expect, it } from 'vitest';
import { LoginCandidate, loginAuditFact } from './login-outcome';

const sho: LoginCandidate = { id: 'o-1', username: 'sho.patna', role: 'station_officer' };
const path = '/s/pat/';

describe('the audit event of a login attempt', () => {
  it.each<[string, LoginCandidate | null, boolean, object]>([
    [
      'a good password logs the officer in, as their own act',
      sho,
      true,
      {
        chainId: 'officer:o-1',
        type: 'officer.login',
        actor: { kind: 'officer', officerId: 'o-1', role: 'station_officer', jurisdictionPath: path },
        jurisdictionPath: path,
        subject: { officerId: 'o-1', username: 'sho.patna' },
        body: {},
      },
    ],
    [
      'a wrong password is the system’s record on the officer’s chain',
      sho,
      false,
      {
        chainId: 'officer:o-1',
        type: 'officer.login_failed',
        actor: { kind: 'system', officerId: null },
        jurisdictionPath: path,
        subject: { officerId: 'o-1', username: 'sho.patna' },
        body: { reason: 'wrong_password' },
      },
    ],
    [
      'an unknown username is not kept',
      null,
      false,
      {
        chainId: 'auth:unknown-username',
        type: 'officer.login_failed',
        actor: { kind: 'system' },
        jurisdictionPath: null,
        subject: {},
        body: { reason: 'unknown_or_inactive_username' },
      },
    ],
  ])('%s', (_, officer, ok, expected) => {
    expect(loginAuditFact(officer, ok, path)).toMatchObject(expected);
  });
});
