import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { ForbiddenError, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { transferRefusal } from '../../domain/officer-management';
import { assertRoleFitsLevel } from '../../domain/role-levels';
import { OfficerRepository } from '../../persistence/officer.repository';
import { SessionRepository } from '../../persistence/session.repository';
import { SessionCheck } from '../../sessions/session-check';
import { lockManagedOfficer } from '../managed-officer';
import { OfficerPosting, TransferOfficerCommand } from './transfer-officer.command';

@CommandHandler(TransferOfficerCommand)
export class TransferOfficerHandler implements ICommandHandler<TransferOfficerCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly sessions: SessionRepository,
    private readonly jurisdictions: JurisdictionLookup,
    private readonly check: SessionCheck,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: TransferOfficerCommand): Promise<OfficerPosting & { id: string }> {
    if (cmd.role === undefined && cmd.jurisdictionCode === undefined) {
      throw new ValidationError('give a new role, a new jurisdiction or both / नई भूमिका या नया क्षेत्राधिकार दें');
    }
    const result = await this.dataSource.transaction(async (m) => {
      const target = await lockManagedOfficer(m, this.officers, cmd.actor, cmd.officerId);
      const node =
        cmd.jurisdictionCode === undefined
          ? target.jurisdictionNodeId
            ? await this.jurisdictions.findById(m, target.jurisdictionNodeId)
            : null
          : cmd.jurisdictionCode === null
            ? null
            : await this.jurisdictions.byCode(m, cmd.jurisdictionCode);
      const role = cmd.role ?? target.role;
      assertRoleFitsLevel(role, node?.level ?? null);
      const refusal = transferRefusal(cmd.actor, target, { role, jurisdictionPath: node?.path ?? null });
      if (refusal) throw new ForbiddenError(refusal);
      const fromCode = target.jurisdictionNodeId
        ? ((await this.jurisdictions.findById(m, target.jurisdictionNodeId))?.code ?? null)
        : null;
      await this.officers.transfer(m, target.id, {
        role,
        jurisdictionNodeId: node?.id ?? null,
        jurisdictionPath: node?.path ?? null,
      });
      const revoked = await this.sessions.revokeAllOf(m, target.id, 'transferred');
      await this.audit.record(m, {
        chainId: `officer:${target.id}`,
        type: 'officer.transferred',
        actor: officerActor(cmd.actor),
        jurisdictionPath: node?.path ?? null,
        subject: { officerId: target.id, username: target.username },
        body: {
          reason: cmd.reason,
          from: { role: target.role, jurisdictionCode: fromCode, jurisdictionPath: target.jurisdictionPath },
          to: { role, jurisdictionCode: node?.code ?? null, jurisdictionPath: node?.path ?? null },
          sessionsRevoked: revoked,
        },
      });
      return { id: target.id, role, jurisdictionCode: node?.code ?? null };
    });
    this.check.invalidate(cmd.officerId);
    return result;
  }
}
