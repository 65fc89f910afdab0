import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AuditSettingsReader } from './audit-settings.reader';
import { AuditSettings, GetAuditSettingsQuery } from './get-audit-settings.query';

@QueryHandler(GetAuditSettingsQuery)
export class GetAuditSettingsHandler implements IQueryHandler<GetAuditSettingsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: AuditSettingsReader = new AuditSettingsReader(),
  ) {}

  execute(): Promise<AuditSettings> {
    return this.reader.read(this.dataSource);
  }
}
