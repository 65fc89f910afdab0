import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { assertCovers } from '@jansetu/identity';
import { NotFoundError, Outbox, sha256Hex, Topics, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { commonPath, DispatchRequest, renderBody } from '../../domain/broadcast';
import { BroadcastCreated, CreateBroadcastCommand } from './create-broadcast.command';

/**
 * Creates the broadcast and its deliveries in one transaction: the audience is resolved in SQL (one delivery per
 * citizen however many groups they share, opted-out citizens left out, the preferred contact point chosen) and
 * inserted in bulk; the audit event and the dispatch request commit with it through the outbox.
 */
@CommandHandler(CreateBroadcastCommand)
export class CreateBroadcastHandler implements ICommandHandler<CreateBroadcastCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: CreateBroadcastCommand): Promise<BroadcastCreated> {
    if (!cmd.body.hi?.trim()) throw new ValidationError('a Hindi text (body.hi) is required / हिंदी पाठ आवश्यक है');
    const groupIds = [...new Set(cmd.groupIds)];
    const groups: { id: string; path: string; status: string }[] = await this.dataSource.query(
      `SELECT g.id, n.path, g.status FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
        WHERE g.id = ANY($1::uuid[])`,
      [groupIds],
    );
    for (const id of groupIds) {
      const group = groups.find((g) => g.id === id);
      if (!group) throw new NotFoundError(`group ${id}`);
      assertCovers(cmd.officer, group.path, `group ${id}`);
      if (group.status !== 'open') throw new ValidationError(`group ${id} is closed`);
    }
    const jurisdictionPath = commonPath(groups.map((g) => g.path));
    const text = renderBody(cmd.body);

    return this.dataSource.transaction(async (m) => {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO broadcast (author_id, category, body, forms, audience, jurisdiction_path, status)
         VALUES ($1, $2, $3, $4, $5, $6, 'sending') RETURNING id`,
        [
          cmd.officer.id,
          cmd.category,
          JSON.stringify(cmd.body),
          JSON.stringify(cmd.forms),
          JSON.stringify({ groupIds }),
          jurisdictionPath,
        ],
      );
      const [{ recipients }] = await m.query<{ recipients: number }[]>(
        `WITH inserted AS (
         INSERT INTO delivery (broadcast_id, citizen_id, contact_point_id, channel, language, status)
         SELECT $1, c.id, cp.id, cp.channel, c.language, 'pending'
           FROM (SELECT DISTINCT citizen_id FROM membership WHERE group_id = ANY($2::uuid[]) AND status = 'active') a
           JOIN citizen c ON c.id = a.citizen_id AND c.opted_out_at IS NULL
           JOIN LATERAL (SELECT id, channel FROM contact_point
                          WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                          ORDER BY preferred DESC, created_at LIMIT 1) cp ON true
         RETURNING 1)
         SELECT count(*)::int AS recipients FROM inserted`,
        [id, groupIds],
      );
      await m.query(`UPDATE broadcast SET recipient_count = $2 WHERE id = $1`, [id, recipients]);
      await this.audit.record(m, {
        chainId: `broadcast:${id}`,
        type: 'broadcast.created',
        actor: { kind: 'officer', officerId: cmd.officer.id, role: cmd.officer.role },
        jurisdictionPath,
        subject: { broadcastId: id, groupIds },
        body: {
          category: cmd.category,
          content: cmd.body,
          forms: cmd.forms,
          contentSha256: sha256Hex(text),
          audienceSize: recipients,
        },
      });
      const request: DispatchRequest = { broadcastId: id };
      await this.outbox.add(m, {
        topic: Topics.dispatch,
        key: `broadcast:${id}`,
        type: 'broadcast.dispatch',
        payload: request,
      });
      return { id, recipients };
    });
  }
}
