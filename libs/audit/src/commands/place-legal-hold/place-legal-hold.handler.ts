import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { AuditRecorder, officerActor } from '../../domain/audit-recorder';
import { assertHoldRequest, heldTargetOf, holdSubject, SETTINGS_CHAIN } from '../../domain/legal-hold';
import { LegalHoldRepository } from '../../persistence/legal-hold.repository';
import { PlaceLegalHoldCommand } from './place-legal-hold.command';

@CommandHandler(PlaceLegalHoldCommand)
export class PlaceLegalHoldHandler implements ICommandHandler<PlaceLegalHoldCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
    private readonly holds: LegalHoldRepository = new LegalHoldRepository(),
    private readonly jurisdictions: JurisdictionLookup = new JurisdictionLookup(),
  ) {}

  async execute({ target: t, reason, officer }: PlaceLegalHoldCommand): Promise<{ id: string }> {
    const { all } = assertHoldRequest(t, reason);
    let path: string | null = null;
    if (t.jurisdictionCode) {
      const node = await this.jurisdictions.findByCode(this.dataSource, t.jurisdictionCode);
      if (!node) throw new ValidationError(`unknown jurisdiction ${t.jurisdictionCode} / अज्ञात क्षेत्राधिकार`);
      path = node.path;
    }
    const target = heldTargetOf(t, path);
    return this.dataSource.transaction(async (m) => {
      const id = await this.holds.place(m, target, reason, officer.id);
      await this.audit.record(m, {
        chainId: SETTINGS_CHAIN,
        type: 'audit.legal_hold_placed',
        actor: officerActor(officer),
        jurisdictionPath: path,
        subject: holdSubject(id, target),
        body: { reason, jurisdictionCode: t.jurisdictionCode ?? null, all },
      });
      return { id };
    });
  }
}
