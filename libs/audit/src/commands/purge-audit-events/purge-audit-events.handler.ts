import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AuditRecorder, officerActor, SYSTEM_ACTOR } from '../../domain/audit-recorder';
import { PURGE_EVENT_TYPE } from '../../domain/chain-verifier';
import { RETENTION_CHAIN } from '../../domain/legal-hold';
import { AuditEventRepository } from '../../persistence/audit-event.repository';
import { AuditSettingsRepository } from '../../persistence/audit-settings.repository';
import { PurgeAuditEventsCommand, PurgeResult } from './purge-audit-events.command';

/** Chains per transaction: bounds the audit.purged event's size and the time locks are held. */
const CHAINS_PER_BATCH = 500;

@CommandHandler(PurgeAuditEventsCommand)
export class PurgeAuditEventsHandler implements ICommandHandler<PurgeAuditEventsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
    private readonly events: AuditEventRepository = new AuditEventRepository(),
    private readonly settings: AuditSettingsRepository = new AuditSettingsRepository(),
  ) {}

  async execute({ officer }: PurgeAuditEventsCommand): Promise<PurgeResult> {
    const result: PurgeResult = { purgedEvents: 0, chains: 0, records: [] };
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const chains = await this.events.purgeExpired(m, CHAINS_PER_BATCH);
        if (!chains.length) return null;
        const retentionDays = await this.settings.retentionDays(m);
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
        await this.events.storeOne(m, event);
        return { purgedEvents, chains: chains.length, record: event.id };
      });
      if (!batch) return result;
      result.purgedEvents += batch.purgedEvents;
      result.chains += batch.chains;
      result.records.push(batch.record);
    }
  }
}
