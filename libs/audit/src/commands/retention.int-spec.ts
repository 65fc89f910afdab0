import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { JurisdictionModule } from '@jansetu/jurisdiction';
import { PlatformModule, Topics, ValidationError } from '@jansetu/platform';
import { createDatabase, importJurisdictions, testConfig } from '@jansetu/testing';
import { AuditModule } from '../audit.module';
import { AuditEvent, GENESIS_HASH, hashAuditEvent } from '../domain/audit-event';
import { SYSTEM_ACTOR } from '../domain/audit-recorder';
import { AuditEventRepository } from '../persistence/audit-event.repository';
import { anchorsOf } from '../domain/chain-verifier';
import { GetAuditSettingsHandler } from '../queries/get-audit-settings/get-audit-settings.handler';
import { VerifyAuditChainsHandler } from '../queries/verify-audit-chains/verify-audit-chains.handler';
import { VerifyAuditChainsQuery } from '../queries/verify-audit-chains/verify-audit-chains.query';
import { PlaceLegalHoldCommand } from './place-legal-hold/place-legal-hold.command';
import { PlaceLegalHoldHandler } from './place-legal-hold/place-legal-hold.handler';
import { ProjectAuditEventCommand } from './project-audit-event/project-audit-event.command';
import { ProjectAuditEventHandler } from './project-audit-event/project-audit-event.handler';
import { PurgeAuditEventsCommand } from './purge-audit-events/purge-audit-events.command';
import { PurgeAuditEventsHandler } from './purge-audit-events/purge-audit-events.handler';
import { ReleaseLegalHoldCommand } from './release-legal-hold/release-legal-hold.command';
import { ReleaseLegalHoldHandler } from './release-legal-hold/release-legal-hold.handler';
import { UpdateAuditSettingsCommand } from './update-audit-settings/update-audit-settings.command';
import { UpdateAuditSettingsHandler } from './update-audit-settings/update-audit-settings.handler';

const DAY = 24 * 3600 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const patna = `/${randomUUID()}/${randomUUID()}/`;
const hq = { id: randomUUID(), role: 'hq_admin', jurisdictionPath: null };
const informant = 'N-HELD0000';

