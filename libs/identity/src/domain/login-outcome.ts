import { AuditFact, officerActor, SYSTEM_ACTOR } from '@jansetu/audit';
import { Role } from './role';

/** The officer a login names, when the username belongs to an active one. */
export interface LoginCandidate {
  id: string;
  username: string;
  role: Role;
}

/**
 * The audit event of a login attempt. Both outcomes are audited; an unknown username is not kept (people type
 * passwords into that field), and a failed attempt is the system's record, not the officer's act.
 */
export function loginAuditFact(officer: LoginCandidate | null, passwordOk: boolean, path: string | null): AuditFact {
  const ok = officer !== null && passwordOk;
  return {
    chainId: officer ? `officer:${officer.id}` : 'auth:unknown-username',
    type: ok ? 'officer.login' : 'officer.login_failed',
    actor: ok ? officerActor({ id: officer.id, role: officer.role, jurisdictionPath: path }) : SYSTEM_ACTOR,
    jurisdictionPath: officer ? path : null,
    subject: officer ? { officerId: officer.id, username: officer.username } : {},
    body: ok ? {} : { reason: officer ? 'wrong_password' : 'unknown_or_inactive_username' },
  };
}
