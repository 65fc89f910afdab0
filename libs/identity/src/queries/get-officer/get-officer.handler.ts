import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { canViewOfficer } from '../../domain/officer-management';
import { OfficerRepository } from '../../persistence/officer.repository';
import { officerView, OfficerView } from '../officer-view';
import { GetOfficerQuery } from './get-officer.query';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@QueryHandler(GetOfficerQuery)
export class GetOfficerHandler implements IQueryHandler<GetOfficerQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly jurisdictions: JurisdictionLookup,
  ) {}

  async execute({ actor, officerId }: GetOfficerQuery): Promise<OfficerView> {
    const officer = UUID.test(officerId) ? await this.officers.findById(this.dataSource, officerId) : null;
    if (!officer || !canViewOfficer(actor, officer)) throw new NotFoundError(`officer ${officerId}`);
    const codes = await this.jurisdictions.codesByPath(
      this.dataSource,
      officer.jurisdictionPath ? [officer.jurisdictionPath] : [],
    );
    return officerView(officer, codes);
  }
}
