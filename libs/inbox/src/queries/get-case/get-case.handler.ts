import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataKeys, NotFoundError, ShreddedError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { caseVisibleTo } from '../../domain/case-view';
import { AttachmentRepository } from '../../persistence/attachment.repository';
import { CaseRepository } from '../../persistence/case.repository';
import { CaseDetail, GetCaseQuery } from './get-case.query';

@QueryHandler(GetCaseQuery)
export class GetCaseHandler implements IQueryHandler<GetCaseQuery> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly attachments: AttachmentRepository,
    private readonly keys: DataKeys,
  ) {}

  async execute({ officer, caseId }: GetCaseQuery): Promise<CaseDetail> {
    const m = this.dataSource.manager;
    caseVisibleTo(officer, await this.cases.findRow(m, caseId));
    // Cases are never deleted: the row just read is there.
    const view = await this.cases.findView(caseId, m);
    if (!view) throw new NotFoundError('case / केस');
    return {
      ...view,
      notes: await this.cases.notesOf(caseId, m),
      ...(await this.cases.conversationOf(caseId, m)),
      attachments: await this.attachments.ofCase(caseId, m),
      location: await this.location(caseId),
    };
  }

  /** The shared location, opened for officers who may see the case; null once the sender erased their data. */
  private async location(caseId: string): Promise<CaseDetail['location']> {
    const sealed = await this.attachments.locationSealed(caseId);
    if (!sealed) return null;
    try {
      return JSON.parse(await this.keys.open(sealed)) as CaseDetail['location'];
    } catch (e) {
      if (e instanceof ShreddedError) return null;
      throw e;
    }
  }
}
