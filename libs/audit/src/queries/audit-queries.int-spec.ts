import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { JurisdictionModule } from '@jansetu/jurisdiction';
import { ForbiddenError, NotFoundError, PlatformModule, Topics } from '@jansetu/platform';
import { createDatabase, importJurisdictions, testConfig } from '@jansetu/testing';
import { AuditModule } from '../audit.module';
import { ProjectAuditEventCommand } from '../commands/project-audit-event/project-audit-event.command';
import { ProjectAuditEventHandler } from '../commands/project-audit-event/project-audit-event.handler';
import { AuditEvent } from '../domain/audit-event';
import { AuditFact, AuditRecorder, officerActor, SYSTEM_ACTOR } from '../domain/audit-recorder';
import { ExportAuditEventsQuery } from './export-audit-events/export-audit-events.query';
import { ExportAuditEventsHandler } from './export-audit-events/export-audit-events.handler';
import { GetBroadcastTrailHandler } from './get-broadcast-trail/get-broadcast-trail.handler';
import { GetBroadcastTrailQuery } from './get-broadcast-trail/get-broadcast-trail.query';
import { GetCitizenHistoryHandler } from './get-citizen-history/get-citizen-history.handler';
import { GetCitizenHistoryQuery } from './get-citizen-history/get-citizen-history.query';
import { SearchAuditEventsHandler } from './search-audit-events/search-audit-events.handler';
import { AuditSearchFilter, SearchAuditEventsQuery } from './search-audit-events/search-audit-events.query';
import { VerifyAuditChainsHandler } from './verify-audit-chains/verify-audit-chains.handler';
import { VerifyAuditChainsQuery } from './verify-audit-chains/verify-audit-chains.query';

/** A slice of Bihar: Patna (Kotwali thana) and Gaya (Civil Lines thana) under the state. */
const slice = [
  { code: 'BR', parentCode: null, level: 'state' },
  { code: 'PAT', parentCode: 'BR', level: 'district' },
  { code: 'PAT-SADAR', parentCode: 'PAT', level: 'subdivision' },
  { code: 'PAT-KOTWALI', parentCode: 'PAT-SADAR', level: 'station' },
  { code: 'GAY', parentCode: 'BR', level: 'district' },
  { code: 'GAY-SADAR', parentCode: 'GAY', level: 'subdivision' },
  { code: 'GAY-CIVIL', parentCode: 'GAY-SADAR', level: 'station' },
] as const;
/** Materialised paths, as the import gives them. */
const path = { state: '', pat: '', kot: '', gay: '', civ: '' };
const sho = { id: randomUUID(), role: 'station_officer', jurisdictionPath: '' };
const dm = { id: randomUUID(), role: 'district_admin', jurisdictionPath: '' };
const gayaSho = { id: randomUUID(), role: 'station_officer', jurisdictionPath: '' };
const hq = { id: randomUUID(), role: 'hq_admin', jurisdictionPath: null };
const broadcastA = randomUUID();
const broadcastB = randomUUID();
const groupA = randomUUID();
const [ram, sita] = ['N-RAM11111', 'N-SITA2222'];

