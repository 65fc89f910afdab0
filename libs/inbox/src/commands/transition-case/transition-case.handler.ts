import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { CaseStatus, caseForOfficer } from '../../domain/case-view';
import { CaseAction, TransitionCaseCommand } from './transition-case.command';

const MOVES: Record<CaseAction, { from: CaseStatus[]; to: CaseStatus }> = {
  acknowledge: { from: ['new'], to: 'acknowledged' },
  start: { from: ['new', 'acknowledged'], to: 'in_progress' },
  close: { from: ['new', 'acknowledged', 'in_progress'], to: 'closed' },
};

@CommandHandler(TransitionCaseCommand)
export class TransitionCaseHandler implements ICommandHandler<TransitionCaseCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ officer, caseId, action }: TransitionCaseCommand): Promise<{ id: string; status: CaseStatus }> {
    return this.dataSource.transaction(async (m) => {
      const row = await caseForOfficer(m, officer, caseId, true);
      const move = MOVES[action];
      if (row.status === move.to) return { id: row.id, status: row.status };
      if (!move.from.includes(row.status)) {
        throw new DomainError(
          'invalid_transition',
          `case is ${row.status}, cannot ${action} / केस ${row.status} है, यह बदलाव संभव नहीं`,
          409,
        );
      }
      await m.query(
        `UPDATE inbox_case SET status = $2, updated_at = now(),
                closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END
          WHERE id = $1`,
        [row.id, move.to],
      );
      return { id: row.id, status: move.to };
    });
  }
}
