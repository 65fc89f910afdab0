import { ConflictException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { NotFoundError, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { Officer } from '../../domain/officer.entity';
import { hashPassword } from '../../domain/password';
import { CreateOfficerCommand } from './create-officer.command';

const STATE_WIDE = new Set(['hq_admin', 'auditor']);

@CommandHandler(CreateOfficerCommand)
export class CreateOfficerHandler implements ICommandHandler<CreateOfficerCommand> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(cmd: CreateOfficerCommand): Promise<{ id: string }> {
    if (cmd.password.length < 12) throw new ValidationError('password must be at least 12 characters');
    if (!cmd.jurisdictionCode && !STATE_WIDE.has(cmd.role)) {
      throw new ValidationError(`a ${cmd.role} must be bound to a jurisdiction`);
    }
    let nodeId: string | null = null;
    if (cmd.jurisdictionCode) {
      const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM jurisdiction_node WHERE code = $1`, [
        cmd.jurisdictionCode,
      ]);
      if (!rows.length) throw new NotFoundError(`jurisdiction ${cmd.jurisdictionCode}`);
      nodeId = rows[0].id;
    }
    const repo = this.dataSource.getRepository(Officer);
    if (await repo.existsBy({ username: cmd.username })) throw new ConflictException(`officer ${cmd.username} exists`);
    const officer = await repo.save(
      repo.create({
        username: cmd.username,
        displayName: cmd.displayName,
        passwordHash: await hashPassword(cmd.password),
        role: cmd.role,
        jurisdictionNodeId: nodeId,
      }),
    );
    return { id: officer.id };
  }
}