describe('the auditor queries on PostgreSQL', () => {
  let dataSource: DataSource;
  let search: (
    filter: AuditSearchFilter,
    scopePath: string | null,
    limit?: number,
    cursor?: string,
  ) => Promise<AuditEvent[]>;
  let verify: VerifyAuditChainsHandler;
  let app: INestApplicationContext;

  async function record(fact: AuditFact): Promise<AuditEvent> {
    return dataSource.transaction((m) => app.get(AuditRecorder).record(m, fact));
  }

  /** What the relay and the projection consumer do: every audit message of the outbox into the store. */
  async function project(): Promise<void> {
    const handler = app.get(ProjectAuditEventHandler);
    const rows = await dataSource.query<{ event: AuditEvent }[]>(
      `SELECT payload->'payload' AS event FROM outbox_message WHERE topic = $1 ORDER BY seq`,
      [Topics.audit],
    );
    for (const { event } of rows) await handler.execute(new ProjectAuditEventCommand([event]));
    await dataSource.query(`UPDATE outbox_message SET published_at = now() WHERE published_at IS NULL`);
  }

  beforeAll(async () => {
    const url = await createDatabase(inject('runPrefix'), 'audit_queries');
    const module = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(testConfig(url, { LOG_LEVEL: 'warn' }), url), AuditModule, JurisdictionModule],
    }).compile();
    app = await module.init();
    dataSource = app.get(DataSource);
    const { nodes } = await importJurisdictions(app, [...slice]);
    // The tree is the world these queries run in, not one of the acts they are about: its import's audit event goes.
    await dataSource.query(`DELETE FROM outbox_message WHERE key = 'jurisdiction:tree'`);
    await dataSource.query(`DELETE FROM audit_chain WHERE chain_id = 'jurisdiction:tree'`);
    Object.assign(path, {
      state: nodes.BR.path,
      pat: nodes.PAT.path,
      kot: nodes['PAT-KOTWALI'].path,
      gay: nodes.GAY.path,
      civ: nodes['GAY-CIVIL'].path,
    });
    sho.jurisdictionPath = path.kot;
    dm.jurisdictionPath = path.pat;
    gayaSho.jurisdictionPath = path.civ;

    const a = `broadcast:${broadcastA}`;
    await record({
      chainId: a,
      type: 'broadcast.created',
      actor: officerActor(sho),
      jurisdictionPath: path.kot,
      subject: { broadcastId: broadcastA, groupIds: [groupA] },
      body: {
        category: 'rumour_rebuttal',
        content: { hi: 'बच्चा चोरी की अफवाह झूठी है।', en: 'The child-lifter rumour is false.' },
        contentSha256: 'c'.repeat(64),
        audienceSize: 2,
      },
    });
    await record({
      chainId: a,
      type: 'broadcast.approved',
      actor: officerActor(dm),
      jurisdictionPath: path.kot,
      subject: { broadcastId: broadcastA },
      body: { note: 'तथ्य जाँचे गए / facts checked' },
    });
    const sent = (outcomes: object[]) => ({
      chainId: a,
      type: 'broadcast.messages_sent',
      actor: SYSTEM_ACTOR,
      jurisdictionPath: path.kot,
      subject: { broadcastId: broadcastA },
      body: { contentSha256: 'c'.repeat(64), outcomes },
    });
    await record(
      sent([
        { deliveryId: 'd-ram', pseudonym: ram, channel: 'sms', status: 'sent' },
        { deliveryId: 'd-sita', pseudonym: sita, channel: 'whatsapp', status: 'failed', failure: 'retryable' },
      ]),
    );
    await record(sent([{ deliveryId: 'd-sita', pseudonym: sita, channel: 'whatsapp', status: 'sent' }]));
    await record({
      chainId: a,
      type: 'broadcast.completed',
      actor: SYSTEM_ACTOR,
      jurisdictionPath: path.kot,
      subject: { broadcastId: broadcastA },
      body: {
        outcomes: [
          { status: 'sent', channel: 'sms', n: 1 },
          { status: 'sent', channel: 'whatsapp', n: 1 },
        ],
      },
    });
    await record({
      chainId: `citizen:${ram}`,
      type: 'auto_reply.sent',
      actor: SYSTEM_ACTOR,
      jurisdictionPath: path.kot,
      subject: { pseudonym: ram },
      body: { reason: 'joined', channel: 'sms', content: 'आप जुड़ गए / You have joined', status: 'sent' },
    });
    const b = `broadcast:${broadcastB}`;
    await record({
      chainId: b,
      type: 'broadcast.created',
      actor: officerActor(gayaSho),
      jurisdictionPath: path.civ,
      subject: { broadcastId: broadcastB, groupIds: [randomUUID()] },
      body: { category: 'cyber_safety', content: { hi: 'साइबर ठगी से सावधान रहें।' }, audienceSize: 1 },
    });
    await record({
      chainId: b,
      type: 'broadcast.messages_sent',
      actor: SYSTEM_ACTOR,
      jurisdictionPath: path.civ,
      subject: { broadcastId: broadcastB },
      body: { outcomes: [{ deliveryId: 'd-ram-b', pseudonym: ram, channel: 'telegram', status: 'sent' }] },
    });
    await record({
      chainId: b,
      type: 'broadcast.completed',
      actor: SYSTEM_ACTOR,
      jurisdictionPath: path.civ,
      subject: { broadcastId: broadcastB },
      body: { outcomes: [{ status: 'sent', channel: 'telegram', n: 1 }] },
    });
    await record({
      chainId: `officer:${hq.id}`,
      type: 'officer.login',
      actor: officerActor(hq),
      jurisdictionPath: null,
      subject: { officerId: hq.id },
      body: {},
    });
    await project();
    await project(); // a replay of the topic changes nothing

    const handler = app.get(SearchAuditEventsHandler);
    search = async (filter, scopePath, limit = 100, cursor) =>
      (await handler.execute(new SearchAuditEventsQuery({ filter, scopePath, limit, cursor }))).events;
    verify = app.get(VerifyAuditChainsHandler);
  });
  afterAll(async () => app?.close());

  const types = (events: AuditEvent[]) => events.map((e) => `${e.chainId.split(':')[0]}:${e.type}`);

  it('shows a district auditor only the events of their district, and a state auditor everything', async () => {
    const patna = await search({}, path.pat);
    expect(patna).toHaveLength(6);
    expect(patna.every((e) => e.jurisdictionPath!.startsWith(path.pat))).toBe(true);
    const gaya = await search({}, path.gay);
    expect(types(gaya)).toEqual([
      'broadcast:broadcast.created',
      'broadcast:broadcast.messages_sent',
      'broadcast:broadcast.completed',
    ]);
    const state = await search({}, null);
    expect(state).toHaveLength(10);
    expect(state.map((e) => e.occurredAt)).toEqual([...state.map((e) => e.occurredAt)].sort());
  });

  it('filters by channel, citizen, words, category, group, officer, type and time', async () => {
    expect((await search({ channel: 'whatsapp' }, null)).map((e) => e.chainSeq)).toEqual([3, 4, 5]);
    expect(types(await search({ pseudonym: sita }, null))).toEqual([
      'broadcast:broadcast.messages_sent',
      'broadcast:broadcast.messages_sent',
    ]);
    expect(types(await search({ text: 'ठगी' }, null))).toEqual(['broadcast:broadcast.created']);
    expect(types(await search({ text: 'RUMOUR' }, null))).toEqual(['broadcast:broadcast.created']);
    expect(await search({ text: '100%' }, null)).toEqual([]); // a wildcard in the words is a plain character
    expect((await search({ category: 'cyber_safety' }, null))[0].subject.broadcastId).toBe(broadcastB);
    expect((await search({ groupId: groupA }, null))[0].subject.broadcastId).toBe(broadcastA);
    expect(types(await search({ officerId: dm.id }, null))).toEqual(['broadcast:broadcast.approved']);
    expect(await search({ types: ['officer.login', 'auto_reply.sent'] }, null)).toHaveLength(2);
    expect(await search({ broadcastId: broadcastB }, null)).toHaveLength(3);
    const all = await search({}, null);
    const from = new Date(all[3].occurredAt);
    const to = new Date(all[6].occurredAt);
    expect((await search({ from, to }, null)).map((e) => e.id)).toEqual(all.slice(3, 6).map((e) => e.id));
  });

  it('narrows a jurisdiction filter to the caller’s reach and refuses one beside it', async () => {
    expect(await search({ jurisdictionCode: 'GAY' }, null)).toHaveLength(3);
    expect(await search({ jurisdictionCode: 'BR' }, path.gay)).toHaveLength(3);
    await expect(search({ jurisdictionCode: 'GAY' }, path.pat)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('pages with a cursor without losing or repeating an event', async () => {
    const all = await search({}, null);
    const handler = app.get(SearchAuditEventsHandler);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await handler.execute(new SearchAuditEventsQuery({ filter: {}, scopePath: null, limit: 3, cursor }));
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    await expect(
      handler.execute(new SearchAuditEventsQuery({ filter: {}, scopePath: null, limit: 3, cursor: 'bm9wZQ' })),
    ).rejects.toThrow(/cursor/);
  });

  it('tells the whole trail of a broadcast: author, approver, times, audience and each recipient once', async () => {
    const trail = await app.get(GetBroadcastTrailHandler).execute(new GetBroadcastTrailQuery(broadcastA, path.pat));
    expect(trail).toMatchObject({
      category: 'rumour_rebuttal',
      author: { officerId: sho.id, role: 'station_officer' },
      decision: { type: 'broadcast.approved', actor: { officerId: dm.id }, note: 'तथ्य जाँचे गए / facts checked' },
      audienceSize: 2,
      groupIds: [groupA],
      messageBatches: 2,
      // Sita's failed first attempt is superseded by the retry that reached her.
      outcomes: { total: 2, byStatus: { sent: 2 }, byChannel: { sms: { sent: 1 }, whatsapp: { sent: 1 } } },
    });
    expect(trail.outcomes.byFailure).toEqual({}); // nor does her failure count among the reasons
    expect(trail.steps.map((s) => s.type)).toEqual(['broadcast.created', 'broadcast.approved', 'broadcast.completed']);
    expect(trail.createdAt! < trail.firstSentAt! && trail.firstSentAt! < trail.lastSentAt!).toBe(true);
    expect(trail.completedAt! > trail.lastSentAt!).toBe(true);
    await expect(
      app.get(GetBroadcastTrailHandler).execute(new GetBroadcastTrailQuery(broadcastA, path.gay)),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives a citizen’s history with only their own outcomes and what was said to them', async () => {
    const handler = app.get(GetCitizenHistoryHandler);
    const history = await handler.execute(new GetCitizenHistoryQuery(ram, null, 100));
    expect(history.entries.map((e) => [e.type, e.channel, e.status])).toEqual([
      ['broadcast.messages_sent', 'sms', 'sent'],
      ['auto_reply.sent', 'sms', 'sent'],
      ['broadcast.messages_sent', 'telegram', 'sent'],
    ]);
    expect(history.entries[0].outcomes).toEqual([
      { deliveryId: 'd-ram', pseudonym: ram, channel: 'sms', status: 'sent' },
    ]);
    expect(history.entries[0].content).toMatchObject({ hi: 'बच्चा चोरी की अफवाह झूठी है।' });
    expect(history.entries[0].category).toBe('rumour_rebuttal');
    const fromPatna = await handler.execute(new GetCitizenHistoryQuery(ram, path.pat, 100));
    expect(fromPatna.entries).toHaveLength(2);
    const first = await handler.execute(new GetCitizenHistoryQuery(ram, null, 2));
    const rest = await handler.execute(new GetCitizenHistoryQuery(ram, null, 2, first.nextCursor!));
    expect([...first.entries, ...rest.entries].map((e) => e.eventId)).toEqual(history.entries.map((e) => e.eventId));
    expect(rest.nextCursor).toBeNull();
  });

  it('exports every event in scope, in order, page after page', async () => {
    const events = await app.get(ExportAuditEventsHandler).execute(new ExportAuditEventsQuery({}, path.pat));
    const exported: AuditEvent[] = [];
    for await (const e of events) exported.push(e);
    expect(exported).toEqual(await search({}, path.pat));
  });

  it('verifies every chain in scope', async () => {
    expect(await verify.execute(new VerifyAuditChainsQuery({ scopePath: null, maxEvents: 1000 }))).toEqual({
      ok: true,
      checkedEvents: 10,
      chains: 4,
      brokenChains: 0,
      anchoredChains: 0,
      complete: true,
    });
    const gaya = await verify.execute(new VerifyAuditChainsQuery({ scopePath: path.gay, maxEvents: 1000 }));
    expect(gaya).toMatchObject({ ok: true, checkedEvents: 3, chains: 1 });
    // A chain outside the caller's reach is not "verified": it is not theirs to see.
    await expect(
      verify.execute(
        new VerifyAuditChainsQuery({ scopePath: path.gay, chainId: `broadcast:${broadcastA}`, maxEvents: 1000 }),
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    // A bounded run stops at a chain's end and says where to go on; the runs together cover everything once.
    let run = await verify.execute(new VerifyAuditChainsQuery({ scopePath: null, maxEvents: 4 }));
    const checked = [run.checkedEvents];
    while (!run.complete) {
      expect(run).toMatchObject({ ok: true, resumeAfterChainId: expect.any(String) });
      run = await verify.execute(
        new VerifyAuditChainsQuery({ scopePath: null, maxEvents: 4, afterChainId: run.resumeAfterChainId }),
      );
      checked.push(run.checkedEvents);
    }
    expect(checked.length).toBeGreaterThan(1);
    expect(checked.reduce((a, b) => a + b)).toBe(10);
  });

  describe('when someone with the database’s keys edits the store behind the system’s back', () => {
    /** What a superuser can do: switch the guard off, change the store, switch it on again. */
    async function tamper(sql: string, params: unknown[]): Promise<void> {
      await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
      try {
        await dataSource.query(sql, params);
      } finally {
        await dataSource.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
      }
    }

    it('the database itself refuses UPDATE and DELETE to everyone else', async () => {
      await expect(dataSource.query(`UPDATE audit_event SET type = 'x' WHERE chain_seq = 1`)).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      await expect(dataSource.query(`DELETE FROM audit_event WHERE type = 'officer.login'`)).rejects.toThrow(
        /append-only: DELETE refused/,
      );
    });

    it('verification names an edited event', async () => {
      await tamper(
        `UPDATE audit_event SET event = jsonb_set(event, '{body,outcomes,0,status}', '"failed"')
          WHERE chain_id = $1 AND chain_seq = 3`,
        [`broadcast:${broadcastA}`],
      );
      const result = await verify.execute(new VerifyAuditChainsQuery({ scopePath: null, maxEvents: 1000 }));
      expect(result).toMatchObject({
        ok: false,
        brokenChains: 1,
        firstBreak: {
          chainId: `broadcast:${broadcastA}`,
          chainSeq: 3,
          reason: 'content does not match its hash (edited)',
        },
      });
      // Gaya's auditor checks Gaya's chains, which still hold.
      expect(await verify.execute(new VerifyAuditChainsQuery({ scopePath: path.gay, maxEvents: 1000 }))).toMatchObject({
        ok: true,
      });
    });

    it('verification names the gap a deleted event leaves', async () => {
      await tamper(`DELETE FROM audit_event WHERE chain_id = $1 AND chain_seq = 2`, [`broadcast:${broadcastB}`]);
      const result = await verify.execute(
        new VerifyAuditChainsQuery({ scopePath: null, chainId: `broadcast:${broadcastB}`, maxEvents: 1000 }),
      );
      expect(result.firstBreak).toMatchObject({ chainSeq: 3, reason: 'expected sequence 2 (an event is missing)' });
    });

    it('verification notices that the newest events of a chain were removed, once the store should have them', async () => {
      const chainId = `officer:${hq.id}`;
      await tamper(`DELETE FROM audit_event WHERE chain_id = $1`, [chainId]);
      // Moments after the act the projection may simply not have caught up: that is not a break.
      const fresh = await verify.execute(new VerifyAuditChainsQuery({ scopePath: null, chainId, maxEvents: 1000 }));
      expect(fresh).toMatchObject({ ok: true, checkedEvents: 0 });
      await dataSource.query(`UPDATE audit_chain SET updated_at = now() - interval '1 hour' WHERE chain_id = $1`, [
        chainId,
      ]);
      const settled = await verify.execute(new VerifyAuditChainsQuery({ scopePath: null, chainId, maxEvents: 1000 }));
      expect(settled).toMatchObject({ ok: false, firstBreak: { chainId, chainSeq: 1, eventId: null } });
      expect(settled.firstBreak!.reason).toMatch(/missing from the store/);
      const everything = await verify.execute(new VerifyAuditChainsQuery({ scopePath: null, maxEvents: 1000 }));
      expect(everything.brokenChains).toBe(3);
    });
  });
});
