import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { assertCovers } from '@jansetu/identity';
import { APP_CONFIG, AppConfig, NotFoundError, sha256Hex, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { BroadcastStatus, commonPath, priorityOf, renderBody } from '../../domain/broadcast';
import { checkContent, ContentRule } from '../../domain/content-rules';
import { DispatchQueue } from '../../domain/dispatch-queue';
import { BroadcastCreated, CreateBroadcastCommand } from './create-broadcast.command';

/**
 * Creates the broadcast and its deliveries in one transaction: the audience is resolved in SQL (one delivery per
 * citizen however many groups they share, opted-out citizens left out, the preferred contact point chosen) and
 * inserted in bulk; the audit event and the dispatch requests commit with it through the outbox.
 */
@CommandHandler(CreateBroadcastCommand)
export class CreateBroadcastHandler implements ICommandHandler<CreateBroadcastCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: DispatchQueue,
    private readonly audit: AuditRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(cmd: CreateBroadcastCommand): Promise<BroadcastCreated> {
    if (!cmd.body.hi?.trim()) throw new ValidationError('a Hindi text (body.hi) is required / हिंदी पाठ आवश्यक है');
    if (cmd.scheduledAt && cmd.scheduledAt.getTime() < Date.now() - 60_000) {
      throw new ValidationError('scheduledAt is in the past / निर्धारित समय बीत चुका है');
    }
    const violation = checkContent(
      cmd.body,
      await this.dataSource.query<ContentRule[]>(`SELECT kind, pattern, reason FROM content_rule`),
    );
    if (violation) throw new ValidationError(violation);
    const groupIds = [...new Set(cmd.groupIds)];
    const groups = await this.dataSource.query<{ id: string; path: string; status: string }[]>(
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
    const [scope] = jurisdictionPath
      ? await this.dataSource.query<{ level: string }[]>(`SELECT level FROM jurisdiction_node WHERE path = $1`, [
          jurisdictionPath,
        ])
      : [];
    const text = renderBody(cmd.body);
    const emergency = cmd.category === 'emergency';

    return this.dataSource.transaction(async (m) => {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO broadcast (author_id, category, body, forms, audience, jurisdiction_path, status, priority, scheduled_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'sending', $7, $8) RETURNING id`,
        [
          cmd.officer.id,
          cmd.category,
          JSON.stringify(cmd.body),
          JSON.stringify(cmd.forms),
          JSON.stringify({ groupIds }),
          jurisdictionPath,
          priorityOf(cmd.category),
          cmd.scheduledAt,
        ],
      );
      const buckets = `GREATEST(1, LEAST(${this.config.DISPATCH_MAX_BUCKETS}, ceil(count(*) OVER () / ${this.config.DISPATCH_BUCKET_SIZE}::numeric)::int))`;
      const [{ recipients, buckets: bucketCount }] = await m.query<{ recipients: number; buckets: number }[]>(
        `WITH audience AS (
           SELECT c.id AS citizen_id, cp.id AS contact_point_id, cp.channel, c.language
             FROM (SELECT DISTINCT citizen_id FROM membership WHERE group_id = ANY($2::uuid[]) AND status = 'active') a
             JOIN citizen c ON c.id = a.citizen_id AND c.opted_out_at IS NULL
             JOIN LATERAL (SELECT id, channel FROM contact_point
                            WHERE citizen_id = c.id AND active AND opted_out_at IS NULL
                            ORDER BY preferred DESC, created_at LIMIT 1) cp ON true),
         inserted AS (
           INSERT INTO delivery (broadcast_id, citizen_id, contact_point_id, channel, language, status, bucket)
           SELECT $1, citizen_id, contact_point_id, channel, language, 'pending', (row_number() OVER () % ${buckets})::smallint
             FROM audience
           RETURNING bucket)
         SELECT count(*)::int AS recipients, coalesce(max(bucket) + 1, 1)::int AS buckets FROM inserted`,
        [id, groupIds],
      );
      // Above the threshold, or beyond one station, an officer of the parent jurisdiction approves. An emergency
      // goes at once and is approved after, marked as such.
      const needsApproval =
        recipients > this.config.BROADCAST_APPROVAL_THRESHOLD ||
        !scope ||
        !['station', 'locality'].includes(scope.level);
      const status: BroadcastStatus =
        needsApproval && !emergency ? 'pending_approval' : cmd.scheduledAt ? 'scheduled' : 'sending';
      await m.query(
        `UPDATE broadcast SET recipient_count = $2, buckets = $3, needs_approval = $4, status = $5 WHERE id = $1`,
        [id, recipients, bucketCount, needsApproval, status],
      );
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
          status,
          needsApproval,
          scheduledAt: cmd.scheduledAt?.toISOString() ?? null,
        },
      });
      if (status === 'sending') await this.queue.enqueueAll(m, id, bucketCount);
      return { id, recipients, status, needsApproval };
    });
  }
}
