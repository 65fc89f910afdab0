import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CreateOfficerCommand, OfficerPrincipal, Role } from '@jansetu/identity';
import { JurisdictionLookup } from '@jansetu/jurisdiction';

export interface NewOfficerOptions {
  role?: Role;
  /** Jurisdiction code; null (the default) for state-wide roles. */
  jurisdictionCode?: string | null;
  username?: string;
  password?: string;
  displayName?: string;
  /** Who creates the officer, for the audit log (the system when absent). */
  actor?: OfficerPrincipal;
}

export interface TestOfficer {
  id: string;
  username: string;
  password: string;
  role: Role;
  jurisdictionCode: string | null;
  displayName: string;
}

export const TEST_PASSWORD = 'a-long-test-password';

const busOf = (app: INestApplicationContext | CommandBus): CommandBus =>
  app instanceof CommandBus ? app : app.get(CommandBus);

/** An officer made the way the CLI and the admin API make one: through CreateOfficerCommand (audited). */
export async function newOfficer(
  app: INestApplicationContext | CommandBus,
  options: NewOfficerOptions = {},
): Promise<TestOfficer> {
  const role = options.role ?? 'hq_admin';
  const officer = {
    username: options.username ?? `${role}.${randomUUID().slice(0, 8)}`,
    password: options.password ?? TEST_PASSWORD,
    role,
    jurisdictionCode: options.jurisdictionCode ?? null,
    displayName: options.displayName ?? role,
  };
  const { id } = await busOf(app).execute(
    new CreateOfficerCommand(
      officer.username,
      officer.password,
      role,
      officer.jurisdictionCode,
      officer.displayName,
      options.actor,
    ),
  );
  return { id, ...officer };
}

/** The officer as a verified token would present them to a command or query. */
export async function officerPrincipal(app: INestApplicationContext, officer: TestOfficer): Promise<OfficerPrincipal> {
  const node = officer.jurisdictionCode
    ? await app.get(JurisdictionLookup).byCode(app.get(DataSource), officer.jurisdictionCode)
    : null;
  return {
    id: officer.id,
    username: officer.username,
    role: officer.role,
    jurisdictionNodeId: node?.id ?? null,
    jurisdictionPath: node?.path ?? null,
  };
}
