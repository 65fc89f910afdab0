import { ConflictException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor, SYSTEM_ACTOR } from '@jansetu/audit';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { DataSource } from 'typeorm';
import { ValidationError } from '@jansetu/platform';
import { assertValidNewOfficer } from '../../domain/officer-rules';
import { passwordProblem } from '../../domain/password-policy';
import { assertRoleFitsLevel } from '../../domain/role-levels';
import { hashPassword } from '../../domain/password';
import { OfficerRepository } from '../../persistence/officer.repository';
import { CreateOfficerCommand } from './create-officer.command';

@CommandHandler(CreateOfficerCommand)
export class CreateOfficerHandler implements ICommandHandler<CreateOfficerCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly jurisdictions: JurisdictionLookup,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: CreateOfficerCommand): Promise<{ id: string }> {
    assertValidNewOfficer(cmd);
    const problem = passwordProblem(cmd.password, [cmd.username, cmd.displayName]);
    if (problem) throw new ValidationError(problem);
    const node = cmd.jurisdictionCode ? await this.jurisdictions.byCode(this.dataSource, cmd.jurisdictionCode) : null;
    assertRoleFitsLevel(cmd.role, node?.level ?? null);
    if (await this.officers.existsByUsername(cmd.username)) {
      throw new ConflictException(`officer ${cmd.username} exists`);
    }
    const passwordHash = await hashPassword(cmd.password);
    // The officer and the audit event of their creation commit together.
    return this.dataSource.transaction(async (m) => {
      const officer = await this.officers.insert(m, {
        username: cmd.username,
        displayName: cmd.displayName,
        passwordHash,
        role: cmd.role,
        jurisdictionNodeId: node?.id ?? null,
        jurisdictionPath: node?.path ?? null,
      });
      await this.audit.record(m, {
        chainId: `officer:${officer.id}`,
        type: 'officer.created',
        actor: cmd.actor ? officerActor(cmd.actor) : SYSTEM_ACTOR,
        jurisdictionPath: node?.path ?? null,
        subject: { officerId: officer.id, username: cmd.username },
        body: { role: cmd.role, jurisdictionCode: cmd.jurisdictionCode, displayName: cmd.displayName },
      });
      return { id: officer.id };
    });
  }
}
