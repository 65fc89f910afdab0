import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, SYSTEM_ACTOR } from '@jansetu/audit';
import { DataKeys, DomainEvents, IdempotentConsumer } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { CitizenCommand, Language, parseCitizenCommand } from '../../domain/citizen-command';
import { decideLeave } from '../../domain/leave-target';
import { LINK_CODE_TTL_MINUTES, LINK_GUESSES_PER_HOUR, newLinkCode } from '../../domain/link-code';
import { CONSENT_NOTICE_VERSION } from '../../domain/notices';
import { Replies } from '../../domain/replies';
import { CitizenErased } from '../../events/citizen-erased.event';
import { CitizenMessageReceived } from '../../events/citizen-message-received.event';
import { CitizenStopped } from '../../events/citizen-stopped.event';
import { MemberLeft } from '../../events/member-left.event';
import { VerificationRequested } from '../../events/verification-requested.event';
import { CitizenRepository, ContactRef } from '../../persistence/citizen.repository';
import { LinkAttemptRepository } from '../../persistence/link-attempt.repository';
import { MembershipRepository } from '../../persistence/membership.repository';
import { CITIZEN_REPLIES, CitizenReplies } from '../../ports/citizen-replies.port';
import { CitizenMessageHandled, HandleCitizenMessageCommand } from './handle-citizen-message.command';

/** The ERASE confirmation's own key outlives the citizen's by this long (the retention job destroys it then). */
const ERASE_CONFIRMATION_KEY_DAYS = 2;

/** One citizen command being handled: the transaction, the message, the sender's address and stored contact. */
interface Turn {
  m: EntityManager;
  cmd: HandleCitizenMessageCommand;
  address: string;
  /** Undefined for someone JanSetu keeps nothing about; replies to them travel sealed and store nothing. */
  contact: ContactRef | undefined;
}

/** The language replies of this turn come in: the citizen's, Hindi for someone JanSetu keeps nothing about. */
const lang = (turn: Turn): string => turn.contact?.language ?? 'hi';

/**
 * The citizen keywords on every channel: join, leave, STOP, help, language, my groups, link, prefer and erase. Each
 * runs once per bus message, in one transaction with its reply, its audit event and its domain events (outbox);
 * consent and its withdrawal are recorded with the channel, the exact words and the notice version. Anything else
 * is raised as CitizenMessageReceived, which the inbox files.
 */
@CommandHandler(HandleCitizenMessageCommand)
export class HandleCitizenMessageHandler implements ICommandHandler<HandleCitizenMessageCommand> {
  constructor(
    private readonly idempotent: IdempotentConsumer,
    private readonly keys: DataKeys,
    private readonly citizens: CitizenRepository,
    private readonly memberships: MembershipRepository,
    @Inject(CITIZEN_REPLIES) private readonly replies: CitizenReplies,
    private readonly audit: AuditRecorder,
    private readonly events: DomainEvents,
    private readonly linkAttempts: LinkAttemptRepository,
  ) {}

  async execute(cmd: HandleCitizenMessageCommand): Promise<CitizenMessageHandled> {
    const parsed = parseCitizenCommand(cmd.inbound.text);
    const address = await this.keys.open(cmd.inbound.fromSealed);
    const done = await this.idempotent.once('membership.inbound', cmd.messageId, async (m) => {
      const { channel, receivedAt } = cmd.inbound;
      await this.citizens.touchInbound(m, channel, address, receivedAt);
      if (parsed.kind === 'message')
        await this.citizens.touchInboundLine(m, channel, address, cmd.inbound.line ?? null);
      const turn: Turn = { m, cmd, address, contact: await this.citizens.findContact(m, channel, address) };
      if (parsed.kind === 'message') {
        const { text, ...rest } = cmd.inbound;
        // Under the sender's key, like the address: the event's copies on the bus shred with it.
        const inbound = { ...rest, textSealed: await this.keys.sealFor(channel, address, text, m) };
        await this.events.publish(m, new CitizenMessageReceived(cmd.messageId, inbound, turn.contact ?? null));
        return turn.contact ?? null;
      }
      await this.run(turn, parsed);
      // After the command, so a contact point the join just created records it too: its confirmation goes from it.
      await this.citizens.touchInboundLine(m, channel, address, cmd.inbound.line ?? null);
      return turn.contact ?? null;
    });
    if (done === undefined) return { handled: 'duplicate' };
    return parsed.kind === 'message' ? { handled: 'message', sender: done } : { handled: parsed.kind };
  }

