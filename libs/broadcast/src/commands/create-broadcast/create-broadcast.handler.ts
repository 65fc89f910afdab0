import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { APP_CONFIG, AppConfig, CitizenLanguages, TooManyRequestsError, ValidationError } from '@jansetu/platform';
import { ChannelRegistry } from '@jansetu/channels';
import { DataSource, EntityManager } from 'typeorm';
import {
  approvalScope,
  assertMayDeclareEmergency,
  needsApproval,
  parentPath,
  rateLimitRetryAfter,
} from '../../domain/approval-rules';
import { AudienceDefinition, audienceOf, checkAudience } from '../../domain/audience';
import { FanOutPlan, fanOutPlan } from '../../domain/fan-out-plan';
import {
  BroadcastBody,
  BroadcastForms,
  commonPath,
  contentHashes,
  priorityOf,
  renderVariant,
  variantFor,
  variantsOf,
} from '../../domain/broadcast';
import { initialStatus } from '../../domain/broadcast-lifecycle';
import { checkContent } from '../../domain/content-rules';
import { fingerprintsOf, newVerificationCode } from '../../domain/verification-code';
import { AudienceRepository } from '../../persistence/audience.repository';
import { BroadcastRepository } from '../../persistence/broadcast.repository';
import { ContentRuleRepository } from '../../persistence/content-rule.repository';
import { DeliveryRepository } from '../../persistence/delivery.repository';
import { DispatchQueue } from '../../persistence/dispatch-queue';
import { BroadcastCreated, CreateBroadcastCommand } from './create-broadcast.command';

