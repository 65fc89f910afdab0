import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { OperationalRoles, Role } from '@jansetu/identity';
import { NotFoundError, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { caseForOfficer } from '../../domain/case-view';
import { AssignCaseCommand } from './assign-case.command';

@CommandHandler(AssignCaseCommand)
export class AssignCaseHandler implements ICommandHandler<AssignCaseCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ officer, caseId, assigneeId }: AssignCaseCommand) {
    return this.dataSource.transaction(async (m) => {
      const row = await caseForOfficer(m, officer, caseId, true);
      const [assignee] = await m.query<{ id: string; role: Role; active: boolean; path: string | null }[]>(
        `SELECT o.id, o.role, o.active, n.path FROM officer o LEFT JOIN jurisdiction_node n ON n.id = o.jurisdiction_node_id
          WHERE o.id = $1`,
        [assigneeId],
      );
      if (!assignee?.active) throw new NotFoundError('officer / अधिकारी');
      if (!OperationalRoles.includes(assignee.role))
        throw new ValidationError('auditors take no cases / लेखा परीक्षक को केस नहीं');
      // The assignee must be able to open the case they are given.
      if (assignee.path !== null && !row.jurisdiction_path.startsWith(assignee.path)) {
        throw new ValidationError("the case is outside that officer's jurisdiction / केस उस अधिकारी के क्षेत्र से बाहर है");
      }
      await m.query(`UPDATE inbox_case SET assigned_officer_id = $2, updated_at = now() WHERE id = $1`, [
        row.id,
        assignee.id,
      ]);
      return { id: row.id, assignedOfficerId: assignee.id };
    });
  }
}
