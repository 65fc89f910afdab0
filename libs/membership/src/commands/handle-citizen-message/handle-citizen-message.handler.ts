import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { AutoReplyReason, ReplyQueue } from '@jansetu/broadcast';
import { BlindIndex, FieldCipher, IdempotentConsumer } from '@jansetu/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CitizenCommand, Language, parseCitizenCommand } from '../../domain/citizen-command';
import { ContactDirectory, ContactRef } from '../../domain/contact-directory';
import { LINK_CODE_TTL_MINUTES, newLinkCode } from '../../domain/link-code';
import { CONSENT_NOTICE_VERSION } from '../../domain/notices';
import { GroupLine, Replies } from '../../domain/replies';
import { CitizenMessageHandled, HandleCitizenMessageCommand } from './handle-citizen-message.command';

/** One citizen command being handled: the transaction, the message, the sender's address and stored contact. */
interface Turn {
  m: EntityManager;
  cmd: HandleCitizenMessageCommand;
  address: string;
  /** Undefined for someone JanSetu keeps nothing about; replies to them travel sealed and store nothing. */
  contact: ContactRef | undefined;
}

interface ActiveGroup extends GroupLine {
  membershipId: string;
  groupId: string;
  path: string;
}

/**
 * The citizen keywords on every channel: join, leave, STOP, help, language, my groups, link and prefer. Each runs
 * once per bus message, in one transaction with its reply (outbox) and its audit event; consent and its withdrawal
 * are recorded with the channel, the exact words and the notice version.
 */