/**
 * Creates the broadcast in one transaction with its audit event and dispatch requests (through the outbox). Its
 * audience (groups and jurisdiction subtrees, its scope their common ancestor) is resolved in SQL: one delivery per
 * citizen however many groups they share, opted-out citizens left out, the preferred contact point chosen. A small
 * audience is inserted here in bulk; a large one is cut into slices the dispatchers materialise as they send
 * (fan-out-plan.ts), so a state-wide emergency answers at once and its first messages leave while the rest resolves.
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
    private readonly channels: ChannelRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(cmd: CreateBroadcastCommand): Promise<BroadcastCreated> {
    if (!cmd.body.hi?.trim()) throw new ValidationError('a Hindi text (body.hi) is required / हिंदी पाठ आवश्यक है');
    if (cmd.scheduledAt && cmd.scheduledAt.getTime() < Date.now() - 60_000) {
      throw new ValidationError('scheduledAt is in the past / निर्धारित समय बीत चुका है');
    }
    const violation = checkContent(cmd.body, await this.contentRules.all(), cmd.forms);
    if (violation) throw new ValidationError(violation);
    const audience = audienceOf(cmd.audience);
    const paths = checkAudience(
      cmd.officer,
      audience,
      await this.audience.groupsWithPaths(audience.groupIds),
      await this.audience.nodes(audience.jurisdictions.map((j) => j.nodeId)),
      true,
    );
    const jurisdictionPath = commonPath(paths);
    const ancestors = jurisdictionPath ? await this.audience.ancestors(jurisdictionPath) : [];
    const scopeLevel = ancestors.find((a) => a.path === jurisdictionPath)?.level;
    const emergency = cmd.category === 'emergency';
    // Who may send at once and review after is a policy (EMERGENCY_POLICY), not the author's choice of category.
    if (emergency) assertMayDeclareEmergency(cmd.officer.role, scopeLevel ?? null);
    const approvalPath = approvalScope(jurisdictionPath, ancestors, cmd.officer.jurisdictionPath);

    return this.dataSource.transaction(async (m) => {
      // Per-officer rate limit, serialised per officer so a burst cannot pass one count taken before any insert.
      const recent = await this.broadcasts.recentByAuthor(m, cmd.officer.id, this.config.BROADCAST_RATE_WINDOW_SECONDS);
      const retryAfter = rateLimitRetryAfter(
        recent,
        this.config.BROADCAST_RATE_LIMIT,
        this.config.BROADCAST_RATE_WINDOW_SECONDS,
        new Date(),
      );
      if (retryAfter !== null) {
        throw new TooManyRequestsError(
          `at most ${this.config.BROADCAST_RATE_LIMIT} broadcasts in ${this.config.BROADCAST_RATE_WINDOW_SECONDS} s ` +
            `per officer; try again in ${retryAfter} s / प्रसारण सीमा पूरी हुई, ${retryAfter} सेकंड बाद प्रयास करें`,
          retryAfter,
        );
      }
      // An emergency goes at once and waits in the mandatory review queue of the level above its scope.
      const review = emergency
        ? {
            dueAt: new Date(Date.now() + this.config.EMERGENCY_REVIEW_MINUTES * 60_000),
            path: parentPath(approvalPath),
          }
        : null;
      // 729 million codes: a repeat is all but impossible, and the unique index refuses one that slips through.
      let verificationCode = newVerificationCode();
      while (await this.broadcasts.verificationCodeTaken(m, verificationCode)) verificationCode = newVerificationCode();
      const id = await this.broadcasts.insert(m, {
        authorId: cmd.officer.id,
        category: cmd.category,
        body: cmd.body,
        forms: cmd.forms,
        audience,
        jurisdictionPath,
        priority: priorityOf(cmd.category),
        scheduledAt: cmd.scheduledAt,
        authorPath: cmd.officer.jurisdictionPath,
        approvalPath,
        review,
        verificationCode,
        fingerprints: fingerprintsOf(cmd.body),
      });
      // DLT scrubbing drops an SMS whose text matches no registered template: refused now, with the reason (the
      // transaction takes the broadcast back), rather than failing at every feature phone. Looked up before any
      // delivery exists, and only when some text would be refused. An emergency still goes: its other channels
      // must not wait, and its SMS failures are counted with their reason.
      if (!emergency) {
        const refused = await this.smsRefusal(audience, cmd.body, cmd.forms, verificationCode);
        if (refused) throw new ValidationError(refused);
      }
      const plan = fanOutPlan(await this.audience.membershipCount(m, audience), {
        streamAbove: this.config.FANOUT_STREAM_ABOVE,
        bucketSize: this.config.DISPATCH_BUCKET_SIZE,
        maxBuckets: this.config.DISPATCH_MAX_BUCKETS,
      });
      const { recipients, buckets, audienceEstimate } = await this.materialise(m, id, audience, plan);
      // Above the threshold, or beyond one station, an officer of the parent jurisdiction approves. An emergency
      // goes at once and is approved after, marked as such.
      // An emergency always needs its decision after the fact (the review), whatever its size.
      // A streamed audience is judged by its membership count, an upper bound: never less approval than its size needs.
      const approval =
        emergency ||
        needsApproval(audienceEstimate ?? recipients, this.config.BROADCAST_APPROVAL_THRESHOLD, scopeLevel);
      const status = initialStatus({
        needsApproval: approval,
        emergency,
        scheduled: Boolean(cmd.scheduledAt),
      });
      await this.broadcasts.recordAudience(m, id, {
        recipients,
        buckets,
        needsApproval: approval,
        status,
        audienceEstimate,
      });
      await this.audit.record(m, {
        chainId: `broadcast:${id}`,
        type: 'broadcast.created',
        actor: officerActor(cmd.officer),
        jurisdictionPath,
        subject: { broadcastId: id, groupIds: audience.groupIds },
        body: {
          category: cmd.category,
          content: cmd.body,
          forms: cmd.forms,
          // The approval covers every variant: what is sent in each language is exactly one of these texts, with
          // the verification line citizens can send back (variantSha256 is of the text as sent).
          ...contentHashes(cmd.body, verificationCode),
          languages: variantsOf(cmd.body),
          verificationCode,
          // As the author said it (groups and jurisdiction subtrees), resolved to `audienceSize` citizens now; a
          // streamed one is resolved by the dispatchers, and broadcast.audience_resolved gives its size.
          audience,
          ...(audienceEstimate === null ? { audienceSize: recipients } : { audienceEstimate }),
          status,
          needsApproval: approval,
          scheduledAt: cmd.scheduledAt?.toISOString() ?? null,
          approvalPath,
          reviewDueAt: review?.dueAt.toISOString() ?? null,
          reviewPath: review?.path ?? null,
        },
      });
      if (status === 'sending') await this.queue.enqueueAll(m, id, buckets);
      return { id, recipients, audienceEstimate, status, needsApproval: approval, verificationCode };
    });
  }

  /**
   * A small audience becomes its deliveries now; a large one is cut into slices that the dispatchers materialise
   * (recipients 0 so far, its membership count as the estimate).
   */
  private async materialise(
    m: EntityManager,
    id: string,
    audience: AudienceDefinition,
    plan: FanOutPlan,
  ): Promise<{ recipients: number; buckets: number; audienceEstimate: number | null }> {
    if (plan.kind === 'streamed') {
      await this.deliveries.cutSlices(m, id, plan.slices, plan.buckets);
      return { recipients: 0, buckets: plan.buckets, audienceEstimate: plan.memberships };
    }
    const { recipients, buckets } = await this.deliveries.fanOut(m, id, audience, {
      maxBuckets: this.config.DISPATCH_MAX_BUCKETS,
      bucketSize: this.config.DISPATCH_BUCKET_SIZE,
    });
    return { recipients, buckets, audienceEstimate: null };
  }

  /**
   * Why DLT SMS would refuse the text that some of this audience's SMS recipients get, or null. Each citizen gets
   * their language's variant or the Hindi one; only the languages whose text is refused are looked for.
   */
  private async smsRefusal(
    audience: AudienceDefinition,
    body: BroadcastBody,
    forms: BroadcastForms,
    verificationCode: string,
  ): Promise<string | null> {
    const reasonFor = new Map<string, string>();
    for (const language of CitizenLanguages) {
      const text = renderVariant(body, variantFor(body, language), verificationCode);
      const reason = this.channels.checkText('sms', { text, dltTemplateId: forms.smsDltTemplateId });
      if (reason) reasonFor.set(language, reason);
    }
    if (!reasonFor.size) return null;
    const refused = new Map<string, string[]>();
    for (const language of await this.audience.languagesOn(audience, 'sms', [...reasonFor.keys()])) {
      const reason = reasonFor.get(language)!;
      refused.set(reason, [...(refused.get(reason) ?? []), language]);
    }
    if (!refused.size) return null;
    const reasons = [...refused].map(([reason, languages]) => `${reason} (${languages.join(', ')})`).join('; ');
    return `${reasons}: register a DLT template for this text or change it / एसएमएस पर यह पाठ नहीं जाएगा: इसका DLT टेम्पलेट पंजीकृत कराएँ या पाठ बदलें`;
  }
}
