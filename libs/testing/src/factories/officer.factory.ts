import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { JwtService } from '@nestjs/jwt';
import { generate } from 'otplib';
import {
  ConfirmTotpCommand,
  CreateOfficerCommand,
  EnrolTotpCommand,
  LoginCommand,
  OfficerPrincipal,
  Role,
  SessionTokensIssued,
} from '@jansetu/identity';
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

/**
 * The authenticator app of the test officers: the TOTP secrets they enrolled, and the last time step each used
 * (the gateway accepts a code once, so a second sign-in within 30 s uses the next step, which it allows for drift).
 */
const authenticator = new Map<string, { secret: string; lastStep: number }>();

export function rememberTotpSecret(key: string, secret: string): void {
  authenticator.set(key, { secret, lastStep: Math.floor(Date.now() / 30_000) - 2 });
}

/** A fresh code of the officer's app (waits for the next 30-s step when two were used in this one). */
export async function nextTotpCode(key: string, step?: number): Promise<string> {
  const entry = authenticator.get(key);
  if (!entry) throw new Error(`no TOTP secret enrolled for ${key}`);
  const now = Math.floor(Date.now() / 30_000);
  const use = Math.max(step ?? now, entry.lastStep + 1);
  if (use > now + 1) await new Promise((r) => setTimeout(r, (use - 1) * 30_000 - Date.now() + 50));
  entry.lastStep = use;
  return generate({ secret: entry.secret, epoch: use * 30 });
}

/**
 * Signs an officer in as the console does, enrolling the authenticator app the first time their role requires it
 * (the way the bootstrap admin gets in), and answering the code afterwards. In-process (commands), for int-specs.
 */
export async function signIn(
  app: INestApplicationContext,
  username: string,
  password: string,
): Promise<SessionTokensIssued> {
  const bus = app.get(CommandBus);
  const first = await bus.execute(new LoginCommand(username, password));
  if ('accessToken' in first) return first;
  if (first.step === 'totp_required') {
    const again = await bus.execute(new LoginCommand(username, password, undefined, await nextTotpCode(username)));
    if (!('accessToken' in again)) throw new Error(`sign-in of ${username}: ${again.step}`);
    return again;
  }
  const claims = await app.get(JwtService).verifyAsync<{
    sub: string;
    usr: string;
    role: Role;
    node: string | null;
    path: string | null;
  }>(first.enrolmentToken!);
  const principal: OfficerPrincipal = {
    id: claims.sub,
    username: claims.usr,
    role: claims.role,
    jurisdictionNodeId: claims.node,
    jurisdictionPath: claims.path,
    enrolmentPending: true,
  };
  const { secret } = await bus.execute(new EnrolTotpCommand(principal));
  rememberTotpSecret(username, secret);
  const confirmed = await bus.execute(new ConfirmTotpCommand(principal, await nextTotpCode(username)));
  return confirmed.session!;
}
