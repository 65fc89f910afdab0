import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { PUBLIC_TEXT_CHECK, PublicTextCheck } from '../../ports/public-text-check.port';
import { assertGroupId, groupInReach } from '../../domain/group-ref';
import { GroupRepository } from '../../persistence/group.repository';
import { GroupRenamed, RenameGroupCommand } from './rename-group.command';

@CommandHandler(RenameGroupCommand)
export class RenameGroupHandler implements ICommandHandler<RenameGroupCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
    // Nest injects the module's; the default serves the specs that still wire this handler by hand.
    private readonly groups: GroupRepository = new GroupRepository(dataSource),
    // Bound by BroadcastModule (the content rules are broadcast's); absent only where broadcast is not wired.
    @Optional() @Inject(PUBLIC_TEXT_CHECK) private readonly publicText?: PublicTextCheck,
  ) {}

  async execute(cmd: RenameGroupCommand): Promise<GroupRenamed> {
    assertGroupId(cmd.groupId);
    await this.assertNameAllowed(cmd.name);
    return this.dataSource.transaction(async (m) => {
      const group = groupInReach(cmd.officer, cmd.groupId, await this.groups.findForUpdate(m, cmd.groupId));
      if (group.name === cmd.name) return { id: group.id, name: group.name };
      await this.groups.rename(m, group.id, cmd.name);
      await this.audit.record(m, {
        chainId: `group:${group.id}`,
        type: 'group.renamed',
        actor: officerActor(cmd.officer),
        jurisdictionPath: group.path,
        subject: { groupId: group.id },
        body: { from: group.name, to: cmd.name },
      });
      return { id: group.id, name: cmd.name };
    });
  }

  /** A group's name is announced to every citizen who joins: the content rules apply to it as to a broadcast. */
  private async assertNameAllowed(name: string): Promise<void> {
    const violation = await this.publicText?.violation(name);
    if (violation) throw new ValidationError(`group name: ${violation}`);
  }
}
