import { Global, Module } from '@nestjs/common';
import { JURISDICTION_AUDIT, JurisdictionLookupModule } from '@jansetu/jurisdiction';
import { JurisdictionAuditAdapter } from './adapters/jurisdiction-audit.adapter';
import { CreateAuditCheckpointHandler } from './commands/create-audit-checkpoint/create-audit-checkpoint.handler';
import { PlaceLegalHoldHandler } from './commands/place-legal-hold/place-legal-hold.handler';
import { ProjectAuditEventHandler } from './commands/project-audit-event/project-audit-event.handler';
import { PurgeAuditEventsHandler } from './commands/purge-audit-events/purge-audit-events.handler';
import { ReleaseLegalHoldHandler } from './commands/release-legal-hold/release-legal-hold.handler';
import { UpdateAuditSettingsHandler } from './commands/update-audit-settings/update-audit-settings.handler';
import { AuditRecorder } from './domain/audit-recorder';
import { AuditChainRepository } from './persistence/audit-chain.repository';
import { AuditCheckpointFile } from './persistence/audit-checkpoint.file';
import { AuditCheckpointRepository } from './persistence/audit-checkpoint.repository';
import { AuditEventRepository } from './persistence/audit-event.repository';
import { AuditSettingsRepository } from './persistence/audit-settings.repository';
import { MoveHoldPathsOnJurisdictionMoved } from './event-handlers/move-paths-on-jurisdiction-moved.event-handler';
import { LegalHoldRepository } from './persistence/legal-hold.repository';
import { AuditJurisdictions } from './queries/audit-jurisdictions';
import { ExportAuditEventsHandler } from './queries/export-audit-events/export-audit-events.handler';
import { AuditSettingsReader } from './queries/get-audit-settings/audit-settings.reader';
import { GetAuditSettingsHandler } from './queries/get-audit-settings/get-audit-settings.handler';
import { GetBroadcastTrailHandler } from './queries/get-broadcast-trail/get-broadcast-trail.handler';
import { GetCitizenHistoryHandler } from './queries/get-citizen-history/get-citizen-history.handler';
import { SearchAuditEventsHandler } from './queries/search-audit-events/search-audit-events.handler';
import { VerifyAuditChainsHandler } from './queries/verify-audit-chains/verify-audit-chains.handler';

export const AuditCommandHandlers = [
  ProjectAuditEventHandler,
  UpdateAuditSettingsHandler,
  PlaceLegalHoldHandler,
  ReleaseLegalHoldHandler,
  PurgeAuditEventsHandler,
  CreateAuditCheckpointHandler,
];

export const AuditQueryHandlers = [
  SearchAuditEventsHandler,
  ExportAuditEventsHandler,
  GetBroadcastTrailHandler,
  GetCitizenHistoryHandler,
  VerifyAuditChainsHandler,
  GetAuditSettingsHandler,
];

/** Every context records its acts through AuditRecorder. */
export const AuditRepositories = [
  AuditChainRepository,
  AuditEventRepository,
  AuditSettingsRepository,
  LegalHoldRepository,
  AuditCheckpointRepository,
  AuditCheckpointFile,
];

@Global()
@Module({
  imports: [JurisdictionLookupModule],
  providers: [
    ...AuditRepositories,
    AuditSettingsReader,
    AuditJurisdictions,
    AuditRecorder,
    ...AuditCommandHandlers,
    ...AuditQueryHandlers,
    MoveHoldPathsOnJurisdictionMoved,
    { provide: JURISDICTION_AUDIT, useClass: JurisdictionAuditAdapter },
  ],
  exports: [AuditRecorder, JURISDICTION_AUDIT],
})
export class AuditModule {}
