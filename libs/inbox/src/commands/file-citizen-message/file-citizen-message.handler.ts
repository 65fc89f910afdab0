import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AutoReplyReason, ReplyQueue } from '@jansetu/broadcast';
import { InboundMedia } from '@jansetu/channels';
import { BlindIndex, DataKeys, DomainEvents, FieldCipher, IdempotentConsumer } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { Classification, MessageClassifier } from '../../domain/classifier';
import { classifyWithMedia } from '../../domain/media-types';
import { AttachmentRepository } from '../../persistence/attachment.repository';
import { parseInboxIntent } from '../../domain/inbox-intent';
import { InboxNode, InboxRouter } from '../../domain/inbox-router';
import {
  anonymousEraseTag,
  anonymousMuteKey,
  anonymousPseudonym,
  anonymousRateKey,
  anonymousSenderKey,
  namedSenderKey,
  senderKeys,
  stationPseudonym,
} from '../../domain/pseudonyms';
import { REVEAL_SEALER, RevealSealer } from '../../domain/reveal-seal';
import { InboxReplies } from '../../domain/replies';
import { SENDER_LINK_CIPHER, SenderLink } from '../../domain/sender-link';
import { CaseFiled } from '../../events/case-filed.event';
import { CaseRepository } from '../../persistence/case.repository';
import { DirectoryRepository } from '../../persistence/directory.repository';
import { CitizenMessageFiled, FileCitizenMessageCommand } from './file-citizen-message.command';

/** The hour a message falls in, the bucket of the anonymous rate counter. */
function hourOf(receivedAt: string): string {
  const d = new Date(receivedAt);
  return new Date(Number.isNaN(d.getTime()) ? Date.now() : d.getTime()).toISOString().slice(0, 13) + ':00:00Z';
}

/** Messages a sender may file per hour before the inbox answers "please wait"; emergencies always pass. */
export const INBOX_RATE_LIMIT_PER_HOUR = 10;
/** Attachments kept per message (Twilio sends up to 10; WhatsApp and Telegram one). */
const MAX_ATTACHMENTS = 5;

interface Sender {
  citizenId: string;
  contactPointId: string;
  pseudonym: string;
  /** Replies come in it (Hindi for someone JanSetu keeps nothing about). */
  language: string;
}

interface Filing {
  m: EntityManager;
  cmd: FileCitizenMessageCommand;
  address: string;
  sender: Sender | undefined;
}

/**
 * Files a citizen's message as a case in the right inbox, classified, under a pseudonym of that station; answers
 * at once (112 for emergencies). Runs on CitizenMessageReceived (FileCitizenMessageSaga), once per message id.
 */
@CommandHandler(FileCitizenMessageCommand)
export class FileCitizenMessageHandler implements ICommandHandler<FileCitizenMessageCommand> {
  constructor(
    private readonly idempotent: IdempotentConsumer,
    private readonly keys: DataKeys,
    @Inject(SENDER_LINK_CIPHER) private readonly linkCipher: FieldCipher,
    @Inject(REVEAL_SEALER) private readonly revealSealer: RevealSealer,
    private readonly blindIndex: BlindIndex,
    private readonly classifier: MessageClassifier,
    private readonly router: InboxRouter,
    private readonly replies: ReplyQueue,
    private readonly cases: CaseRepository,
    private readonly directory: DirectoryRepository,
    private readonly events: DomainEvents,
    private readonly attachments: AttachmentRepository,
  ) {}

  async execute(cmd: FileCitizenMessageCommand): Promise<CitizenMessageFiled> {
    const address = await this.keys.open(cmd.inbound.fromSealed);
    const done = await this.idempotent.once('inbox.file', cmd.messageId, async (m) => {
      const sender = await this.directory.senderByAddressHash(
        m,
        cmd.inbound.channel,
        this.blindIndex.hash(cmd.inbound.channel, address),
      );
      const intent = parseInboxIntent(cmd.inbound.text);
      return this.file({ m, cmd, address, sender }, intent.text, intent.anonymous);
    });
    return done ?? { outcome: 'duplicate' };
  }

