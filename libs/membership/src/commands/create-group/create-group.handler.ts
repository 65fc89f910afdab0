import { Inject, Optional } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { assertCovers } from '@jansetu/identity';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { PUBLIC_TEXT_CHECK, PublicTextCheck } from '../../ports/public-text-check.port';
import { newJoinCode } from '../../domain/join-code';
import { GroupRepository } from '../../persistence/group.repository';
import { CreateGroupCommand, GroupCreated } from './create-group.command';

@CommandHandler(CreateGroupCommand)
export class CreateGroupHandler implements ICommandHandler<CreateGroupCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionLookup,
    private readonly audit: AuditRecorder,
    // Nest injects the module's; the default serves the specs that still wire this handler by hand.
    private readonly groups: GroupRepository = new GroupRepository(dataSource),
    // Bound by BroadcastModule (the content rules are broadcast's); absent only where broadcast is not wired.
    @Optional() @Inject(PUBLIC_TEXT_CHECK) private readonly publicText?: PublicTextCheck,
  ) {}

  async execute(cmd: CreateGroupCommand): Promise<GroupCreated> {
    const node = await this.jurisdictions.byCode(this.dataSource.manager, cmd.jurisdictionCode);
    assertCovers(cmd.officer, node.path, `jurisdiction ${cmd.jurisdictionCode}`);
    await this.assertNameAllowed(cmd.name);
    // A random code may collide with an existing one; the unique index decides, and we draw again.
    for (let attempt = 0; attempt < 10; attempt++) {
      const created = await this.dataSource.transaction(async (m) => {
        const group = await this.groups.insertUnlessCodeTaken(m, {
          jurisdictionNodeId: node.id,
          name: cmd.name,
          language: cmd.language,
          joinCode: newJoinCode(),
          createdBy: cmd.officer.id,
        });
        if (group) {
          await this.audit.record(m, {
            chainId: `group:${group.id}`,
            type: 'group.created',
            actor: officerActor(cmd.officer),
            jurisdictionPath: node.path,
            subject: { groupId: group.id, jurisdictionCode: node.code },
            body: { name: cmd.name, language: cmd.language, joinCode: group.joinCode },
          });
        }
        return group;
      });
      if (created) return created;
    }
    throw new Error('could not draw a free join code in 10 attempts');
  }

  /** A group's name is announced to every citizen who joins: the content rules apply to it as to a broadcast. */
  private async assertNameAllowed(name: string): Promise<void> {
    const violation = await this.publicText?.violation(name);
    if (violation) throw new ValidationError(`group name: ${violation}`);
  }
}
