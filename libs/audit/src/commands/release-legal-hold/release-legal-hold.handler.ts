import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { AuditRecorder, officerActor } from '../../domain/audit-recorder';
import { SETTINGS_CHAIN } from '../update-audit-settings/update-audit-settings.handler';
import { ReleaseLegalHoldCommand } from './release-legal-hold.command';

@CommandHandler(ReleaseLegalHoldCommand)
export class ReleaseLegalHoldHandler implements ICommandHandler<ReleaseLegalHoldCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ holdId, reason, officer }: ReleaseLegalHoldCommand): Promise<void> {
    if (!reason.trim()) throw new ValidationError('releasing a legal hold needs a reason / कारण आवश्यक है');
    await this.dataSource.transaction(async (m) => {
      const released = await m.query<
        { jurisdiction_path: string | null; chain_id: string | null; pseudonym: string | null }[]
      >(
        `WITH x AS (
           UPDATE audit_legal_hold SET released_at = now(), released_by = $2, release_reason = $3
            WHERE id = $1 AND released_at IS NULL
           RETURNING jurisdiction_path, chain_id, pseudonym)
         SELECT * FROM x`,
        [holdId, officer.id, reason],
      );
      if (!released.length) throw new NotFoundError(`active legal hold ${holdId}`);
      const [h] = released;
      await this.audit.record(m, {
        chainId: SETTINGS_CHAIN,
        type: 'audit.legal_hold_released',
        actor: officerActor(officer),
        jurisdictionPath: h.jurisdiction_path,
        subject: {
          holdId,
          ...(h.chain_id ? { chainId: h.chain_id } : {}),
          ...(h.pseudonym ? { pseudonym: h.pseudonym } : {}),
        },
        body: { reason },
      });
    });
  }
}
