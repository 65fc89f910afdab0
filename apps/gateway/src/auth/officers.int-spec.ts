import { INestApplication, ValidationPipe } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuditEvent, AuditModule } from '@jansetu/audit';
import { IdentityHttpModule, SessionCheck } from '@jansetu/identity';
import { JurisdictionModule } from '@jansetu/jurisdiction';
import { PlatformModule, Topics } from '@jansetu/platform';
import {
  createDatabase,
  importJurisdictions,
  newOfficer,
  nextTotpCode,
  rememberTotpSecret,
  TEST_PASSWORD,
  testConfig,
} from '@jansetu/testing';
import { generate } from 'otplib';
import { OfficersController } from '../admin/officers.controller';
import { AuthController } from './auth.controller';
import { MeController } from './me.controller';

interface Tokens {
  accessToken: string;
  refreshToken: string;
  passwordChangeRequired?: boolean;
}

describe('officer accounts and sessions over HTTP, on PostgreSQL', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  const ids: Record<string, string> = {};
  let spRecovery: string[] = [];

  const http = () => request(app.getHttpServer());
  /** Signs in over HTTP as the console does, enrolling or answering the second factor where the role needs it. */
  const login = async (username: string, password = TEST_PASSWORD): Promise<Tokens> => {
    let res = await http().post('/api/v1/auth/login').send({ username, password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    if (res.body.step === 'totp_enrolment_required') {
      const bearer = `Bearer ${res.body.enrolmentToken}`;
      const enrol = await http().post('/api/v1/me/totp/enrol').set('authorization', bearer).expect(200);
      rememberTotpSecret(username, enrol.body.secret as string);
      const confirmed = await http()
        .post('/api/v1/me/totp/confirm')
        .set('authorization', bearer)
        .send({ code: await nextTotpCode(username) })
        .expect(200);
      return confirmed.body.session as Tokens;
    }
    if (res.body.step === 'totp_required') {
      res = await http()
        .post('/api/v1/auth/login')
        .send({ username, password, totpCode: await nextTotpCode(username) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    return res.body as Tokens;
  };
  const me = (t: Tokens) => http().get('/api/v1/me').set('authorization', `Bearer ${t.accessToken}`);
  const post = (t: Tokens, url: string, body: object = {}) =>
    http().post(url).set('authorization', `Bearer ${t.accessToken}`).send(body);
  const get = (t: Tokens, url: string) => http().get(url).set('authorization', `Bearer ${t.accessToken}`);
  const audited = async (type: string, officerId: string) =>
    (
      await dataSource.query<{ event: AuditEvent }[]>(
        `SELECT payload->'payload' AS event FROM outbox_message WHERE topic = $1 AND type = $2 ORDER BY seq`,
        [Topics.audit, type],
      )
    )
      .map((r) => r.event)
      .filter((e) => e.chainId === `officer:${officerId}`);

  beforeAll(async () => {
    const url = await createDatabase(inject('runPrefix'), 'officers_http');
    // A long cache period: what ends a session at once in this process is the invalidation, not the TTL.
    const config = testConfig(url, { LOG_LEVEL: 'warn', SESSION_CHECK_TTL_MS: '60000' });
    const module = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(config, url), AuditModule, JurisdictionModule, IdentityHttpModule],
      controllers: [AuthController, MeController, OfficersController],
    }).compile();
    app = module.createNestApplication({ logger: ['error'] });
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    await app.init();
    dataSource = app.get(DataSource);
    await importJurisdictions(app, [
      { code: 'BR', parentCode: null, level: 'state' },
      { code: 'PAT', parentCode: 'BR', level: 'district' },
      { code: 'PAT-SADAR', parentCode: 'PAT', level: 'subdivision' },
      { code: 'KOTWALI', parentCode: 'PAT-SADAR', level: 'station' },
      { code: 'GANDHI-MAIDAN', parentCode: 'PAT-SADAR', level: 'station' },
      { code: 'GAYA', parentCode: 'BR', level: 'district' },
      { code: 'GAYA-SADAR', parentCode: 'GAYA', level: 'subdivision' },
      { code: 'GAYA-TOWN', parentCode: 'GAYA-SADAR', level: 'station' },
    ]);
    for (const [username, role, jurisdictionCode] of [
      ['hq', 'hq_admin', null],
      ['sp.patna', 'district_admin', 'PAT'],
      ['sp.gaya', 'district_admin', 'GAYA'],
      ['auditor.patna', 'auditor', 'PAT'],
      ['sho.kotwali', 'station_officer', 'KOTWALI'],
      ['sho.gandhi', 'station_officer', 'GANDHI-MAIDAN'],
      ['sho.gaya', 'station_officer', 'GAYA-TOWN'],
    ] as const) {
      ids[username] = (await newOfficer(app, { username, role, jurisdictionCode })).id;
    }
  });
  afterAll(async () => app?.close());

  it('answers GET /me with the account and posting, and keeps POST /auth/login → {accessToken}', async () => {
    const t = await login('sho.kotwali');
    expect(t).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect((await me(t).expect(200)).body).toMatchObject({
      id: ids['sho.kotwali'],
      username: 'sho.kotwali',
      role: 'station_officer',
      jurisdictionCode: 'KOTWALI',
      active: true,
    });
  });

  it('refuses a disabled officer’s token on the next request, and their refresh token', async () => {
    const hq = await login('hq');
    const sho = await login('sho.gandhi');
    await me(sho).expect(200);
    await post(hq, `/api/v1/officers/${ids['sho.gandhi']}/disable`, { reason: 'phone stolen' }).expect(200);
    const refused = await me(sho).expect(401);
    expect(refused.body.message).toMatch(/session ended.*सत्र समाप्त/);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: sho.refreshToken }).expect(401);
    await http().post('/api/v1/auth/login').send({ username: 'sho.gandhi', password: TEST_PASSWORD }).expect(401);
    // Enabled again, the old token stays dead: the officer signs in anew.
    await post(hq, `/api/v1/officers/${ids['sho.gandhi']}/enable`, { reason: 'phone recovered' }).expect(200);
    await me(sho).expect(401);
    await me(await login('sho.gandhi')).expect(200);
    const [disabled] = await audited('officer.disabled', ids['sho.gandhi']);
    expect(disabled).toMatchObject({
      actor: { kind: 'officer', officerId: ids.hq },
      body: { reason: 'phone stolen', sessionsRevoked: 1 },
    });
    expect(await audited('officer.enabled', ids['sho.gandhi'])).toHaveLength(1);
  });

  it('answers the session check from memory: twenty requests, no database load', async () => {
    const check = app.get(SessionCheck);
    const sho = await login('sho.kotwali');
    await me(sho).expect(200);
    const before = check.loads;
    for (let i = 0; i < 20; i++) await me(sho).expect(200);
    expect(check.loads).toBe(before);
  });

  it('ends every session of a transferred officer, and refuses postings the role table does not allow', async () => {
    const hq = await login('hq');
    const sho = await login('sho.gaya');
    const mismatch = await post(hq, `/api/v1/officers/${ids['sho.gaya']}/transfer`, {
      jurisdictionCode: 'GAYA',
      reason: 'posting',
    }).expect(400);
    expect(mismatch.body.message).toMatch(/station_officer is posted at station level, not district/);
    await me(sho).expect(200); // a refused transfer changes nothing
    const moved = await post(hq, `/api/v1/officers/${ids['sho.gaya']}/transfer`, {
      jurisdictionCode: 'KOTWALI',
      reason: 'transfer order 45/2026',
    }).expect(200);
    expect(moved.body).toEqual({ id: ids['sho.gaya'], role: 'station_officer', jurisdictionCode: 'KOTWALI' });
    await me(sho).expect(401);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: sho.refreshToken }).expect(401);
    expect((await me(await login('sho.gaya')).expect(200)).body).toMatchObject({ jurisdictionCode: 'KOTWALI' });
    const [transferred] = await audited('officer.transferred', ids['sho.gaya']);
    expect(transferred.body).toMatchObject({
      from: { role: 'station_officer', jurisdictionCode: 'GAYA-TOWN' },
      to: { role: 'station_officer', jurisdictionCode: 'KOTWALI' },
      sessionsRevoked: 1,
    });
    // Promotion to a district admin needs a district.
    await post(hq, `/api/v1/officers/${ids['sho.gaya']}/transfer`, { role: 'district_admin', reason: 'x-y' }).expect(
      400,
    );
    await post(hq, `/api/v1/officers/${ids['sho.gaya']}/transfer`, { reason: 'nothing' }).expect(400);
  });

  it('refuses creating an officer whose role does not fit the level, with the reason', async () => {
    const hq = await login('hq');
    for (const [role, jurisdictionCode] of [
      ['station_officer', 'PAT'],
      ['district_admin', 'KOTWALI'],
      ['auditor', 'KOTWALI'],
      ['subdivision_officer', undefined],
    ]) {
      const res = await post(hq, '/api/v1/officers', {
        username: `bad.${role}`,
        password: TEST_PASSWORD,
        role,
        jurisdictionCode,
        displayName: 'x',
      });
      expect(res.status, `${role} at ${jurisdictionCode}`).toBe(400);
      expect(res.body.message).toMatch(/must be bound|is posted at/);
    }
  });

  it('rotates refresh tokens and, when a spent one comes back, ends the whole family', async () => {
    const first = await login('sho.kotwali');
    const second = (await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200))
      .body as Tokens;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await me(second).expect(200);
    const third = (await http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(200))
      .body as Tokens;
    // The thief replays the first token: refused, and the officer's live session of that family ends too.
    await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: third.refreshToken }).expect(401);
    await me(third).expect(401);
    expect(await audited('officer.session_reuse_detected', ids['sho.kotwali'])).toHaveLength(1);
    // Another device's session (another family) is untouched.
    await me(await login('sho.kotwali')).expect(200);
    for (const junk of ['', 'x.y', `${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.${'A'.repeat(43)}`]) {
      await http().post('/api/v1/auth/refresh').send({ refreshToken: junk }).expect(401);
    }
  });

  it('logs out one session: its access and refresh tokens stop, the other devices go on', async () => {
    const phone = await login('sho.kotwali');
    const desk = await login('sho.kotwali');
    await post(phone, '/api/v1/auth/logout').expect(204);
    await me(phone).expect(401);
    await http().post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
    await me(desk).expect(200);
    expect((await audited('officer.logout', ids['sho.kotwali'])).length).toBeGreaterThan(0);
  });

  it('an admin reset issues a one-time password that only allows changing it, against the policy', async () => {
    const sp = await login('sp.patna');
    const old = await login('sho.kotwali');
    const reset = await post(sp, `/api/v1/officers/${ids['sho.kotwali']}/password-reset`, {
      reason: 'forgot password',
    }).expect(200);
    const temporary = reset.body.temporaryPassword as string;
    expect(temporary).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    await me(old).expect(401);
    await http().post('/api/v1/auth/login').send({ username: 'sho.kotwali', password: TEST_PASSWORD }).expect(401);
    const pending = await login('sho.kotwali', temporary);
    expect(pending.passwordChangeRequired).toBe(true);
    await me(pending).expect(200);
    const blocked = await get(pending, `/api/v1/officers/${ids['sho.kotwali']}`);
    expect(blocked.status).toBe(403);
    for (const [weak, reason] of [
      ['aaaaaaaaaaaa', /too few characters/],
      ['123456789012', /sequence/],
      [' '.repeat(12), /too few characters/],
      ['password1234', /too easy to guess.*अनुमान/],
      ['short', /at least 12/],
    ] as const) {
      const res = await post(pending, '/api/v1/me/password', { currentPassword: temporary, newPassword: weak });
      expect(res.status, weak).toBe(400);
      expect(res.body.message).toMatch(reason);
    }
    const changed = (
      await post(pending, '/api/v1/me/password', {
        currentPassword: temporary,
        newPassword: 'kotwali-night-patrol-river',
      }).expect(200)
    ).body as Tokens;
    expect(changed.passwordChangeRequired).toBeUndefined();
    await me(pending).expect(401);
    await get(changed, '/api/v1/me').expect(200);
    await login('sho.kotwali', 'kotwali-night-patrol-river');
    expect(await audited('officer.password_reset', ids['sho.kotwali'])).toMatchObject([
      { actor: { officerId: ids['sp.patna'] }, body: { reason: 'forgot password' } },
    ]);
    expect(await audited('officer.password_changed', ids['sho.kotwali'])).toMatchObject([
      { body: { afterReset: true } },
    ]);
    expect(JSON.stringify(await audited('officer.password_reset', ids['sho.kotwali']))).not.toContain(temporary);
  });

  it('self-service change: wrong current password refused; every other session ends', async () => {
    const a = await login('sho.gaya');
    const b = await login('sho.gaya');
    await post(a, '/api/v1/me/password', {
      currentPassword: 'wrong-one-here',
      newPassword: 'gaya-town-monsoon-ledger',
    }).expect(401);
    const fresh = (
      await post(a, '/api/v1/me/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: 'gaya-town-monsoon-ledger',
      }).expect(200)
    ).body as Tokens;
    await me(b).expect(401);
    await me(a).expect(401);
    await me(fresh).expect(200);
  });

  it('scopes the officer list and views to the caller’s jurisdiction; outside it looks like missing', async () => {
    const hq = await login('hq');
    const sp = await login('sp.patna');
    const auditor = await login('auditor.patna');
    const sho = await login('sho.gandhi');
    const all = (await get(hq, '/api/v1/officers?limit=200').expect(200)).body as { total: number };
    expect(all.total).toBeGreaterThanOrEqual(7);
    const patna = (await get(sp, '/api/v1/officers?limit=200').expect(200)).body as {
      items: { username: string }[];
    };
    expect(patna.items.map((o) => o.username).sort()).toEqual(
      ['auditor.patna', 'sho.gandhi', 'sho.gaya', 'sho.kotwali', 'sp.patna'].sort(),
    );
    const search = (await get(auditor, '/api/v1/officers?q=GANDHI&role=station_officer').expect(200)).body as {
      items: { username: string }[];
    };
    expect(search.items.map((o) => o.username)).toEqual(['sho.gandhi']);
    expect((await get(hq, '/api/v1/officers?limit=2&offset=1').expect(200)).body).toMatchObject({
      limit: 2,
      offset: 1,
    });
    await get(sp, `/api/v1/officers/${ids['sp.gaya']}`).expect(404);
    await get(sp, '/api/v1/officers/not-a-uuid').expect(404);
    await get(sp, `/api/v1/officers/${ids['sho.gandhi']}`).expect(200);
    await get(sho, '/api/v1/officers').expect(403);
    await get(hq, '/api/v1/officers?limit=0').expect(400);
    // A district admin manages station officers of the district, not peers, HQ or other districts.
    await post(sp, `/api/v1/officers/${ids['sp.gaya']}/disable`, { reason: 'try' }).expect(404);
    await post(sp, `/api/v1/officers/${ids.hq}/disable`, { reason: 'try' }).expect(404);
    const peer = await post(auditor, `/api/v1/officers/${ids['sho.gandhi']}/disable`, { reason: 'try' });
    expect(peer.status).toBe(403);
    await post(sp, `/api/v1/officers/${ids['sho.gandhi']}/transfer`, {
      jurisdictionCode: 'GAYA-TOWN',
      reason: 'out of district',
    }).expect(403);
    await post(hq, `/api/v1/officers/${ids.hq}/disable`, { reason: 'self' }).expect(403);
  });

  it('requires a second factor of HQ, district admins and auditors: enrolment first, then a code each time', async () => {
    await newOfficer(app, { username: 'sp.second', role: 'district_admin', jurisdictionCode: 'PAT' });
    const first = await http().post('/api/v1/auth/login').send({ username: 'sp.second', password: TEST_PASSWORD });
    expect(first.body).toMatchObject({ step: 'totp_enrolment_required', enrolmentToken: expect.any(String) });
    expect(first.body.accessToken).toBeUndefined();
    const bearer = `Bearer ${first.body.enrolmentToken}`;
    // The enrolment token opens the enrolment routes only.
    await http().get('/api/v1/officers').set('authorization', bearer).expect(403);
    const enrol = await http().post('/api/v1/me/totp/enrol').set('authorization', bearer).expect(200);
    expect(enrol.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*sp\.second\?secret=/);
    const secret = enrol.body.secret as string;
    await http().post('/api/v1/me/totp/confirm').set('authorization', bearer).send({ code: '000000' }).expect(400);
    const now = Math.floor(Date.now() / 30_000);
    const confirmed = await http()
      .post('/api/v1/me/totp/confirm')
      .set('authorization', bearer)
      .send({ code: await generate({ secret, epoch: now * 30 }) })
      .expect(200);
    const recovery = confirmed.body.recoveryCodes as string[];
    spRecovery = recovery;
    expect(recovery).toHaveLength(10);
    await get(confirmed.body.session as Tokens, '/api/v1/officers').expect(200);
    await http()
      .post('/api/v1/me/totp/enrol')
      .set('authorization', `Bearer ${confirmed.body.session.accessToken}`)
      .expect(409);

    const again = await http().post('/api/v1/auth/login').send({ username: 'sp.second', password: TEST_PASSWORD });
    expect(again.body).toMatchObject({ step: 'totp_required' });
    expect(again.body.accessToken).toBeUndefined();
    const withCode = (code: string) =>
      http().post('/api/v1/auth/login').send({ username: 'sp.second', password: TEST_PASSWORD, totpCode: code });
    await withCode('123456').expect(401);
    // The code of the confirmation's step was spent: a replay is refused; the next step's code works once.
    await withCode(await generate({ secret, epoch: now * 30 })).expect(401);
    const next = await generate({ secret, epoch: (now + 1) * 30 });
    expect((await withCode(next).expect(200)).body.accessToken).toEqual(expect.any(String));
    await withCode(next).expect(401);
    // A recovery code signs in once.
    const byRecovery = () =>
      http()
        .post('/api/v1/auth/login')
        .send({ username: 'sp.second', password: TEST_PASSWORD, recoveryCode: recovery[0].toUpperCase() });
    await byRecovery().expect(200);
    await byRecovery().expect(401);
    const [{ id }] = await dataSource.query<{ id: string }[]>(`SELECT id FROM officer WHERE username = 'sp.second'`);
    expect((await audited('officer.login_failed', id)).map((e) => e.body.reason)).toEqual([
      'wrong_second_factor',
      'wrong_second_factor',
      'wrong_second_factor',
      'wrong_second_factor',
    ]);
    expect(await audited('officer.totp_enrolled', id)).toHaveLength(1);
    expect(await audited('officer.recovery_code_used', id)).toMatchObject([{ body: { remaining: 9 } }]);
    const stored = await dataSource.query<{ sealed: string }[]>(
      `SELECT totp_secret_sealed AS sealed FROM officer WHERE id = $1`,
      [id],
    );
    expect(stored[0].sealed).not.toContain(secret);
  });

  it('an admin clears a lost second factor: sessions end, the next sign-in enrols again', async () => {
    const hq = await login('hq');
    const sp = (
      await http()
        .post('/api/v1/auth/login')
        .send({ username: 'sp.second', password: TEST_PASSWORD, recoveryCode: spRecovery[1] })
        .expect(200)
    ).body as Tokens;
    const [{ id }] = await dataSource.query<{ id: string }[]>(`SELECT id FROM officer WHERE username = 'sp.second'`);
    await post(sp, `/api/v1/officers/${id}/second-factor-reset`, { reason: 'self' }).expect(403);
    await post(hq, `/api/v1/officers/${id}/second-factor-reset`, { reason: 'phone lost, FIR 9/2026' }).expect(200);
    await me(sp).expect(401);
    const again = await http().post('/api/v1/auth/login').send({ username: 'sp.second', password: TEST_PASSWORD });
    expect(again.body.step).toBe('totp_enrolment_required');
    expect(await audited('officer.second_factor_reset', id)).toMatchObject([
      { actor: { officerId: ids.hq }, body: { reason: 'phone lost, FIR 9/2026' } },
    ]);
  });

  it('lets a station officer sign in without a second factor (optional for them)', async () => {
    const res = await http().post('/api/v1/auth/login').send({ username: 'sho.gandhi', password: TEST_PASSWORD });
    expect(res.body.accessToken).toEqual(expect.any(String));
  });
});