  private async file(f: Filing, text: string, anonymous: boolean): Promise<CitizenMessageFiled> {
    const { m, cmd, sender } = f;
    const memberInbox = sender ? await this.router.forCitizen(m, sender.citizenId) : undefined;
    const inbox: InboxNode | undefined = memberInbox ?? (await this.router.forStranger(m, text));
    if (!inbox) return { outcome: 'no-inbox' };
    const member = memberInbox !== undefined;
    // Attachments' references and a shared location, sealed under the sender's key like the text.
    const media = cmd.inbound.mediaSealed
      ? (JSON.parse(await this.keys.open(cmd.inbound.mediaSealed, m)) as InboundMedia)
      : undefined;
    const hasMedia = Boolean(media && (media.mediaIds.length || media.location));
    const classification = classifyWithMedia(this.classifier.classify(text), text, hasMedia);

    // A citizen is known by their id; someone JanSetu keeps nothing about, by channel and address (hashed below).
    const senderRef = sender ? `citizen:${sender.citizenId}` : `${cmd.inbound.channel}:${f.address}`;
    // Named and anonymous messages are limited and muted under unrelated keys, so neither mechanism can tell an
    // officer (or a copy of the tables) that an ANON case and a named case came from one person.
    const muteKey = anonymous ? anonymousMuteKey(this.blindIndex, inbox.id, senderRef) : undefined;
    const recent = anonymous
      ? await this.cases.anonymousActivity(
          m,
          anonymousRateKey(this.blindIndex, hourOf(cmd.inbound.receivedAt), inbox.id, senderRef),
          hourOf(cmd.inbound.receivedAt),
          muteKey!,
          inbox.id,
        )
      : await this.cases.recentActivity(
          m,
          [namedSenderKey(this.blindIndex, inbox.id, senderRef), senderKeys(this.blindIndex, senderRef).named],
          inbox.id,
        );
    const overLimit = recent.n >= INBOX_RATE_LIMIT_PER_HOUR;
    const filterReason = recent.muted ? 'muted' : overLimit ? 'rate-limited' : null;
    // An emergency is never hidden: it stays in the main queue and the urgent count, flagged by its filter reason.
    const queue = classification.urgent ? 'main' : filterReason ? 'filtered' : classification.queue;

    // Named member cases link by foreign key; non-member cases through the sealed link; anonymous cases keep only a
    // reply route the gateway can open and, sealed to the HQ reveal key, who sent them.
    // Inside every link the address is sealed under the sender's data key too: ERASE shreds it, even in the copy
    // sealed to the HQ reveal key.
    const link: SenderLink = {
      citizenId: sender?.citizenId ?? null,
      contactPointId: sender?.contactPointId ?? null,
      channel: cmd.inbound.channel,
      address: await this.keys.sealFor(cmd.inbound.channel, f.address, f.address, m),
    };
    const sealed = anonymous
      ? this.linkCipher.encrypt(
          JSON.stringify({
            citizenId: null,
            contactPointId: null,
            channel: link.channel,
            address: link.address,
            muteKey,
          } satisfies SenderLink),
        )
      : !sender
        ? this.linkCipher.encrypt(JSON.stringify(link))
        : null;
    const pseudonym = anonymous ? anonymousPseudonym() : stationPseudonym(this.blindIndex, inbox.id, senderRef);
    // Under the sender's data key: ERASE makes the words unreadable with everything else they sent.
    const textSealed = await this.keys.sealFor(cmd.inbound.channel, f.address, text, m);
    const row = await this.cases.insertCase(m, {
      messageId: cmd.messageId,
      nodeId: inbox.id,
      jurisdictionPath: inbox.path,
      citizenId: anonymous ? null : (sender?.citizenId ?? null),
      contactPointId: anonymous ? null : (sender?.contactPointId ?? null),
      senderSealed: sealed,
      revealSealed: anonymous ? this.revealSealer.seal(JSON.stringify(link)) : null,
      eraseTag: anonymous && sender ? anonymousEraseTag(this.blindIndex, sender.citizenId) : null,
      senderKey: anonymous ? anonymousSenderKey() : namedSenderKey(this.blindIndex, inbox.id, senderRef),
      pseudonym,
      anonymous,
      member,
      channel: cmd.inbound.channel,
      text: textSealed,
      label: classification.label,
      classifiedBy: classification.by,
      confidence: classification.confidence,
      queue,
      filterReason,
      urgent: classification.urgent,
      receivedAt: cmd.inbound.receivedAt,
    });
    const caseNumber = row.caseNumber;
    if (media) {
      // Fetched, checked and stored after this commits (FetchCaseMediaCommand): provider I/O stays out of it.
      // One after the other: the queries share this transaction's connection (pg refuses them side by side).
      const sealedRefs: string[] = [];
      for (const ref of media.mediaIds.slice(0, MAX_ATTACHMENTS))
        sealedRefs.push(await this.keys.sealLike(textSealed, ref, m));
      await this.attachments.add(m, row.id, media.provider ?? null, sealedRefs);
      if (media.location)
        await this.attachments.setLocation(
          m,
          row.id,
          await this.keys.sealLike(textSealed, JSON.stringify(media.location), m),
        );
    }
    const named = sender && !anonymous;
    await this.events.publish(
      m,
      new CaseFiled(
        cmd.messageId,
        row.id,
        inbox.path,
        classification.label,
        anonymous,
        cmd.inbound.channel,
        textSealed,
        named ? sender.citizenId : null,
        named
          ? { contactPointId: sender.contactPointId }
          : { channel: cmd.inbound.channel, toSealed: cmd.inbound.fromSealed },
        cmd.inbound.receivedAt,
        classification.urgent,
        caseNumber,
        pseudonym,
      ),
    );
    await this.acknowledge(f, { anonymous, member, caseNumber, classification, inbox, filterReason, count: recent.n });
    return {
      outcome: 'filed',
      caseId: row.id,
      caseNumber,
      label: classification.label,
      queue,
      urgent: classification.urgent,
    };
  }

