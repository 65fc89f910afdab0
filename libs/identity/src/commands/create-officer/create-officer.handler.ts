import { ConflictException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor, SYSTEM_ACTOR } from '@jansetu/audit';
import { NotFoundError, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { Officer } from '../../domain/officer.entity';
import { hashPassword } from '../../domain/password';
import { CreateOfficerCommand } from './create-officer.command';

const STATE_WIDE = new Set(['hq_admin', 'auditor']);

@CommandHandler(CreateOfficerCommand)
export class CreateOfficerHandler implements ICommandHandler<CreateOfficerCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: CreateOfficerCommand): Promise<{ id: string }> {
    if (cmd.password.length < 12) throw new ValidationError('password must be at least 12 characters');
    if (!cmd.jurisdictionCode && !STATE_WIDE.has(cmd.role)) {
      throw new ValidationError(`a ${cmd.role} must be bound to a jurisdiction`);
    }
    let nodeId: string | null = null;
    let path: string | null = null;
    if (cmd.jurisdictionCode) {
      const rows: { id: string; path: string }[] = await this.dataSource.query(
        `SELECT id, path FROM jurisdiction_node WHERE code = $1`,
        [cmd.jurisdictionCode],
      );
      if (!rows.length) throw new NotFoundError(`jurisdiction ${cmd.jurisdictionCode}`);
      [{ id: nodeId, path }] = rows;
    }
    const repo = this.dataSource.getRepository(Officer);
    if (await repo.existsBy({ username: cmd.username })) throw new ConflictException(`officer ${cmd.username} exists`);
    const passwordHash = await hashPassword(cmd.password);
    // The officer and the audit event of their creation commit together.
    return this.dataSource.transaction(async (m) => {
      const officer = await m.getRepository(Officer).save(
        repo.create({
          username: cmd.username,
          displayName: cmd.displayName,
          passwordHash,
          role: cmd.role,
          jurisdictionNodeId: nodeId,
        }),
      );
      await this.audit.record(m, {
        chainId: `officer:${officer.id}`,
        type: 'officer.created',
        actor: cmd.actor ? officerActor(cmd.actor) : SYSTEM_ACTOR,
        jurisdictionPath: path,
        subject: { officerId: officer.id, username: cmd.username },
        body: { role: cmd.role, jurisdictionCode: cmd.jurisdictionCode, displayName: cmd.displayName },
      });
      return { id: officer.id };
    });
  }
}
