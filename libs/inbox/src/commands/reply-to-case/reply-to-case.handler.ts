import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { ReplyQueue } from '@jansetu/broadcast';
import { ChannelName, ChannelRegistry } from '@jansetu/channels';
import { PUBLIC_TEXT_CHECK, PublicTextCheck } from '@jansetu/membership';
import { DataKeys, FieldCipher, sha256Hex, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { statusAfterReply } from '../../domain/case-lifecycle';
import { caseSender } from '../../domain/case-sender';
import { caseVisibleTo } from '../../domain/case-view';
import { InboxReplies } from '../../domain/replies';
import { SENDER_LINK_CIPHER } from '../../domain/sender-link';
import { CaseRepository } from '../../persistence/case.repository';
import { DirectoryRepository } from '../../persistence/directory.repository';
import { ReplyToCaseCommand } from './reply-to-case.command';

/**
 * Queues the answer through the same path as automatic replies ('reply.send', reason 'inbox-ack': the reason list
 * belongs to broadcast) and audits it as the officer's act in the same transaction ('inbox.reply_sent'); the
 * dispatcher then audits the send itself as auto_reply.sent.
 */
@CommandHandler(ReplyToCaseCommand)
export class ReplyToCaseHandler implements ICommandHandler<ReplyToCaseCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly directory: DirectoryRepository,
    private readonly keys: DataKeys,
    @Inject(SENDER_LINK_CIPHER) private readonly linkCipher: FieldCipher,
    private readonly replies: ReplyQueue,
    private readonly audit: AuditRecorder,
    @Inject(PUBLIC_TEXT_CHECK) private readonly publicText: PublicTextCheck,
    private readonly channels: ChannelRegistry,
  ) {}

  async execute({ officer, caseId, text }: ReplyToCaseCommand): Promise<{ id: string; queued: true }> {
    // An officer's reply is police speech too: the same content rules as a broadcast (party politics, adverts, links).
    const violation = await this.publicText.violation(text);
    if (violation) throw new ValidationError(`reply: ${violation}`);
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId, true));
      const contact = row.contact_point_id ? await this.directory.contactPoint(m, row.contact_point_id) : undefined;
      const sender = caseSender(row, contact, this.linkCipher);
      const caseNumber = Number(row.case_number);
      const message = InboxReplies.officer(contact?.language ?? 'hi', caseNumber, text);
      // On DLT SMS only registered templates get through: the officer hears now, not the provider after sending.
      const channel = (sender.kind === 'contact' ? sender.channel : sender.link.channel) as ChannelName;
      const refused = this.channels.get(channel)?.checkText?.({ text: message });
      if (refused) throw new ValidationError(`reply: ${refused}`);
      // The answer is told whether it arrived (ReplyDeliveryChanged on its ref).
      const replyId = await this.cases.addReply(m, row.id, officer.id, text);
      // A named member's reply goes to their contact point; anonymous and non-member ones travel sealed. None carries
      // the member pseudonym: the case number in the text would tie this station's case to the citizen's chain.
      await this.replies.enqueue(
        m,
        `case:${row.id}`,
        sender.kind === 'contact'
          ? { contactPointId: sender.contactPointId, pseudonym: null }
          : {
              channel: sender.link.channel,
              // Under the sender's data key: the queued reply shreds with everything else on ERASE.
              toSealed: this.keys.isEnveloped(sender.link.address)
                ? sender.link.address
                : await this.keys.sealFor(sender.link.channel, sender.link.address, sender.link.address, m),
              pseudonym: null,
            },
        'inbox-ack',
        message,
        row.jurisdiction_path,
        `inbox-reply:${replyId}`,
      );
      await this.audit.record(m, {
        chainId: `inbox-case:${row.id}`,
        type: 'inbox.reply_sent',
        actor: officerActor(officer),
        jurisdictionPath: row.jurisdiction_path,
        subject: { tipId: row.id, caseNumber, pseudonym: row.pseudonym },
        body: {
          channel: sender.kind === 'contact' ? sender.channel : sender.link.channel,
          content: message,
          contentSha256: sha256Hex(message),
        },
      });
      await this.cases.markReplied(m, row.id, statusAfterReply(row.status));
      return { id: row.id, queued: true as const };
    });
  }
}