@CommandHandler(HandleCitizenMessageCommand)
export class HandleCitizenMessageHandler implements ICommandHandler<HandleCitizenMessageCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly idempotent: IdempotentConsumer,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly contacts: ContactDirectory,
    private readonly replies: ReplyQueue,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: HandleCitizenMessageCommand): Promise<CitizenMessageHandled> {
    const parsed = parseCitizenCommand(cmd.inbound.text);
    const address = this.cipher.decrypt(cmd.inbound.fromSealed);
    if (parsed.kind === 'message') {
      // Handed on without a dedupe mark: both steps are repeatable, and the inbox dedupes on the same message id.
      await this.touch(this.dataSource.manager, cmd, address);
      const sender = await this.contacts.find(this.dataSource.manager, cmd.inbound.channel, address);
      return { handled: 'message', sender: sender ?? null };
    }
    const done = await this.idempotent.once('membership.inbound', cmd.messageId, async (m) => {
      await this.touch(m, cmd, address);
      const turn: Turn = { m, cmd, address, contact: await this.contacts.find(m, cmd.inbound.channel, address) };
      await this.run(turn, parsed);
      return true;
    });
    return { handled: done === undefined ? 'duplicate' : parsed.kind };
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
        return this.reply(turn, 'help', Replies.help());
      case 'language':
        return this.language(turn, command.language);
      case 'my-groups':
        return this.myGroups(turn);
      case 'link':
        return command.code ? this.redeemLink(turn, command.code) : this.issueLink(turn);
      case 'prefer':
        return this.prefer(turn);
    }
  }

  /** A citizen's message opens WhatsApp's 24-hour window for free-text replies on that contact point. */
  private async touch(m: EntityManager, cmd: HandleCitizenMessageCommand, address: string): Promise<void> {
    await m.query(`UPDATE contact_point SET last_inbound_at = $3 WHERE channel = $1 AND address_hash = $2`, [
      cmd.inbound.channel,
      this.blindIndex.hash(cmd.inbound.channel, address),
      cmd.inbound.receivedAt,
    ]);
  }

  private async join(turn: Turn, code: string): Promise<void> {
    const { m, cmd } = turn;
    const [group] = await m.query<{ id: string; name: string; status: string; path: string }[]>(
      `SELECT g.id, g.name, g.status, n.path
         FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
        WHERE g.join_code = $1`,
      [code],
    );
    // Neither an unknown code nor a closed group stores anything about the sender.
    if (!group) return this.reply(turn, 'unknown-code', Replies.unknownCode(code));
    if (group.status !== 'open') return this.reply(turn, 'group-closed', Replies.groupClosed(group.name), group.path);

    const contact = turn.contact ?? (await this.contacts.create(m, cmd.inbound.channel, turn.address));
    turn.contact = contact;
    const consent = {
      at: cmd.inbound.receivedAt,
      channel: cmd.inbound.channel,
      words: cmd.inbound.text,
      noticeVersion: CONSENT_NOTICE_VERSION,
      providerMessageId: cmd.inbound.providerMessageId,
    };
    // A second JOIN of the same group changes nothing; joining again after leaving renews the consent.
    const joined = await m.query<{ id: string }[]>(
      `INSERT INTO membership (group_id, citizen_id, status, consent) VALUES ($1, $2, 'active', $3)
       ON CONFLICT (group_id, citizen_id) DO UPDATE
         SET status = 'active', consent = EXCLUDED.consent, left_at = NULL, withdrawal = NULL, joined_at = now()
         WHERE membership.status = 'left'
       RETURNING id`,
      [group.id, contact.citizenId, JSON.stringify(consent)],
    );
    if (!joined.length) return this.reply(turn, 'already-member', Replies.alreadyMember(group.name), group.path);
    // Joining is the citizen's own act: it lifts an earlier STOP and reopens a contact point a provider had closed.
    await m.query(`UPDATE citizen SET opted_out_at = NULL WHERE id = $1`, [contact.citizenId]);
    await m.query(`UPDATE contact_point SET active = true, opted_out_at = NULL WHERE id = $1`, [
      contact.contactPointId,
    ]);
    await this.record(turn, 'membership.joined', group.path, { groupId: group.id }, consent);
    await this.reply(turn, 'join-confirmation', Replies.joined(group.name), group.path);
  }

  private async leave(turn: Turn, code: string | null): Promise<void> {
    if (!turn.contact) return this.reply(turn, 'not-a-member', Replies.notMember());
    const groups = await this.activeGroups(turn.m, turn.contact.citizenId);
    let target: ActiveGroup | undefined;
    if (code) {
      target = groups.find((g) => g.joinCode === code);
      if (!target) return this.reply(turn, 'not-a-member', Replies.notInGroup(code));
    } else if (groups.length === 1) {
      target = groups[0];
    } else if (!groups.length) {
      return this.reply(turn, 'not-a-member', Replies.notMember());
    } else {
      return this.reply(turn, 'my-groups', Replies.whichGroup(groups));
    }
    const withdrawal = this.withdrawal(turn);
    await turn.m.query(
      `UPDATE membership SET status = 'left', left_at = now(), withdrawal = $2 WHERE id = $1 AND status = 'active'`,
      [target.membershipId, JSON.stringify(withdrawal)],
    );
    // Leaving takes effect before any further send: queued deliveries that only this group brought are cancelled.
    await turn.m.query(
      `UPDATE delivery d SET status = 'cancelled', failure = 'left-group', updated_at = now()
         FROM broadcast b
        WHERE b.id = d.broadcast_id AND d.citizen_id = $1 AND d.status = 'pending'
          AND coalesce(b.audience -> 'groupIds', '[]'::jsonb) ? $2
          AND NOT EXISTS (SELECT 1 FROM membership m
                           WHERE m.citizen_id = $1 AND m.status = 'active'
                             AND coalesce(b.audience -> 'groupIds', '[]'::jsonb) ? m.group_id::text)`,
      [turn.contact.citizenId, target.groupId],
    );
    await this.record(turn, 'membership.left', target.path, { groupId: target.groupId }, withdrawal);
    await this.reply(turn, 'left-group', Replies.left(target.name), target.path);
  }

  /** STOP: every group left, every queued message cancelled, all channels silent until the citizen joins again. */
  private async stop(turn: Turn): Promise<void> {
    // Someone never stored hears the confirmation too (it stores nothing): STOP must always feel final.
    if (!turn.contact) return this.reply(turn, 'stop-confirmation', Replies.stopped());
    const { m } = turn;
    const citizenId = turn.contact.citizenId;
    const withdrawal = this.withdrawal(turn);
    await m.query(`UPDATE citizen SET opted_out_at = now() WHERE id = $1`, [citizenId]);
    const left = await m.query<{ group_id: string }[]>(
      `WITH left_now AS (
         UPDATE membership SET status = 'left', left_at = now(), withdrawal = $2
          WHERE citizen_id = $1 AND status = 'active' RETURNING group_id)
       SELECT group_id FROM left_now`,
      [citizenId, JSON.stringify(withdrawal)],
    );
    await m.query(
      `UPDATE delivery SET status = 'cancelled', failure = 'opted-out', updated_at = now()
        WHERE citizen_id = $1 AND status = 'pending'`,
      [citizenId],
    );
    await this.record(turn, 'citizen.stopped', null, { groupIds: left.map((r) => r.group_id) }, withdrawal);
    await this.reply(turn, 'stop-confirmation', Replies.stopped());
  }

  private async language(turn: Turn, language: Language): Promise<void> {
    if (!turn.contact) return this.reply(turn, 'not-a-member', Replies.notMember());
    await turn.m.query(`UPDATE citizen SET language = $2 WHERE id = $1`, [turn.contact.citizenId, language]);
    await this.reply(turn, 'language-set', Replies.languageSet(language));
  }

  private async myGroups(turn: Turn): Promise<void> {
    const groups = turn.contact ? await this.activeGroups(turn.m, turn.contact.citizenId) : [];
    if (!groups.length) return this.reply(turn, 'not-a-member', Replies.notMember());
    await this.reply(turn, 'my-groups', Replies.myGroups(groups));
  }

  /** LINK: a one-time code for this citizen, to be typed on their other phone or messenger. */
  private async issueLink(turn: Turn): Promise<void> {
    if (!turn.contact) return this.reply(turn, 'not-a-member', Replies.notMember());
    const code = newLinkCode();
    await turn.m.query(
      `INSERT INTO contact_link_code (code_hash, citizen_id, contact_point_id, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [this.blindIndex.hash('link', code), turn.contact.citizenId, turn.contact.contactPointId, LINK_CODE_TTL_MINUTES],
    );
    await this.reply(turn, 'link-code', Replies.linkCode(code, LINK_CODE_TTL_MINUTES));
  }

  /**
   * LINK <code> typed on another channel: this contact point joins the citizen who asked for the code and becomes
   * the preferred one (the newest is where the citizen is now; PREFER on another switches back). A contact point that
   * was a citizen of its own brings its memberships along.
   */
  private async redeemLink(turn: Turn, code: string): Promise<void> {
    const { m, cmd } = turn;
    const [link] = await m.query<{ citizen_id: string; contact_point_id: string }[]>(
      `SELECT citizen_id, contact_point_id FROM contact_link_code
        WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() FOR UPDATE`,
      [this.blindIndex.hash('link', code)],
    );
    if (!link) return this.reply(turn, 'link-code', Replies.linkInvalid());
    if (turn.contact?.contactPointId === link.contact_point_id) {
      return this.reply(turn, 'link-code', Replies.linkSameContact());
    }
    if (turn.contact?.citizenId === link.citizen_id) return this.reply(turn, 'linked', Replies.alreadyLinked());

    let contact: ContactRef;
    if (!turn.contact) {
      contact = await this.contacts.create(m, cmd.inbound.channel, turn.address, link.citizen_id);
    } else {
      await this.merge(m, turn.contact.citizenId, link.citizen_id);
      await this.contacts.prefer(m, link.citizen_id, turn.contact.contactPointId);
      const [{ pseudonym }] = await m.query<{ pseudonym: string }[]>(`SELECT pseudonym FROM citizen WHERE id = $1`, [
        link.citizen_id,
      ]);
      contact = { citizenId: link.citizen_id, contactPointId: turn.contact.contactPointId, pseudonym };
    }
    await m.query(`UPDATE contact_link_code SET used_at = now() WHERE code_hash = $1`, [
      this.blindIndex.hash('link', code),
    ]);
    await m.query(`UPDATE contact_point SET active = true, opted_out_at = NULL WHERE id = $1`, [
      contact.contactPointId,
    ]);
    const merged = turn.contact ? { mergedPseudonym: turn.contact.pseudonym } : {};
    turn.contact = contact;
    await this.record(turn, 'contact.linked', null, merged, {
      at: cmd.inbound.receivedAt,
      channel: cmd.inbound.channel,
    });
    await this.reply(turn, 'linked', Replies.linked());
  }

  /** Moves everything of citizen `from` to citizen `into`; `from` stays as an empty record for past deliveries. */
  private async merge(m: EntityManager, from: string, into: string): Promise<void> {
    await m.query(
      `UPDATE membership SET citizen_id = $2
        WHERE citizen_id = $1 AND group_id NOT IN (SELECT group_id FROM membership WHERE citizen_id = $2)`,
      [from, into],
    );
    await m.query(
      `UPDATE membership a SET status = 'active', consent = x.consent, joined_at = x.joined_at, left_at = NULL,
              withdrawal = NULL
         FROM membership x
        WHERE a.citizen_id = $2 AND x.citizen_id = $1 AND a.group_id = x.group_id
          AND x.status = 'active' AND a.status = 'left'`,
      [from, into],
    );
    await m.query(
      `UPDATE membership SET status = 'left', left_at = coalesce(left_at, now()) WHERE citizen_id = $1 AND status = 'active'`,
      [from],
    );
    await m.query(`UPDATE contact_point SET citizen_id = $2, preferred = false WHERE citizen_id = $1`, [from, into]);
    await m.query(`UPDATE contact_link_code SET used_at = now() WHERE citizen_id = $1 AND used_at IS NULL`, [from]);
    // A STOP stands unless memberships with their own, later consent came along.
    await m.query(
      `UPDATE citizen SET opted_out_at = NULL
        WHERE id = $1 AND EXISTS (SELECT 1 FROM membership WHERE citizen_id = $1 AND status = 'active')`,
      [into],
    );
  }

  private async prefer(turn: Turn): Promise<void> {
    if (!turn.contact) return this.reply(turn, 'not-a-member', Replies.notMember());
    await this.contacts.prefer(turn.m, turn.contact.citizenId, turn.contact.contactPointId);
    await this.reply(turn, 'linked', Replies.preferred());
  }

  private async activeGroups(m: EntityManager, citizenId: string): Promise<ActiveGroup[]> {
    return m.query<ActiveGroup[]>(
      `SELECT ms.id AS "membershipId", g.id AS "groupId", g.name, g.join_code AS "joinCode", n.path
         FROM membership ms
         JOIN citizen_group g ON g.id = ms.group_id
         JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
        WHERE ms.citizen_id = $1 AND ms.status = 'active'
        ORDER BY ms.joined_at`,
      [citizenId],
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
      actor: { kind: 'system', officerId: null, role: null },
      jurisdictionPath,
      subject: { pseudonym: turn.contact!.pseudonym, ...subject },
      body,
    });
  }

  /** Replies to the stored contact point, or, for someone JanSetu keeps nothing about, to the sealed sender. */
  private async reply(turn: Turn, reason: AutoReplyReason, text: string, path: string | null = null): Promise<void> {
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
