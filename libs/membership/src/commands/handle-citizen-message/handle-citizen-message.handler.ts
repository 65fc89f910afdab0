import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AutoReply, AutoReplyReason } from '@jansetu/broadcast';
import { BlindIndex, FieldCipher, IdempotentConsumer, maskAddress, Outbox, Topics } from '@jansetu/platform';
import { EntityManager } from 'typeorm';
import { CitizenCommand, parseCitizenCommand } from '../../domain/citizen-command';
import { CONSENT_NOTICE_VERSION } from '../../domain/notices';
import { newPseudonym } from '../../domain/pseudonym';
import { Replies } from '../../domain/replies';
import { HandleCitizenMessageCommand } from './handle-citizen-message.command';

interface ContactRef {
  citizenId: string;
  contactPointId: string;
  pseudonym: string;
}

@CommandHandler(HandleCitizenMessageCommand)
export class HandleCitizenMessageHandler implements ICommandHandler<HandleCitizenMessageCommand> {
  constructor(
    private readonly idempotent: IdempotentConsumer,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly outbox: Outbox,
  ) {}

  async execute(cmd: HandleCitizenMessageCommand): Promise<{ handled: CitizenCommand['kind'] | 'duplicate' }> {
    const parsed = parseCitizenCommand(cmd.inbound.text);
    const done = await this.idempotent.once('membership.inbound', cmd.messageId, async (m) => {
      const address = this.cipher.decrypt(cmd.inbound.fromSealed);
      // A citizen's message opens WhatsApp's 24-hour window for free-text replies on that contact point.
      await m.query(`UPDATE contact_point SET last_inbound_at = $3 WHERE channel = $1 AND address_hash = $2`, [
        cmd.inbound.channel,
        this.blindIndex.hash(cmd.inbound.channel, address),
        cmd.inbound.receivedAt,
      ]);
      switch (parsed.kind) {
        case 'join':
          return this.join(m, cmd, address, parsed.code);
        case 'stop':
          return this.stop(m, cmd, address);
        case 'help': {
          const contact = await this.findOrCreateContact(m, cmd.inbound.channel, address);
          await this.reply(m, contact, 'help', Replies.help(), null);
          return true;
        }
        case 'message':
          // The tip inbox (its own issue) takes these; until then the text is not kept.
          return true;
      }
    });
    return { handled: done === undefined ? 'duplicate' : parsed.kind };
  }

  private async join(
    m: EntityManager,
    cmd: HandleCitizenMessageCommand,
    address: string,
    code: string,
  ): Promise<boolean> {
    const groups: { id: string; name: string; path: string; station: string }[] = await m.query(
      `SELECT g.id, g.name, n.path, n.name_hi AS station
         FROM citizen_group g JOIN jurisdiction_node n ON n.id = g.jurisdiction_node_id
        WHERE g.join_code = $1 AND g.status = 'open'`,
      [code],
    );
    const contact = await this.findOrCreateContact(m, cmd.inbound.channel, address);
    if (!groups.length) {
      await this.reply(m, contact, 'unknown-code', Replies.unknownCode(code), null);
      return true;
    }
    const group = groups[0];
    // Joining is the citizen's own act: it lifts an earlier STOP, and the consent record keeps their exact words.
    await m.query(`UPDATE citizen SET opted_out_at = NULL WHERE id = $1`, [contact.citizenId]);
    await m.query(`UPDATE contact_point SET active = true, opted_out_at = NULL WHERE id = $1`, [
      contact.contactPointId,
    ]);
    const consent = {
      at: cmd.inbound.receivedAt,
      channel: cmd.inbound.channel,
      words: cmd.inbound.text,
      noticeVersion: CONSENT_NOTICE_VERSION,
      providerMessageId: cmd.inbound.providerMessageId,
    };
    await m.query(
      `INSERT INTO membership (group_id, citizen_id, status, consent) VALUES ($1, $2, 'active', $3)
       ON CONFLICT (group_id, citizen_id) DO UPDATE SET status = 'active', consent = EXCLUDED.consent, left_at = NULL, joined_at = now()`,
      [group.id, contact.citizenId, JSON.stringify(consent)],
    );
    await this.reply(m, contact, 'join-confirmation', Replies.joined(group.name, group.station), group.path);
    return true;
  }

  private async stop(m: EntityManager, cmd: HandleCitizenMessageCommand, address: string): Promise<boolean> {
    const contact = await this.findContact(m, cmd.inbound.channel, address);
    if (!contact) return true; // nothing to stop: never joined
    await m.query(`UPDATE citizen SET opted_out_at = now() WHERE id = $1`, [contact.citizenId]);
    await m.query(
      `UPDATE membership SET status = 'left', left_at = now() WHERE citizen_id = $1 AND status = 'active'`,
      [contact.citizenId],
    );
    // Cancel what is still queued for them: leaving takes effect before any further send.
    await m.query(
      `UPDATE delivery SET status = 'failed', failure = 'opted-out' WHERE citizen_id = $1 AND status = 'pending'`,
      [contact.citizenId],
    );
    await this.reply(m, contact, 'stop-confirmation', Replies.stopped(), null);
    return true;
  }

  private async findContact(m: EntityManager, channel: string, address: string): Promise<ContactRef | undefined> {
    const rows: ContactRef[] = await m.query(
      `SELECT cp.citizen_id AS "citizenId", cp.id AS "contactPointId", c.pseudonym
         FROM contact_point cp JOIN citizen c ON c.id = cp.citizen_id
        WHERE cp.channel = $1 AND cp.address_hash = $2`,
      [channel, this.blindIndex.hash(channel, address)],
    );
    return rows[0];
  }

  private async findOrCreateContact(m: EntityManager, channel: string, address: string): Promise<ContactRef> {
    const found = await this.findContact(m, channel, address);
    if (found) return found;
    const [citizen] = await m.query<
      {
        id: string;
        pseudonym: string;
      }[]
    >(`INSERT INTO citizen (pseudonym) VALUES ($1) RETURNING id, pseudonym`, [newPseudonym()]);
    const [cp] = await m.query<{ id: string }[]>(
      `INSERT INTO contact_point (citizen_id, channel, address_ciphertext, address_hash, address_masked, preferred, last_inbound_at)
       VALUES ($1, $2, $3, $4, $5, true, now()) RETURNING id`,
      [citizen.id, channel, this.cipher.encrypt(address), this.blindIndex.hash(channel, address), maskAddress(address)],
    );
    return { citizenId: citizen.id, contactPointId: cp.id, pseudonym: citizen.pseudonym };
  }

  private async reply(
    m: EntityManager,
    contact: ContactRef,
    reason: AutoReplyReason,
    text: string,
    path: string | null,
  ) {
    const payload: AutoReply = {
      contactPointId: contact.contactPointId,
      pseudonym: contact.pseudonym,
      reason,
      text,
      jurisdictionPath: path,
    };
    await this.outbox.add(m, {
      topic: Topics.dispatch,
      key: `reply:${contact.citizenId}`,
      type: 'reply.send',
      payload,
    });
  }
}
