import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AuditEvent, AuditModule } from '@jansetu/audit';
import { JurisdictionModule } from '@jansetu/jurisdiction';
import { PlatformModule, Topics } from '@jansetu/platform';
import {
  createDatabase,
  importJurisdictions,
  newOfficer,
  officerPrincipal,
  signIn,
  TEST_PASSWORD,
  testConfig,
} from '@jansetu/testing';
import { TokenClaims } from '../auth/token-claims';
import { IdentityHttpModule } from '../identity.module';
import { OfficerRepository } from '../persistence/officer.repository';
import { CreateOfficerCommand } from './create-officer/create-officer.command';
import { LoginCommand } from './login/login.command';

describe('officers: creation, login and the first admin, on PostgreSQL', () => {
  let app: INestApplicationContext;
  let commands: CommandBus;
  let dataSource: DataSource;
  let patna: string;
  let kotwali: string;

  const audited = async (type: string) =>
    (
      await dataSource.query<{ event: AuditEvent }[]>(
        `SELECT payload->'payload' AS event FROM outbox_message WHERE topic = $1 AND type = $2 ORDER BY seq`,
        [Topics.audit, type],
      )
    ).map((r) => r.event);

  beforeAll(async () => {
    const url = await createDatabase(inject('runPrefix'), 'identity');
    const config = testConfig(url, {
      LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_USERNAME: 'first.admin',
      BOOTSTRAP_ADMIN_PASSWORD: 'first-admin-password',
    });
    const module = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(config, url), AuditModule, JurisdictionModule, IdentityHttpModule],
    }).compile();
    app = await module.init();
    commands = app.get(CommandBus);
    dataSource = app.get(DataSource);
    ({
      nodes: {
        PAT: { path: patna },
        KOTWALI: { path: kotwali },
      },
    } = await importJurisdictions(app, [
      { code: 'BR', parentCode: null, level: 'state' },
      { code: 'PAT', parentCode: 'BR', level: 'district' },
      // Station officers are posted at stations (the role × level table).
      { code: 'PAT-SADAR', parentCode: 'PAT', level: 'subdivision' },
      { code: 'KOTWALI', parentCode: 'PAT-SADAR', level: 'station' },
    ]));
  });
  afterAll(async () => app?.close());

  it('creates the first HQ admin from the environment when no officer exists', async () => {
    expect(await app.get(OfficerRepository).count()).toBe(1);
    // The first admin signs in with the password and enrols the second factor their role requires.
    const { accessToken } = await signIn(app, 'first.admin', 'first-admin-password');
    expect(await app.get(JwtService).verifyAsync<TokenClaims>(accessToken)).toMatchObject({
      usr: 'first.admin',
      role: 'hq_admin',
      node: null,
      path: null,
    });
  });

  it('creates an officer bound to a jurisdiction and audits who created them', async () => {
    const hq = await newOfficer(app, { role: 'hq_admin' });
    const actor = await officerPrincipal(app, hq);
    const dm = await newOfficer(app, { role: 'district_admin', jurisdictionCode: 'PAT', actor });
    const [created] = (await audited('officer.created')).filter((e) => e.chainId === `officer:${dm.id}`);
    expect(created).toMatchObject({
      actor: { kind: 'officer', officerId: hq.id, role: 'hq_admin' },
      jurisdictionPath: patna,
      subject: { officerId: dm.id, username: dm.username },
      body: { role: 'district_admin', jurisdictionCode: 'PAT' },
    });
    expect(await officerPrincipal(app, dm)).toMatchObject({ jurisdictionPath: patna });
  });

  it('refuses a duplicate username, an unknown jurisdiction and a short password, creating nothing', async () => {
    const before = await app.get(OfficerRepository).count();
    const sho = await newOfficer(app, { role: 'station_officer', jurisdictionCode: 'KOTWALI' });
    await expect(
      commands.execute(new CreateOfficerCommand(sho.username, TEST_PASSWORD, 'hq_admin', null, 'again')),
    ).rejects.toMatchObject({ status: 409 });
    await expect(
      commands.execute(new CreateOfficerCommand('nobody.x', TEST_PASSWORD, 'station_officer', 'NOPE', 'x')),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      commands.execute(new CreateOfficerCommand('nobody.y', 'short', 'hq_admin', null, 'y')),
    ).rejects.toThrow(/at least 12/);
    expect(await app.get(OfficerRepository).count()).toBe(before + 1);
  });

  it('logs an officer in with their jurisdiction in the token, and audits both outcomes', async () => {
    const sho = await newOfficer(app, { role: 'station_officer', jurisdictionCode: 'KOTWALI' });
    const { accessToken } = await signIn(app, sho.username, sho.password);
    const claims = await app.get(JwtService).verifyAsync<TokenClaims>(accessToken);
    expect(claims).toMatchObject({ sub: sho.id, usr: sho.username, role: 'station_officer', path: kotwali });
    await expect(commands.execute(new LoginCommand(sho.username, 'not-the-password'))).rejects.toMatchObject({
      status: 401,
    });
    await expect(commands.execute(new LoginCommand('no.such.officer', 'whatever-it-is'))).rejects.toMatchObject({
      status: 401,
    });
    const logins = (await audited('officer.login')).filter((e) => e.chainId === `officer:${sho.id}`);
    expect(logins).toHaveLength(1);
    expect(logins[0]).toMatchObject({ actor: { officerId: sho.id, jurisdictionPath: kotwali } });
    const failed = await audited('officer.login_failed');
    expect(failed.map((e) => [e.chainId, e.body.reason])).toEqual([
      [`officer:${sho.id}`, 'wrong_password'],
      ['auth:unknown-username', 'unknown_or_inactive_username'],
    ]);
    expect(JSON.stringify(failed)).not.toContain('no.such.officer');
  });
});
