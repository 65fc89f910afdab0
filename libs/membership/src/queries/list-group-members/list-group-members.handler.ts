import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { groupForOfficer } from '../../domain/group-ref';
import { ListGroupMembersQuery, MemberView } from './list-group-members.query';

@QueryHandler(ListGroupMembersQuery)
export class ListGroupMembersHandler implements IQueryHandler<ListGroupMembersQuery> {
  constructor(private readonly dataSource: DataSource) {}

  async execute(q: ListGroupMembersQuery): Promise<MemberView[]> {
    const group = await groupForOfficer(this.dataSource.manager, q.officer, q.groupId);
    // Only address_masked is read: the ciphertext never leaves the database on this path.
    return this.dataSource.query<MemberView[]>(
      `SELECT c.pseudonym, cp.address_masked AS "maskedAddress", cp.channel, c.language, ms.joined_at AS "joinedAt",
              (SELECT coalesce(array_agg(DISTINCT a.channel ORDER BY a.channel), '{}') FROM contact_point a
                WHERE a.citizen_id = c.id) AS channels
         FROM membership ms
         JOIN citizen c ON c.id = ms.citizen_id
         LEFT JOIN LATERAL (SELECT channel, address_masked FROM contact_point
                             WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                             ORDER BY preferred DESC, created_at LIMIT 1) cp ON true
        WHERE ms.group_id = $1 AND ms.status = 'active'
        ORDER BY ms.joined_at DESC, c.pseudonym
        LIMIT $2 OFFSET $3`,
      [group.id, q.limit, q.offset],
    );
  }
}
