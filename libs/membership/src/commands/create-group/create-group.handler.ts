import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertCovers } from '@jansetu/identity';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { DataSource } from 'typeorm';
import { newJoinCode } from '../../domain/join-code';
import { CreateGroupCommand, GroupCreated } from './create-group.command';

@CommandHandler(CreateGroupCommand)
export class CreateGroupHandler implements ICommandHandler<CreateGroupCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly jurisdictions: JurisdictionLookup,
  ) {}

  async execute(cmd: CreateGroupCommand): Promise<GroupCreated> {
    const node = await this.jurisdictions.byCode(this.dataSource.manager, cmd.jurisdictionCode);
    assertCovers(cmd.officer, node.path, `jurisdiction ${cmd.jurisdictionCode}`);
    // A random code may collide with an existing one; the unique index decides, and we draw again.
    for (let attempt = 0; attempt < 10; attempt++) {
      const rows: GroupCreated[] = await this.dataSource.query(
        `INSERT INTO citizen_group (jurisdiction_node_id, name, language, join_code, created_by)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (join_code) DO NOTHING
         RETURNING id, join_code AS "joinCode"`,
        [node.id, cmd.name, cmd.language, newJoinCode(), cmd.officer.id],
      );
      if (rows.length) return rows[0];
    }
    throw new Error('could not draw a free join code in 10 attempts');
  }
}
