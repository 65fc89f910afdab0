import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AlertRepository, OpenAlertRow } from '../../persistence/alert.repository';
import { ListOpenAlertsQuery } from './list-open-alerts.query';

@QueryHandler(ListOpenAlertsQuery)
export class ListOpenAlertsHandler implements IQueryHandler<ListOpenAlertsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
  ) {}

  execute({ officer }: ListOpenAlertsQuery): Promise<OpenAlertRow[]> {
    return this.alerts.listOpen(this.dataSource.manager, officer.jurisdictionPath);
  }
}
