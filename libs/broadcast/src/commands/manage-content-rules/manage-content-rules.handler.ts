import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DomainError, ForbiddenError, NotFoundError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { assertValidRule } from '../../domain/content-rules';
import { ContentRuleRepository } from '../../persistence/content-rule.repository';
import { AddContentRuleCommand, RetireContentRuleCommand } from './manage-content-rules.command';

const assertHq = (role: string) => {
  if (role !== 'hq_admin') throw new ForbiddenError('only HQ changes the content rules / केवल मुख्यालय');
};

@CommandHandler(AddContentRuleCommand)
export class AddContentRuleHandler implements ICommandHandler<AddContentRuleCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: ContentRuleRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: AddContentRuleCommand): Promise<{ id: string }> {
    assertHq(cmd.officer.role);
    const rule = assertValidRule(cmd.rule);
    return this.dataSource.transaction(async (m) => {
      const id = await this.rules.insert(m, rule, cmd.officer.id);
      if (!id) throw new DomainError('duplicate', `a ${rule.kind} rule "${rule.pattern}" is in force already`, 409);
      await this.audit.record(m, {
        chainId: 'content-rules',
        type: 'content_rule.added',
        actor: officerActor(cmd.officer),
        jurisdictionPath: null,
        subject: { ruleId: id },
        body: { ...rule },
      });
      return { id };
    });
  }
}

@CommandHandler(RetireContentRuleCommand)
export class RetireContentRuleHandler implements ICommandHandler<RetireContentRuleCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules: ContentRuleRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: RetireContentRuleCommand): Promise<{ id: string; retired: true }> {
    assertHq(cmd.officer.role);
    return this.dataSource.transaction(async (m) => {
      const rule = await this.rules.retire(m, cmd.ruleId, cmd.officer.id);
      if (!rule) throw new NotFoundError(`content rule ${cmd.ruleId}`);
      await this.audit.record(m, {
        chainId: 'content-rules',
        type: 'content_rule.retired',
        actor: officerActor(cmd.officer),
        jurisdictionPath: null,
        subject: { ruleId: cmd.ruleId },
        body: { ...rule },
      });
      return { id: cmd.ruleId, retired: true };
    });
  }
}
