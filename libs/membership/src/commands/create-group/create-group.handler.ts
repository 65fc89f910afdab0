import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
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
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: CreateGroupCommand): Promise<GroupCreated> {
    const node = await this.jurisdictions.byCode(this.dataSource.manager, cmd.jurisdictionCode);
    assertCovers(cmd.officer, node.path, `jurisdiction ${cmd.jurisdictionCode}`);
    // A random code may collide with an existing one; the unique index decides, and we draw again.
    for (let attempt = 0; attempt < 10; attempt++) {
      const created = await this.dataSource.transaction(async (m) => {
        const rows: GroupCreated[] = await m.query(
          `INSERT INTO citizen_group (jurisdiction_node_id, name, language, join_code, created_by)
           VALUES ($1, $2, $3, $4, $5) ON CONFLICT (join_code) DO NOTHING
           RETURNING id, join_code AS "joinCode"`,
          [node.id, cmd.name, cmd.language, newJoinCode(), cmd.officer.id],
        );
        if (rows.length) {
          await this.audit.record(m, {
            chainId: `group:${rows[0].id}`,
            type: 'group.created',
            actor: { kind: 'officer', officerId: cmd.officer.id, role: cmd.officer.role },
            jurisdictionPath: node.path,
            subject: { groupId: rows[0].id, jurisdictionCode: node.code },
            body: { name: cmd.name, language: cmd.language, joinCode: rows[0].joinCode },
          });
        }
        return rows[0];
      });
      if (created) return created;
    }
    throw new Error('could not draw a free join code in 10 attempts');
  }
}