  /** One reply at most: 112 first; nothing to muted senders; one "please wait" when the hourly limit is reached. */
  private async acknowledge(
    f: Filing,
    c: {
      anonymous: boolean;
      member: boolean;
      caseNumber: number;
      classification: Classification;
      inbox: InboxNode;
      filterReason: string | null;
      count: number;
    },
  ): Promise<void> {
    const path = c.inbox.path;
    const l = f.sender?.language ?? 'hi';
    if (c.classification.urgent) return this.reply(f, c.anonymous, 'emergency-112', InboxReplies.emergency(l), path);
    if (c.filterReason === 'muted') return;
    if (c.filterReason === 'rate-limited') {
      if (c.count === INBOX_RATE_LIMIT_PER_HOUR) {
        await this.reply(f, c.anonymous, 'rate-limited', InboxReplies.rateLimited(l), path);
      }
      return;
    }
    if (!c.member) return this.reply(f, c.anonymous, 'not-a-member', InboxReplies.notMember(l, c.caseNumber), path);
    if (c.classification.label === 'greeting') {
      return this.reply(f, c.anonymous, 'inbox-ack', InboxReplies.greeting(l), path);
    }
    // Slogans, adverts and abuse get no answer: answering invites more.
    if (c.classification.queue === 'filtered') return;
    const text = c.anonymous ? InboxReplies.receivedAnonymous(l, c.caseNumber) : InboxReplies.received(l, c.caseNumber);
    await this.reply(f, c.anonymous, 'inbox-ack', text, path);
  }

  /**
   * Replies on the channel the citizen wrote from. An anonymous case's reply travels sealed with no pseudonym, so
   * the send's audit event does not sit on the citizen's chain.
   */
  private async reply(f: Filing, anonymous: boolean, reason: AutoReplyReason, text: string, path: string) {
    const { sender, cmd } = f;
    const named = sender && !anonymous;
    await this.replies.enqueue(
      f.m,
      named ? sender.citizenId : cmd.inbound.providerMessageId,
      named
        ? { contactPointId: sender.contactPointId, pseudonym: null }
        : { channel: cmd.inbound.channel, toSealed: cmd.inbound.fromSealed, pseudonym: null },
      reason,
      text,
      path,
    );
  }
}
