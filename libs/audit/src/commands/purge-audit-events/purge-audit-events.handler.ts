import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AuditRecorder, officerActor, SYSTEM_ACTOR } from '../../domain/audit-recorder';
import { storeAuditEvent } from '../../domain/audit-store';
import { ChainAnchor, PURGE_EVENT_TYPE } from '../../domain/chain-verifier';
import { PurgeAuditEventsCommand, PurgeResult } from './purge-audit-events.command';

/** The record of purges is a chain of its own, which retention never touches. */
export const RETENTION_CHAIN = 'audit:retention';
/** Chains per transaction: bounds the audit.purged event's size and the time locks are held. */
const CHAINS_PER_BATCH = 500;

@CommandHandler(PurgeAuditEventsCommand)
export class PurgeAuditEventsHandler implements ICommandHandler<PurgeAuditEventsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer }: PurgeAuditEventsCommand): Promise<PurgeResult> {
    const result: PurgeResult = { purgedEvents: 0, chains: 0, records: [] };
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const rows = await m.query<{ chain_id: string; through_seq: string; through_hash: string; purged: string }[]>(
          `SELECT chain_id, through_seq, through_hash, purged FROM audit_purge($1)`,
          [CHAINS_PER_BATCH],
        );
        if (!rows.length) return null;
        const [{ retention_days: retentionDays }] = await m.query<{ retention_days: number }[]>(
          `SELECT retention_days FROM audit_settings`,
        );
        const chains = rows.map((r) => ({
          chainId: r.chain_id,
          throughSeq: Number(r.through_seq),
          throughHash: r.through_hash,
          purged: Number(r.purged),
        })) satisfies (ChainAnchor & { purged: number })[];
        const purgedEvents = chains.reduce((n, c) => n + c.purged, 0);
        const event = await this.audit.record(m, {
          chainId: RETENTION_CHAIN,
          type: PURGE_EVENT_TYPE,
          actor: officer ? officerActor(officer) : SYSTEM_ACTOR,
          jurisdictionPath: null,
          subject: {},
          body: { retentionDays, purgedEvents, chains },
        });
        // Into the store at once as well, so verification finds the anchors as soon as the events are gone;
        // the projection skips this event as a repeat when it arrives from the topic.
        await storeAuditEvent(m, event);
        return { purgedEvents, chains: chains.length, record: event.id };
      });
      if (!batch) return result;
      result.purgedEvents += batch.purgedEvents;
      result.chains += batch.chains;
      result.records.push(batch.record);
    }
  }
}
