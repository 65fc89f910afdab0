import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { Outbox } from '@jansetu/platform';
import { migratedDataSource } from '@jansetu/testing';
import { ProjectAuditEventHandler } from '../commands/project-audit-event/project-audit-event.handler';
import { ProjectAuditEventCommand } from '../commands/project-audit-event/project-audit-event.command';
import { AuditEvent, verifyChain } from './audit-event';
import { AuditRecorder } from './audit-recorder';

describe('audit chain and store on PostgreSQL', () => {
  let dataSource: DataSource;
  const recorder = new AuditRecorder(new Outbox());
  const fact = (n: number) => ({
    chainId: 'broadcast:int',
    type: 'broadcast.messages_sent',
    actor: { kind: 'system' as const, officerId: null, role: null },
    jurisdictionPath: '/root/',
    subject: { broadcastId: 'int' },
    body: { n },
  });

  beforeAll(async () => {
    ({ dataSource } = await migratedDataSource(inject('runPrefix'), 'audit'));
  });
  afterAll(async () => dataSource?.destroy());

  it('links concurrent appends into one unbroken chain', async () => {
    const events = await Promise.all(
      [...Array(8).keys()].map((n) => dataSource.transaction((m) => recorder.record(m, fact(n)))),
    );
    const ordered = [...events].sort((a, b) => a.chainSeq - b.chainSeq);
    expect(ordered.map((e) => e.chainSeq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(verifyChain(ordered)).toBeNull();
    const outboxed = await dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE key = 'broadcast:int'`,
    );
    expect(outboxed).toEqual([{ n: 8 }]);
  });

  it('stores each event once, and the database refuses to change or remove it', async () => {
    const handler = new ProjectAuditEventHandler(dataSource);
    const rows = await dataSource.query<{ payload: AuditEvent }[]>(
      `SELECT payload->'payload' AS payload FROM outbox_message WHERE key = 'broadcast:int' ORDER BY seq`,
    );
    for (const { payload } of [...rows, ...rows]) await handler.execute(new ProjectAuditEventCommand([payload]));
    const stored = await dataSource.query<{ event: AuditEvent }[]>(`SELECT event FROM audit_event ORDER BY chain_seq`);
    expect(stored).toHaveLength(8);
    expect(verifyChain(stored.map((r) => r.event))).toBeNull();

    await expect(dataSource.query(`UPDATE audit_event SET type = 'x'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_event WHERE chain_seq = 3`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });
});
