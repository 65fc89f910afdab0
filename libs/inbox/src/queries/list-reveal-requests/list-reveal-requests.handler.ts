import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { mayDecide } from '../../domain/reveal-request-policy';
import { RevealRepository } from '../../persistence/reveal.repository';
import { ListRevealRequestsQuery, RevealRequestView } from './list-reveal-requests.query';

@QueryHandler(ListRevealRequestsQuery)
export class ListRevealRequestsHandler implements IQueryHandler<ListRevealRequestsQuery> {
  constructor(private readonly reveals: RevealRepository) {}

  async execute({ officer, caseId }: ListRevealRequestsQuery): Promise<RevealRequestView[]> {
    const rows = await this.reveals.pendingOrOwn(officer.jurisdictionPath ?? '', officer.id, caseId);
    return rows
      .map(({ requesterPath, ...r }) => ({
        ...r,
        mine: r.requestedBy.officerId === officer.id,
        mayDecide:
          r.status === 'requested' &&
          mayDecide(officer, { id: r.requestedBy.officerId, role: r.requestedBy.role, path: requesterPath }),
      }))
      .filter((r) => r.mine || r.mayDecide);
  }
}
