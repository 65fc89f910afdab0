import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { AuditRecorder, officerActor } from '../../domain/audit-recorder';
import { assertReleaseReason, holdSubject, SETTINGS_CHAIN } from '../../domain/legal-hold';
import { LegalHoldRepository } from '../../persistence/legal-hold.repository';
import { ReleaseLegalHoldCommand } from './release-legal-hold.command';

@CommandHandler(ReleaseLegalHoldCommand)
export class ReleaseLegalHoldHandler implements ICommandHandler<ReleaseLegalHoldCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
    private readonly holds: LegalHoldRepository = new LegalHoldRepository(),
  ) {}

  async execute({ holdId, reason, officer }: ReleaseLegalHoldCommand): Promise<void> {
    assertReleaseReason(reason);
    await this.dataSource.transaction(async (m) => {
      const released = await this.holds.release(m, holdId, officer.id, reason);
      if (!released) throw new NotFoundError(`active legal hold ${holdId}`);
      await this.audit.record(m, {
        chainId: SETTINGS_CHAIN,
        type: 'audit.legal_hold_released',
        actor: officerActor(officer),
        jurisdictionPath: released.jurisdictionPath,
        subject: holdSubject(holdId, released),
        body: { reason },
      });
    });
  }
}