describe('retention, legal holds and the purge on PostgreSQL', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  /** Gaya's materialised path, as the import gave it. */
  let gaya: string;
  const chains: Record<string, AuditEvent[]> = {};

  /** Events as old as asked, stored as the projection would, with the chain head the recorder would have left. */
  async function seed(name: string, path: string, days: number[], outcomes: object[][] = []): Promise<void> {
    const chainId = `broadcast:${name}-${randomUUID()}`;
    let prevHash = GENESIS_HASH;
    chains[name] = [];
    for (const [i, d] of days.entries()) {
      const unsigned = {
        id: randomUUID(),
        chainId,
        chainSeq: i + 1,
        type: i === 0 ? 'broadcast.created' : 'broadcast.messages_sent',
        occurredAt: ago(d).toISOString(),
        actor: SYSTEM_ACTOR,
        jurisdictionPath: path,
        subject: { broadcastId: name },
        body: { outcomes: outcomes[i] ?? [] },
        prevHash,
      };
      const event = { ...unsigned, hash: hashAuditEvent(unsigned) };
      await app.get(AuditEventRepository).storeOne(dataSource, event);
      chains[name].push(event);
      prevHash = event.hash;
    }
    await dataSource.query(
      `INSERT INTO audit_chain (chain_id, seq, last_hash, updated_at) VALUES ($1, $2, $3, now() - interval '1 day')`,
      [chainId, days.length, prevHash],
    );
  }

  const remaining = async (name: string) =>
    (
      await dataSource.query<{ chain_seq: string }[]>(
        `SELECT chain_seq FROM audit_event WHERE chain_id = $1 ORDER BY chain_seq`,
        [chains[name][0].chainId],
      )
    ).map((r) => Number(r.chain_seq));

  const verify = () =>
    app.get(VerifyAuditChainsHandler).execute(new VerifyAuditChainsQuery({ scopePath: null, maxEvents: 10_000 }));
  const purge = () => app.get(PurgeAuditEventsHandler).execute(new PurgeAuditEventsCommand(hq));

  /** The settings chain's events are in the outbox; relay and projection bring them to the store. */
  async function project(): Promise<void> {
    const rows = await dataSource.query<{ event: AuditEvent }[]>(
      `SELECT payload->'payload' AS event FROM outbox_message WHERE topic = $1 AND published_at IS NULL ORDER BY seq`,
      [Topics.audit],
    );
    for (const { event } of rows)
      await app.get(ProjectAuditEventHandler).execute(new ProjectAuditEventCommand([event]));
    await dataSource.query(`UPDATE outbox_message SET published_at = now() WHERE published_at IS NULL`);
  }

  beforeAll(async () => {
    const url = await createDatabase(inject('runPrefix'), 'audit_retention');
    const module = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(testConfig(url, { LOG_LEVEL: 'warn' }), url), AuditModule, JurisdictionModule],
    }).compile();
    app = await module.init();
    dataSource = app.get(DataSource);
    ({
      nodes: {
        GAY: { path: gaya },
      },
    } = await importJurisdictions(app, [
      { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
      { code: 'GAY', parentCode: 'BR', level: 'district', nameEn: 'Gaya', nameHi: 'गया' },
    ]));
    await seed('partly-old', patna, [400, 390, 380, 10]);
    await seed('all-old', patna, [500, 499, 498]);
    await seed('in-gaya', gaya, [450, 449]);
    await seed(
      'names-informant',
      patna,
      [420, 419, 418],
      [[], [{ pseudonym: informant, channel: 'sms', status: 'sent' }]],
    );
  });
  afterAll(async () => app?.close());

  it('keeps everything until a retention is set, and changing it is audited', async () => {
    expect(await purge()).toEqual({ purgedEvents: 0, chains: 0, records: [] });
    const settings = app.get(UpdateAuditSettingsHandler);
    await expect(settings.execute(new UpdateAuditSettingsCommand(7, hq))).rejects.toBeInstanceOf(ValidationError);
    expect(await settings.execute(new UpdateAuditSettingsCommand(365, hq))).toMatchObject({
      retentionDays: 365,
      updatedBy: hq.id,
      legalHolds: [],
    });
    const [changed] = await dataSource.query<{ event: AuditEvent }[]>(
      `SELECT payload->'payload' AS event FROM outbox_message WHERE type = 'audit.settings_changed'`,
    );
    expect(changed.event).toMatchObject({
      chainId: 'audit:settings',
      actor: { officerId: hq.id, role: 'hq_admin' },
      body: { retentionDays: { from: null, to: 365 } },
    });
  });

  it('lets no ordinary DELETE through, and not even a purge-flagged one for a young or held event', async () => {
    await app
      .get(PlaceLegalHoldHandler)
      .execute(new PlaceLegalHoldCommand({ jurisdictionCode: 'GAY' }, 'Patna High Court order 1234/2026', hq));
    await app
      .get(PlaceLegalHoldHandler)
      .execute(new PlaceLegalHoldCommand({ pseudonym: informant }, 'inquiry into a threat against an informant', hq));
    await expect(dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only: DELETE refused/);
    const flagged = (chain: string, seq: number) =>
      dataSource.transaction(async (m) => {
        await m.query(`SELECT set_config('jansetu.audit_purge', 'on', true)`);
        await m.query(`DELETE FROM audit_event WHERE chain_id = $1 AND chain_seq = $2`, [
          chains[chain][0].chainId,
          seq,
        ]);
      });
    await expect(flagged('partly-old', 4)).rejects.toThrow(/append-only/); // younger than the retention
    await expect(flagged('in-gaya', 1)).rejects.toThrow(/append-only/); // Gaya is under a hold
    await expect(flagged('names-informant', 2)).rejects.toThrow(/append-only/); // names a held citizen
    await expect(
      dataSource.query(`UPDATE audit_event SET type = 'x' WHERE chain_id = $1`, [chains['all-old'][0].chainId]),
    ).rejects.toThrow(/append-only: UPDATE refused/);
  });

  it('purges whole beginnings of chains only, records what went, and the rest still verifies', async () => {
    const result = await purge();
    expect(result).toMatchObject({ purgedEvents: 7, chains: 3, records: [expect.any(String)] });
    expect(await remaining('partly-old')).toEqual([4]);
    expect(await remaining('all-old')).toEqual([]);
    expect(await remaining('in-gaya')).toEqual([1, 2]);
    // The event naming the informant is held, so the one after it stays too: a chain never loses its middle.
    expect(await remaining('names-informant')).toEqual([2, 3]);

    const [record] = await dataSource.query<{ event: AuditEvent }[]>(
      `SELECT event FROM audit_event WHERE type = 'audit.purged'`,
    );
    expect(record.event).toMatchObject({ chainId: 'audit:retention', actor: { officerId: hq.id } });
    expect(anchorsOf(record.event)).toContainEqual({
      chainId: chains['partly-old'][0].chainId,
      throughSeq: 3,
      throughHash: chains['partly-old'][2].hash,
      purged: 3,
    });
    await project();
    expect(await verify()).toMatchObject({ ok: true, anchoredChains: 2, brokenChains: 0 });
  });

  it('does not bring purged events back when the topic is replayed', async () => {
    const handler = app.get(ProjectAuditEventHandler);
    for (const e of chains['all-old'])
      expect(await handler.execute(new ProjectAuditEventCommand([e]))).toEqual({ stored: 0 });
    expect(await remaining('all-old')).toEqual([]);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('purges what a hold kept once it is released, and the release is audited', async () => {
    const settings = await app.get(GetAuditSettingsHandler).execute();
    const held = settings.legalHolds.find((h) => h.target.kind === 'citizen')!;
    expect(settings.legalHolds.map((h) => h.target)).toEqual([
      { kind: 'jurisdiction', jurisdictionPath: gaya, jurisdictionCode: 'GAY' },
      { kind: 'citizen', pseudonym: informant },
    ]);
    await expect(
      app.get(ReleaseLegalHoldHandler).execute(new ReleaseLegalHoldCommand(randomUUID(), 'none', hq)),
    ).rejects.toThrow(/not found/);
    await app.get(ReleaseLegalHoldHandler).execute(new ReleaseLegalHoldCommand(held.id, 'inquiry closed', hq));
    expect(await purge()).toMatchObject({ purgedEvents: 2, chains: 1 });
    expect(await remaining('names-informant')).toEqual([]);
    expect(await remaining('in-gaya')).toEqual([1, 2]);
    await project();
    const types = await dataSource.query<{ type: string }[]>(
      `SELECT type FROM audit_event WHERE chain_id = 'audit:settings' ORDER BY chain_seq`,
    );
    expect(types.map((t) => t.type)).toEqual([
      'audit.settings_changed',
      'audit.legal_hold_placed',
      'audit.legal_hold_placed',
      'audit.legal_hold_released',
    ]);
    // Two purge records now anchor the same chain at different places; the store still verifies throughout.
    expect(await verify()).toMatchObject({ ok: true, brokenChains: 0 });
  });

  it('still catches a deletion done behind the purge’s back', async () => {
    const chainId = chains['partly-old'][0].chainId;
    await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    try {
      await dataSource.query(`DELETE FROM audit_event WHERE chain_id = $1`, [chainId]);
    } finally {
      await dataSource.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    }
    expect(await verify()).toMatchObject({ ok: false, firstBreak: { chainId, chainSeq: 4, eventId: null } });
  });
});
