import { Role } from '../domain/role';

/** What the access token says about an officer; verified on every /api/v1 call. */
export interface TokenClaims {
  sub: string;
  usr: string;
  role: Role;
  node: string | null;
  path: string | null;
  /** The officer's session version when issued: disable, transfer and a password change bump it. */
  ver: number;
  /** The session family (one login and its refreshes): logout and reuse detection revoke it. */
  sid: string;
  /** Present after an admin's password reset: the token may only change the password. */
  pwc?: true;
  /** A TOTP enrolment step token (a required role not enrolled yet): only the enrolment routes and /me. */
  enr?: true;
}
