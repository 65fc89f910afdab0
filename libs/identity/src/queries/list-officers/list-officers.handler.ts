import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { DataSource } from 'typeorm';
import { OfficerRepository } from '../../persistence/officer.repository';
import { officerView } from '../officer-view';
import { ListOfficersQuery, OfficerPage } from './list-officers.query';

@QueryHandler(ListOfficersQuery)
export class ListOfficersHandler implements IQueryHandler<ListOfficersQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly jurisdictions: JurisdictionLookup,
  ) {}

  async execute({ actor, filter }: ListOfficersQuery): Promise<OfficerPage> {
    // The route admits HQ, district admins and auditors; the latter two see their subtree only.
    const scopePath = actor.role === 'hq_admin' ? null : actor.jurisdictionPath;
    const { total, items } = await this.officers.search({ scopePath, ...filter });
    const paths = [...new Set(items.map((o) => o.jurisdictionPath).filter((p): p is string => p !== null))];
    const codes = await this.jurisdictions.codesByPath(this.dataSource, paths);
    return { total, limit: filter.limit, offset: filter.offset, items: items.map((o) => officerView(o, codes)) };
  }
}
