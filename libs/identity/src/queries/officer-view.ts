import { Officer } from '../domain/officer.entity';
import { Role } from '../domain/role';

/** An officer's account as admins and the officer see it (never a hash, never a session). */
export interface OfficerView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  jurisdictionCode: string | null;
  active: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  mustChangePassword: boolean;
  passwordChangedAt: string | null;
  createdAt: string;
}

export const officerView = (o: Officer, codes: Map<string, string>): OfficerView => ({
  id: o.id,
  username: o.username,
  displayName: o.displayName,
  role: o.role,
  jurisdictionCode: o.jurisdictionPath ? (codes.get(o.jurisdictionPath) ?? null) : null,
  active: o.active,
  disabledAt: o.disabledAt?.toISOString() ?? null,
  disabledReason: o.disabledReason,
  mustChangePassword: o.mustChangePassword,
  passwordChangedAt: o.passwordChangedAt?.toISOString() ?? null,
  createdAt: o.createdAt.toISOString(),
});