  private async run(turn: Turn, command: Exclude<CitizenCommand, { kind: 'message' }>): Promise<void> {
    switch (command.kind) {
      case 'join':
        return this.join(turn, command.code);
      case 'leave':
        return this.leave(turn, command.code);
      case 'stop':
        return this.stop(turn);
      case 'help':
        return this.reply(turn, 'help', Replies.help(lang(turn)));
      case 'language':
        return this.language(turn, command.language);
      case 'my-groups':
        return this.myGroups(turn);
      case 'link':
        return command.code ? this.redeemLink(turn, command.code) : this.issueLink(turn);
      case 'prefer':
        return this.prefer(turn);
      case 'erase':
        return this.erase(turn);
      case 'verify':
        return this.verify(turn, command.text);
    }
  }

  /** VERIFY <code or text>: the rumours context answers (VerificationRequested); nothing is stored here. */
  private async verify(turn: Turn, text: string): Promise<void> {
    const { m, cmd, contact } = turn;
    // Only the words after the keyword travel on, sealed; the plain text stays here.
    const rest = { ...cmd.inbound, text: undefined };
    const groups = contact ? await this.memberships.activeGroups(m, contact.citizenId) : [];
    // The most local group: the longest path.
    const path = groups.map((g) => g.path).sort((a, b) => b.length - a.length)[0] ?? null;
    const inbound = { ...rest, textSealed: await this.keys.sealFor(rest.channel, turn.address, text, m) };
    await this.events.publish(m, new VerificationRequested(cmd.messageId, inbound, contact ?? null, path));
  }

  private async join(turn: Turn, code: string): Promise<void> {
    const { m, cmd } = turn;
    const group = await this.memberships.groupByJoinCode(m, code);
    // Neither an unknown code nor a closed group stores anything about the sender.
    if (!group) return this.reply(turn, 'unknown-code', Replies.unknownCode(lang(turn), code));
    if (group.status !== 'open')
      return this.reply(turn, 'group-closed', Replies.groupClosed(lang(turn), group.name), group.path);

    const contact = turn.contact ?? (await this.citizens.createContact(m, cmd.inbound.channel, turn.address));
    turn.contact = contact;
    const consent = {
      at: cmd.inbound.receivedAt,
      channel: cmd.inbound.channel,
      words: cmd.inbound.text,
      noticeVersion: CONSENT_NOTICE_VERSION,
      // The notice was shown in this language (the citizen's; Hindi on a first join).
      noticeLanguage: contact.language,
      providerMessageId: cmd.inbound.providerMessageId,
    };
    // A second JOIN of the same group changes nothing; joining again after leaving renews the consent.
    const joined = await this.memberships.join(m, group.id, contact.citizenId, consent);
    if (!joined) return this.reply(turn, 'already-member', Replies.alreadyMember(lang(turn), group.name), group.path);
    // Joining is the citizen's own act: it lifts an earlier STOP and reopens a contact point a provider had closed.
    await this.citizens.reopen(m, contact.citizenId, contact.contactPointId);
    await this.record(turn, 'membership.joined', group.path, { groupId: group.id }, consent);
    await this.reply(turn, 'join-confirmation', Replies.joined(lang(turn), group.name), group.path);
  }

  private async leave(turn: Turn, code: string | null): Promise<void> {
    if (!turn.contact) return this.reply(turn, 'not-a-member', Replies.notMember(lang(turn)));
    const decision = decideLeave(await this.memberships.activeGroups(turn.m, turn.contact.citizenId), code);
    if (decision.kind === 'not-a-member') return this.reply(turn, 'not-a-member', Replies.notMember(lang(turn)));
    if (decision.kind === 'not-in-group')
      return this.reply(turn, 'not-a-member', Replies.notInGroup(lang(turn), decision.code));
    if (decision.kind === 'which-group')
      return this.reply(turn, 'my-groups', Replies.whichGroup(lang(turn), decision.groups));
    const target = decision.group;
    const withdrawal = this.withdrawal(turn);
    await this.memberships.leave(turn.m, target.membershipId, withdrawal);
    // Leaving takes effect before any further send: broadcast cancels what only this group brought (MemberLeft).
    await this.events.publish(turn.m, new MemberLeft(turn.contact.citizenId, target.groupId));
    await this.record(turn, 'membership.left', target.path, { groupId: target.groupId }, withdrawal);
    await this.reply(turn, 'left-group', Replies.left(lang(turn), target.name), target.path);
  }

