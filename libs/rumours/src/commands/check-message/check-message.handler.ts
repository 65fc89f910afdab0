import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { FindSentBroadcastsQuery, ReplyQueue, VerifiableBroadcast } from '@jansetu/broadcast';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { BlindIndex, IdempotentConsumer, signatureOf } from '@jansetu/platform';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { answerOf, indianDate, Origin } from '../../domain/answers';
import { clusterFor, districtPathOf } from '../../domain/clusters';
import { caseInterest, codeIn, decideVerdict, Verdict } from '../../domain/verdict';
import { ClusterRepository } from '../../persistence/cluster.repository';
import { RumourRepository } from '../../persistence/rumour.repository';
import { CheckMessageCommand, MessageChecked } from './check-message.command';

/**
 * Is this a genuine police message? Looks up a code exactly, else compares the text with sent broadcasts and marked
 * rumours (near-duplicate), answers the citizen at once (a marked rumour's rebuttal), and counts a forwarded text
 * that is not a police message in its cluster. Once per message id, in one transaction with the answer (outbox).
 */
@CommandHandler(CheckMessageCommand)
export class CheckMessageHandler implements ICommandHandler<CheckMessageCommand> {
  constructor(
    private readonly idempotent: IdempotentConsumer,
    private readonly queries: QueryBus,
    private readonly rumours: RumourRepository,
    private readonly clusters: ClusterRepository,
    private readonly replies: ReplyQueue,
    private readonly jurisdictions: JurisdictionLookup,
    private readonly blind: BlindIndex,
  ) {}

  async execute(cmd: CheckMessageCommand): Promise<MessageChecked> {
    const msg = cmd.message;
    const code = msg.label === null ? codeIn(msg.text) : null;
    const sent = await this.queries.execute(new FindSentBroadcastsQuery(code));
    const done = await this.idempotent.once('rumours.check', cmd.messageId, async (m) => {
      const signature = signatureOf(msg.text);
      const verdict: Verdict = code
        ? sent[0]
          ? { kind: 'genuine', broadcast: sent[0], by: 'code' }
          : { kind: 'unknown-code', code }
        : decideVerdict(signature, msg.text, sent, await this.rumours.open(m));
      const interest =
        msg.label === null
          ? { answer: true, cluster: !code && verdict.kind !== 'genuine' && verdict.kind !== 'empty' }
          : caseInterest(msg.text, msg.label, verdict);
      if (!interest.answer && !interest.cluster) return { verdict: 'ignored' as const };
      const clusterId = interest.cluster ? await this.count(m, cmd, signature, verdict) : undefined;
      if (interest.answer) {
        const origin = 'broadcast' in verdict ? await this.originOf(m, verdict.broadcast) : null;
        await this.replies.enqueue(
          m,
          msg.replyKey,
          msg.replyTo,
          'verification',
          answerOf(verdict, origin),
          msg.jurisdictionPath,
        );
      }
      return { verdict: verdict.kind, clusterId };
    });
    return done ?? { verdict: 'duplicate' };
  }

  /** Adds the report to the cluster it is a near-duplicate of (a marked rumour's own cluster first), or a new one. */
  private async count(m: EntityManager, cmd: CheckMessageCommand, signature: number[], verdict: Verdict) {
    const msg = cmd.message;
    await this.clusters.lockClusters(m);
    const at = new Date(msg.receivedAt);
    const receivedAt = Number.isNaN(at.getTime()) ? new Date() : at;
    const clusterId =
      (verdict.kind === 'rumour' ? verdict.rumour.clusterId : null) ??
      clusterFor(signature, await this.clusters.recentSeeds(m)) ??
      (await this.clusters.create(m, signature, receivedAt));
    // Keyed per cluster: distinct senders are counted without a tag that follows anyone from cluster to cluster.
    const senderTag = msg.senderRef
      ? this.blind.hash('rumour-sender', `${clusterId}:${msg.senderRef}`)
      : `anon:${randomUUID()}`;
    await this.clusters.addReport(m, {
      messageId: cmd.messageId,
      clusterId,
      jurisdictionPath: msg.jurisdictionPath,
      districtPath: districtPathOf(msg.jurisdictionPath),
      senderTag,
      verdict: verdict.kind,
      textSealed: msg.textSealed,
      receivedAt,
    });
    return clusterId;
  }

  private async originOf(m: EntityManager, b: VerifiableBroadcast): Promise<Origin> {
    const node = b.jurisdictionPath ? (await this.jurisdictions.subtree(m, b.jurisdictionPath, null, 1))[0] : undefined;
    return {
      nameHi: node?.nameHi ?? 'बिहार पुलिस मुख्यालय',
      nameEn: node?.nameEn ?? 'Bihar Police HQ',
      date: indianDate(new Date(b.createdAt)),
    };
  }
}
