import { Global, Module } from '@nestjs/common';
import { ProjectAuditEventHandler } from './commands/project-audit-event/project-audit-event.handler';
import { AuditRecorder } from './domain/audit-recorder';
import { SearchAuditEventsHandler } from './queries/search-audit-events/search-audit-events.handler';

/** Every context records its acts through AuditRecorder. */
@Global()
@Module({
  providers: [AuditRecorder, ProjectAuditEventHandler, SearchAuditEventsHandler],
  exports: [AuditRecorder],
})
export class AuditModule {}