  /** STOP: every group left, every queued message cancelled, all channels silent until the citizen joins again. */
  private async stop(turn: Turn): Promise<void> {
    // Someone never stored hears the confirmation too (it stores nothing): STOP must always feel final.
    if (!turn.contact) return this.reply(turn, 'stop-confirmation', Replies.stopped(lang(turn)));
    const { m } = turn;
    const citizenId = turn.contact.citizenId;
    const withdrawal = this.withdrawal(turn);
    await this.citizens.optOut(m, citizenId);
    const groupIds = await this.memberships.leaveAll(m, citizenId, withdrawal);
    // Opted out from now on (the dispatcher checks at send time); broadcast cancels the queued deliveries.
    await this.events.publish(m, new CitizenStopped(citizenId, groupIds));
    await this.record(turn, 'citizen.stopped', null, { groupIds }, withdrawal);
    await this.reply(turn, 'stop-confirmation', Replies.stopped(lang(turn)));
  }

  private async language(turn: Turn, language: Language): Promise<void> {
    if (!turn.contact) return this.reply(turn, 'not-a-member', Replies.notMember(lang(turn)));
    await this.citizens.setLanguage(turn.m, turn.contact.citizenId, language);
    turn.contact.language = language;
    await this.reply(turn, 'language-set', Replies.languageSet(language));
  }

  private async myGroups(turn: Turn): Promise<void> {
    const groups = turn.contact ? await this.memberships.activeGroups(turn.m, turn.contact.citizenId) : [];
    if (!groups.length) return this.reply(turn, 'not-a-member', Replies.notMember(lang(turn)));
    await this.reply(turn, 'my-groups', Replies.myGroups(lang(turn), groups));
  }

  /** LINK: a one-time code for this citizen, to be typed on their other phone or messenger. */
  private async issueLink(turn: Turn): Promise<void> {
    if (!turn.contact) return this.reply(turn, 'not-a-member', Replies.notMember(lang(turn)));
    const code = newLinkCode();
    await this.citizens.issueLinkCode(turn.m, turn.contact, code, LINK_CODE_TTL_MINUTES);
    await this.reply(turn, 'link-code', Replies.linkCode(lang(turn), code, LINK_CODE_TTL_MINUTES));
  }

  /**
   * LINK <code> typed on another channel: this contact point joins the citizen who asked for the code and becomes
   * the preferred one (the newest is where the citizen is now; PREFER on another switches back). A contact point that
   * was a citizen of its own brings its memberships along.
   */
  private async redeemLink(turn: Turn, code: string): Promise<void> {
    const { m, cmd } = turn;
    const channel = cmd.inbound.channel;
    // Guesses are limited per contact address: past the limit even a right code waits for the next hour.
    if ((await this.linkAttempts.failuresThisHour(m, channel, turn.address)) >= LINK_GUESSES_PER_HOUR) {
      return this.reply(turn, 'link-code', Replies.linkCooldown(lang(turn), 60 - new Date().getUTCMinutes()));
    }
    const link = await this.citizens.lockLinkCode(m, code);
    if (!link) {
      await this.linkAttempts.recordFailure(m, channel, turn.address);
      return this.reply(turn, 'link-code', Replies.linkInvalid(lang(turn)));
    }
    if (turn.contact?.contactPointId === link.contactPointId) {
      return this.reply(turn, 'link-code', Replies.linkSameContact(lang(turn)));
    }
    if (turn.contact?.citizenId === link.citizenId)
      return this.reply(turn, 'linked', Replies.alreadyLinked(lang(turn)));

    let contact: ContactRef;
    if (!turn.contact) {
      contact = await this.citizens.createContact(m, cmd.inbound.channel, turn.address, link.citizenId);
    } else {
      // Everything of the citizen this contact point was moves to the one who asked for the code.
      await this.memberships.merge(m, turn.contact.citizenId, link.citizenId);
      await this.citizens.mergeContacts(m, turn.contact.citizenId, link.citizenId);
      await this.citizens.prefer(m, link.citizenId, turn.contact.contactPointId);
      const { pseudonym, language } = await this.citizens.profileOf(m, link.citizenId);
      contact = { citizenId: link.citizenId, contactPointId: turn.contact.contactPointId, pseudonym, language };
    }
    await this.citizens.useLinkCode(m, code);
    await this.citizens.reopen(m, null, contact.contactPointId);
    const merged = turn.contact ? { mergedPseudonym: turn.contact.pseudonym } : {};
    turn.contact = contact;
    await this.record(turn, 'contact.linked', null, merged, {
      at: cmd.inbound.receivedAt,
      channel: cmd.inbound.channel,
    });
    await this.reply(turn, 'linked', Replies.linked(lang(turn)));
  }

