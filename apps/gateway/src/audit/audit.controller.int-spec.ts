import { INestApplication, ValidationPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import {
  AuditChainVerifier,
  AuditEvent,
  AuditRecorder,
  CSV_COLUMNS,
  officerActor,
  parseAuditLine,
  ProjectAuditEventCommand,
  SYSTEM_ACTOR,
  AuditModule,
} from '@jansetu/audit';
import { IdentityHttpModule, LoginCommand } from '@jansetu/identity';
import { JurisdictionModule } from '@jansetu/jurisdiction';
import { PlatformModule, Topics } from '@jansetu/platform';
import { createDatabase, importJurisdictions, newOfficer, signIn, testConfig } from '@jansetu/testing';
import { OfficersController } from '../admin/officers.controller';
import { AuditController } from './audit.controller';

const PASSWORD = 'a-long-test-password';
const tricky = 'सावधान, "OTP" किसी को न बताएँ\nDo not share your OTP';

/** RFC 4180, enough to read back what the export wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return rows;
}

describe('the auditor API over HTTP', () => {
  let app: INestApplication;
  let dataSource: DataSource;
  const token: Record<string, string> = {};
  const paths: Record<string, string> = {};
  const broadcasts = { patna: randomUUID(), gaya: randomUUID() };

  const as = (who: string) => ({ authorization: `Bearer ${token[who]}` });
  const get = (who: string, url: string) => request(app.getHttpServer()).get(url).set(as(who));

  async function project(): Promise<void> {
    const commands = app.get(CommandBus);
    const rows = await dataSource.query<{ event: AuditEvent }[]>(
      `SELECT payload->'payload' AS event FROM outbox_message WHERE topic = $1 AND published_at IS NULL ORDER BY seq`,
      [Topics.audit],
    );
    for (const { event } of rows) await commands.execute(new ProjectAuditEventCommand([event]));
    await dataSource.query(`UPDATE outbox_message SET published_at = now() WHERE published_at IS NULL`);
  }

  beforeAll(async () => {
    const url = await createDatabase(inject('runPrefix'), 'audit_http');
    const config = testConfig(url, { LOG_LEVEL: 'warn' });
    const module = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(config, url), AuditModule, JurisdictionModule, IdentityHttpModule],
      controllers: [AuditController, OfficersController],
    }).compile();
    app = module.createNestApplication({ logger: ['error'] });
    app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
    await app.init();
    dataSource = app.get(DataSource);

    const { nodes } = await importJurisdictions(app, [
      { code: 'BR', parentCode: null, level: 'state' },
      { code: 'PAT', parentCode: 'BR', level: 'district' },
      { code: 'GAY', parentCode: 'BR', level: 'district' },
      // A station officer is posted at a station (the role × level table of identity).
      { code: 'PAT-SADAR', parentCode: 'PAT', level: 'subdivision' },
      { code: 'PAT-KOTWALI', parentCode: 'PAT-SADAR', level: 'station' },
    ]);
    for (const [code, node] of Object.entries(nodes)) paths[code] = node.path;
    const commands = app.get(CommandBus);
    await newOfficer(app, { username: 'hq.admin', password: PASSWORD, role: 'hq_admin', displayName: 'HQ' });
    token.hq = (await signIn(app, 'hq.admin', PASSWORD)).accessToken;
    // Officers created over the API carry their creator into the audit log.
    for (const [username, role, jurisdictionCode] of [
      ['auditor.state', 'auditor', undefined],
      ['auditor.patna', 'auditor', 'PAT'],
      ['sho.patna', 'station_officer', 'PAT-KOTWALI'],
    ] as const) {
      await request(app.getHttpServer())
        .post('/api/v1/officers')
        .set(as('hq'))
        .send({ username, password: PASSWORD, role, jurisdictionCode, displayName: username })
        .expect(201);
      token[username] = (await signIn(app, username, PASSWORD)).accessToken;
    }
    await expect(commands.execute(new LoginCommand('auditor.patna', 'wrong-password-here'))).rejects.toThrow();

    const recorder = app.get(AuditRecorder);
    const record = (broadcastId: string, path: string, type: string, body: Record<string, unknown>) =>
      dataSource.transaction((m) =>
        recorder.record(m, {
          chainId: `broadcast:${broadcastId}`,
          type,
          actor:
            type === 'broadcast.created'
              ? officerActor({ id: randomUUID(), role: 'station_officer', jurisdictionPath: path })
              : SYSTEM_ACTOR,
          jurisdictionPath: path,
          subject: { broadcastId },
          body,
        }),
      );
    await record(broadcasts.patna, paths.PAT, 'broadcast.created', {
      category: 'cyber_safety',
      content: { hi: tricky },
      audienceSize: 1,
    });
    await record(broadcasts.patna, paths.PAT, 'broadcast.messages_sent', {
      outcomes: [{ deliveryId: 'd1', pseudonym: 'N-HTTP0001', channel: 'sms', status: 'sent' }],
    });
    await record(broadcasts.gaya, paths.GAY, 'broadcast.created', { category: 'alert', content: { hi: 'बाढ़' } });
    await project();
  });
  afterAll(async () => app?.close());

  it('describes every auditor route in the OpenAPI document', () => {
    const doc = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    expect(
      Object.keys(doc.paths)
        .filter((p) => p.startsWith('/api/v1/audit'))
        .sort(),
    ).toEqual([
      '/api/v1/audit/broadcasts/{id}/trail',
      '/api/v1/audit/citizens/{pseudonym}/history',
      '/api/v1/audit/events',
      '/api/v1/audit/export',
      '/api/v1/audit/legal-holds',
      '/api/v1/audit/legal-holds/{id}/release',
      '/api/v1/audit/purge',
      '/api/v1/audit/settings',
      '/api/v1/audit/verify',
    ]);
  });

  it('is closed to officers who are not auditors, and to anyone without a token', async () => {
    await get('sho.patna', '/api/v1/audit/events').expect(403);
    await request(app.getHttpServer()).get('/api/v1/audit/events').expect(401);
    await get('auditor.state', '/api/v1/audit/events?limit=0').expect(400);
    await get('auditor.state', '/api/v1/audit/events?cursor=garbage').expect(400);
  });

  it('shows a district auditor their district only, and refuses another district by name', async () => {
    const patna = await get('auditor.patna', '/api/v1/audit/events').expect(200);
    const events = patna.body as AuditEvent[];
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.jurisdictionPath?.startsWith(paths.PAT))).toBe(true);
    expect(events.map((e) => e.subject.broadcastId)).not.toContain(broadcasts.gaya);
    await get('auditor.patna', '/api/v1/audit/events?jurisdictionCode=GAY').expect(403);
    await get('auditor.patna', `/api/v1/audit/broadcasts/${broadcasts.gaya}/trail`).expect(404);
    await get('auditor.patna', `/api/v1/audit/broadcasts/${broadcasts.patna}/trail`).expect(200);
  });

  it('records logins, failed logins and who created each officer', async () => {
    const res = await get(
      'auditor.state',
      '/api/v1/audit/events?type=officer.created,officer.login,officer.login_failed',
    );
    const events = res.body as AuditEvent[];
    const created = events.filter((e) => e.type === 'officer.created');
    expect(created.map((e) => [e.subject.username, e.actor.kind, e.actor.role])).toEqual([
      ['hq.admin', 'system', null],
      ['auditor.state', 'officer', 'hq_admin'],
      ['auditor.patna', 'officer', 'hq_admin'],
      ['sho.patna', 'officer', 'hq_admin'],
    ]);
    expect(created.find((e) => e.subject.username === 'auditor.patna')!.jurisdictionPath).toBe(paths.PAT);
    expect(events.filter((e) => e.type === 'officer.login')).toHaveLength(4);
    const failed = events.filter((e) => e.type === 'officer.login_failed');
    expect(failed).toMatchObject([{ subject: { username: 'auditor.patna' }, body: { reason: 'wrong_password' } }]);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it('pages with the X-Next-Cursor header', async () => {
    const all = (await get('auditor.state', '/api/v1/audit/events?limit=1000').expect(200)).body as AuditEvent[];
    const seen: string[] = [];
    let url = '/api/v1/audit/events?limit=4';
    for (;;) {
      const res = await get('auditor.state', url).expect(200);
      seen.push(...(res.body as AuditEvent[]).map((e) => e.id));
      const next = res.headers['x-next-cursor'] as string | undefined;
      if (!next) break;
      url = `/api/v1/audit/events?limit=4&cursor=${next}`;
    }
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it('exports NDJSON that the independent verifier accepts, as a download', async () => {
    const res = await get('auditor.state', '/api/v1/audit/export?format=ndjson')
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => done(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="jansetu-audit-.+\.ndjson"$/);
    const verifier = new AuditChainVerifier();
    const lines = (res.body as string).trimEnd().split('\n');
    for (const line of lines) verifier.add(parseAuditLine(line)!);
    const all = (await get('auditor.state', '/api/v1/audit/events?limit=1000')).body as AuditEvent[];
    expect(verifier.finish()).toMatchObject({ ok: true, checkedEvents: all.length });
  });

  it('exports CSV whose quoting keeps commas, quotes, newlines and Hindi intact', async () => {
    const res = await get('auditor.patna', `/api/v1/audit/export?format=csv&broadcastId=${broadcasts.patna}`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      });
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/\.csv"$/);
    const text = res.body as string;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(2);
    const col = (row: string[], name: (typeof CSV_COLUMNS)[number]) => row[CSV_COLUMNS.indexOf(name)];
    expect(JSON.parse(col(rows[0], 'content'))).toEqual({ hi: tricky });
    expect(col(rows[0], 'category')).toBe('cyber_safety');
    expect(col(rows[1], 'outcome')).toBe('sent=1');
    expect(col(rows[1], 'channels')).toBe('sms');
  });

  it('verifies the chains in the caller’s scope', async () => {
    const res = await get('auditor.patna', '/api/v1/audit/verify').expect(200);
    expect(res.body).toMatchObject({ ok: true, complete: true, brokenChains: 0 });
    expect(res.body.checkedEvents).toBeGreaterThan(2);
    const one = await get('auditor.state', `/api/v1/audit/verify?chainId=broadcast:${broadcasts.gaya}`).expect(200);
    expect(one.body).toMatchObject({ ok: true, checkedEvents: 1, chains: 1 });
  });

  it('gives a citizen’s history and refuses what is not a pseudonym', async () => {
    const res = await get('auditor.patna', '/api/v1/audit/citizens/N-HTTP0001/history').expect(200);
    expect(res.body.entries).toMatchObject([{ type: 'broadcast.messages_sent', channel: 'sms', status: 'sent' }]);
    await get('auditor.patna', '/api/v1/audit/citizens/+919876543210/history').expect(400);
  });

  it('lets only an HQ admin change retention and holds, and audits each change', async () => {
    expect((await get('auditor.state', '/api/v1/audit/settings').expect(200)).body).toMatchObject({
      retentionDays: null,
      legalHolds: [],
    });
    await request(app.getHttpServer())
      .put('/api/v1/audit/settings')
      .set(as('auditor.state'))
      .send({ retentionDays: 400 })
      .expect(403);
    await request(app.getHttpServer())
      .put('/api/v1/audit/settings')
      .set(as('hq'))
      .send({ retentionDays: 5 })
      .expect(400);
    const put = await request(app.getHttpServer())
      .put('/api/v1/audit/settings')
      .set(as('hq'))
      .send({ retentionDays: 400 })
      .expect(200);
    expect(put.body).toMatchObject({ retentionDays: 400 });
    const hold = await request(app.getHttpServer())
      .post('/api/v1/audit/legal-holds')
      .set(as('hq'))
      .send({ jurisdictionCode: 'PAT', reason: 'court order 77/2026' })
      .expect(201);
    await request(app.getHttpServer())
      .post('/api/v1/audit/legal-holds')
      .set(as('hq'))
      .send({ jurisdictionCode: 'PAT', pseudonym: 'N-HTTP0001', reason: 'two targets' })
      .expect(400);
    await request(app.getHttpServer())
      .post(`/api/v1/audit/legal-holds/${hold.body.id}/release`)
      .set(as('hq'))
      .send({ reason: 'order lifted' })
      .expect(204);
    expect((await request(app.getHttpServer()).post('/api/v1/audit/purge').set(as('hq')).expect(200)).body).toEqual({
      purgedEvents: 0,
      chains: 0,
      records: [],
    });
    await request(app.getHttpServer()).post('/api/v1/audit/purge').set(as('auditor.state')).expect(403);
    await project();
    const changes = (await get('auditor.state', '/api/v1/audit/events?chainId=audit:settings').expect(200))
      .body as AuditEvent[];
    expect(changes.map((e) => [e.type, e.actor.role])).toEqual([
      ['audit.settings_changed', 'hq_admin'],
      ['audit.legal_hold_placed', 'hq_admin'],
      ['audit.legal_hold_released', 'hq_admin'],
    ]);
  });
});
