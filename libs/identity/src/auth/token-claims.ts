import { Role } from '../domain/role';

/** What the access token says about an officer; verified on every /api/v1 call. */
export interface TokenClaims {
  sub: string;
  usr: string;
  role: Role;
  node: string | null;
  path: string | null;
}