  private async prefer(turn: Turn): Promise<void> {
    if (!turn.contact) return this.reply(turn, 'not-a-member', Replies.notMember(lang(turn)));
    await this.citizens.prefer(turn.m, turn.contact.citizenId, turn.contact.contactPointId);
    await this.reply(turn, 'linked', Replies.preferred(lang(turn)));
  }

  /**
   * DPDP Act 2023 erasure: contact points scrubbed, memberships and link codes deleted; broadcast and inbox forget
   * their own links on CitizenErased. The audit log of what the police sent stays, under the pseudonym only. The
   * confirmation travels sealed under a key of its own that expires (the sender's key is destroyed here, and with it
   * everything they ever sent: crypto-shredding). Someone never stored hears it too, and their key goes as well.
   */
  private async erase(turn: Turn): Promise<void> {
    const { m, cmd, contact } = turn;
    const farewell = await this.keys.ephemeral(ERASE_CONFIRMATION_KEY_DAYS, m);
    await this.replies.enqueue(
      m,
      cmd.inbound.providerMessageId,
      {
        channel: cmd.inbound.channel,
        toSealed: this.keys.seal(farewell, turn.address),
        pseudonym: contact?.pseudonym ?? null,
      },
      'erased',
      Replies.erased(lang(turn)),
      null,
    );
    if (!contact) {
      await this.citizens.eraseSender(m, cmd.inbound.channel, turn.address);
      return;
    }
    const groupIds = await this.memberships.deleteAll(m, contact.citizenId);
    await this.citizens.erase(m, contact.citizenId, [this.keys.subjectOf(cmd.inbound.channel, turn.address)]);
    await this.events.publish(m, new CitizenErased(contact.citizenId, contact.pseudonym));
    await this.record(
      turn,
      'citizen.erased',
      null,
      { groupIds },
      {
        at: cmd.inbound.receivedAt,
        channel: cmd.inbound.channel,
        words: cmd.inbound.text,
      },
    );
  }

  /** Withdrawing consent is recorded like giving it: when, on which channel, in which words. */
  private withdrawal(turn: Turn) {
    return { at: turn.cmd.inbound.receivedAt, channel: turn.cmd.inbound.channel, words: turn.cmd.inbound.text };
  }

  /** The citizen's own acts go on their pseudonym's audit chain: consent history stays provable and tamper-evident. */
  private async record(
    turn: Turn,
    type: string,
    jurisdictionPath: string | null,
    subject: Record<string, unknown>,
    body: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(turn.m, {
      chainId: `citizen:${turn.contact!.pseudonym}`,
      type,
      // The citizen acts; the system records it (audit actors are officers or the system).
      actor: SYSTEM_ACTOR,
      jurisdictionPath,
      subject: { pseudonym: turn.contact!.pseudonym, ...subject },
      body,
    });
  }

  /** Replies to the stored contact point, or, for someone JanSetu keeps nothing about, to the sealed sender. */
  private async reply(turn: Turn, reason: string, text: string, path: string | null = null): Promise<void> {
    const { contact, cmd } = turn;
    await this.replies.enqueue(
      turn.m,
      contact ? contact.citizenId : cmd.inbound.providerMessageId,
      contact
        ? { contactPointId: contact.contactPointId, pseudonym: contact.pseudonym }
        : { channel: cmd.inbound.channel, toSealed: cmd.inbound.fromSealed, pseudonym: null },
      reason,
      text,
      path,
    );
  }
}
