import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { assertInReach } from '@jansetu/identity';
import { APP_CONFIG, AppConfig, NotFoundError, sha256Hex, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { needsApproval } from '../../domain/approval-rules';
import { commonPath, priorityOf, renderBody } from '../../domain/broadcast';
import { initialStatus } from '../../domain/broadcast-lifecycle';
import { checkContent } from '../../domain/content-rules';
import { AudienceRepository } from '../../persistence/audience.repository';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { ContentRuleRepository } from '../../persistence/content-rule.repository';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { DispatchQueue } from '../../persistence/dispatch-queue';
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
    private readonly broadcasts: BroadcastRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly audience: AudienceRepository,
    private readonly contentRules: ContentRuleRepository,
    private readonly queue: DispatchQueue,
    private readonly audit: AuditRecorder,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(cmd: CreateBroadcastCommand): Promise<BroadcastCreated> {
    if (!cmd.body.hi?.trim()) throw new ValidationError('a Hindi text (body.hi) is required / हिंदी पाठ आवश्यक है');
    if (cmd.scheduledAt && cmd.scheduledAt.getTime() < Date.now() - 60_000) {
      throw new ValidationError('scheduledAt is in the past / निर्धारित समय बीत चुका है');
    }
    const violation = checkContent(cmd.body, await this.contentRules.all());
    if (violation) throw new ValidationError(violation);
    const groupIds = [...new Set(cmd.groupIds)];
    const groups = await this.audience.groupsWithPaths(groupIds);
    for (const id of groupIds) {
      const group = groups.find((g) => g.id === id);
      if (!group) throw new NotFoundError(`group ${id}`);
      assertInReach(cmd.officer, group.path, `group ${id}`);
      if (group.status !== 'open') throw new ValidationError(`group ${id} is closed`);
    }
    const jurisdictionPath = commonPath(groups.map((g) => g.path));
    const scopeLevel = jurisdictionPath ? await this.audience.levelOf(jurisdictionPath) : undefined;

    return this.dataSource.transaction(async (m) => {
      const id = await this.broadcasts.insert(m, {
        authorId: cmd.officer.id,
        category: cmd.category,
        body: cmd.body,
        forms: cmd.forms,
        groupIds,
        jurisdictionPath,
        priority: priorityOf(cmd.category),
        scheduledAt: cmd.scheduledAt,
      });
      const { recipients, buckets } = await this.deliveries.fanOut(m, id, groupIds, {
        maxBuckets: this.config.DISPATCH_MAX_BUCKETS,
        bucketSize: this.config.DISPATCH_BUCKET_SIZE,
      });
      // Above the threshold, or beyond one station, an officer of the parent jurisdiction approves. An emergency
      // goes at once and is approved after, marked as such.
      const approval = needsApproval(recipients, this.config.BROADCAST_APPROVAL_THRESHOLD, scopeLevel);
      const status = initialStatus({
        needsApproval: approval,
        emergency: cmd.category === 'emergency',
        scheduled: Boolean(cmd.scheduledAt),
      });
      await this.broadcasts.recordAudience(m, id, { recipients, buckets, needsApproval: approval, status });
      await this.audit.record(m, {
        chainId: `broadcast:${id}`,
        type: 'broadcast.created',
        actor: officerActor(cmd.officer),
        jurisdictionPath,
        subject: { broadcastId: id, groupIds },
        body: {
          category: cmd.category,
          content: cmd.body,
          forms: cmd.forms,
          contentSha256: sha256Hex(renderBody(cmd.body)),
          audienceSize: recipients,
          status,
          needsApproval: approval,
          scheduledAt: cmd.scheduledAt?.toISOString() ?? null,
        },
      });
      if (status === 'sending') await this.queue.enqueueAll(m, id, buckets);
      return { id, recipients, status, needsApproval: approval };
    });
  }
}
