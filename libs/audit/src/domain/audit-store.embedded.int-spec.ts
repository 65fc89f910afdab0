import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import {
  dataSourceOptions,
  EmbeddedPostgres,
  ensureEmbeddedSecrets,
  loadConfig,
  migrate,
  Outbox,
  Topics,
} from '@jansetu/platform';
import { ProjectAuditEventCommand } from '../commands/project-audit-event/project-audit-event.command';
import { ProjectAuditEventHandler } from '../commands/project-audit-event/project-audit-event.handler';
import { PurgeAuditEventsCommand } from '../commands/purge-audit-events/purge-audit-events.command';
import { PurgeAuditEventsHandler } from '../commands/purge-audit-events/purge-audit-events.handler';
import { GetBroadcastTrailHandler } from '../queries/get-broadcast-trail/get-broadcast-trail.handler';
import { GetBroadcastTrailQuery } from '../queries/get-broadcast-trail/get-broadcast-trail.query';
import { GetCitizenHistoryHandler } from '../queries/get-citizen-history/get-citizen-history.handler';
import { GetCitizenHistoryQuery } from '../queries/get-citizen-history/get-citizen-history.query';
import { SearchAuditEventsHandler } from '../queries/search-audit-events/search-audit-events.handler';
import { SearchAuditEventsQuery } from '../queries/search-audit-events/search-audit-events.query';
import { VerifyAuditChainsHandler } from '../queries/verify-audit-chains/verify-audit-chains.handler';
import { VerifyAuditChainsQuery } from '../queries/verify-audit-chains/verify-audit-chains.query';
import { AuditEvent, GENESIS_HASH, hashAuditEvent } from './audit-event';
import { AuditRecorder, SYSTEM_ACTOR } from './audit-recorder';
import { AuditEventRepository } from '../persistence/audit-event.repository';

/** Embedded mode runs the same SQL on PGlite (PostgreSQL 18 in WASM, one connection): the audit store must too. */
describe('the audit store on embedded PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jansetu-audit-pglite-'));
  let embedded: EmbeddedPostgres;
  let dataSource: DataSource;
  const recorder = new AuditRecorder(new Outbox());
  const broadcastId = randomUUID();
  const path = `/${randomUUID()}/${randomUUID()}/`;

  beforeAll(async () => {
    embedded = await EmbeddedPostgres.start(dir);
    const config = loadConfig(ensureEmbeddedSecrets({ DATA_DIR: dir, LOG_LEVEL: 'warn' }));
    dataSource = await new DataSource(dataSourceOptions(config, embedded.url)).initialize();
    await migrate(dataSource, config);
  }, 120_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await embedded?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores, searches, traces, verifies and purges with the same SQL as PostgreSQL', async () => {
    const fact = (type: string, body: Record<string, unknown>) => ({
      chainId: `broadcast:${broadcastId}`,
      type,
      actor: SYSTEM_ACTOR,
      jurisdictionPath: path,
      subject: { broadcastId },
      body,
    });
    await dataSource.transaction((m) =>
      recorder.record(
        m,
        fact('broadcast.created', { category: 'alert', content: { hi: 'बाढ़ की चेतावनी' }, audienceSize: 1 }),
      ),
    );
    await dataSource.transaction((m) =>
      recorder.record(
        m,
        fact('broadcast.messages_sent', {
          outcomes: [{ deliveryId: 'd1', pseudonym: 'N-PGLITE01', channel: 'sms', status: 'sent' }],
        }),
      ),
    );
    const rows = await dataSource.query<{ event: AuditEvent }[]>(
      `SELECT payload->'payload' AS event FROM outbox_message WHERE topic = $1 ORDER BY seq`,
      [Topics.audit],
    );
    for (const { event } of rows)
      await new ProjectAuditEventHandler(dataSource).execute(new ProjectAuditEventCommand([event]));

    const search = new SearchAuditEventsHandler(dataSource);
    const found = await search.execute(
      new SearchAuditEventsQuery({ filter: { channel: 'sms', pseudonym: 'N-PGLITE01' }, scopePath: path, limit: 10 }),
    );
    expect(found.events.map((e) => e.type)).toEqual(['broadcast.messages_sent']);
    const byText = await search.execute(
      new SearchAuditEventsQuery({ filter: { text: 'बाढ़' }, scopePath: null, limit: 10 }),
    );
    expect(byText.events.map((e) => e.type)).toEqual(['broadcast.created']);
    const trail = await new GetBroadcastTrailHandler(dataSource).execute(new GetBroadcastTrailQuery(broadcastId, null));
    expect(trail.outcomes).toEqual({ total: 1, byStatus: { sent: 1 }, byChannel: { sms: { sent: 1 } }, byFailure: {} });
    const history = await new GetCitizenHistoryHandler(dataSource).execute(
      new GetCitizenHistoryQuery('N-PGLITE01', null, 10),
    );
    expect(history.entries[0].content).toEqual({ hi: 'बाढ़ की चेतावनी' });

    // An old chain for the retention to remove.
    const old = { chainId: 'broadcast:old', chainSeq: 1, type: 'broadcast.created', actor: SYSTEM_ACTOR };
    const unsigned = {
      ...old,
      id: randomUUID(),
      occurredAt: new Date(Date.now() - 400 * 24 * 3600 * 1000).toISOString(),
      jurisdictionPath: path,
      subject: {},
      body: {},
      prevHash: GENESIS_HASH,
    };
    await new AuditEventRepository().storeOne(dataSource, { ...unsigned, hash: hashAuditEvent(unsigned) });
    await dataSource.query(`UPDATE audit_settings SET retention_days = 365`);
    await expect(dataSource.query(`DELETE FROM audit_event WHERE chain_id = 'broadcast:old'`)).rejects.toThrow(
      /append-only/,
    );
    const purged = await new PurgeAuditEventsHandler(dataSource, recorder).execute(new PurgeAuditEventsCommand(null));
    expect(purged).toMatchObject({ purgedEvents: 1, chains: 1 });

    const verified = await new VerifyAuditChainsHandler(dataSource).execute(
      new VerifyAuditChainsQuery({ scopePath: null, maxEvents: 1000 }),
    );
    expect(verified).toMatchObject({ ok: true, checkedEvents: 3, chains: 2 });
  });
});
