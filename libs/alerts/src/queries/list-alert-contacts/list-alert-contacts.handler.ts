import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { AlertContactRow, AlertRepository } from '../../persistence/alert.repository';
import { ListAlertContactsQuery } from './list-alert-contacts.query';

@QueryHandler(ListAlertContactsQuery)
export class ListAlertContactsHandler implements IQueryHandler<ListAlertContactsQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
  ) {}

  execute({ officer }: ListAlertContactsQuery): Promise<AlertContactRow[]> {
    return this.alerts.listContacts(this.dataSource.manager, officer.jurisdictionPath);
  }
}
