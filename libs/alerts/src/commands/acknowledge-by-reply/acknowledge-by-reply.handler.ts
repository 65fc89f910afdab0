import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder } from '@jansetu/audit';
import { ReplyQueue } from '@jansetu/broadcast';
import { BlindIndex, DataKeys, IdempotentConsumer } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { ackReplyText, parseAlertReply } from '../../domain/alerts';
import { AlertRepository } from '../../persistence/alert.repository';
import { AcknowledgeByReplyCommand } from './acknowledge-by-reply.command';

const CONSUMER = 'alerts.reply';

/**
 * "ACK 12" / "स्वीकार 12", or any reply to the only open alert a contact was sent, acknowledges that alert: it
 * escalates no further, audited on the case's chain, and the contact is told so. Several open and no number: the
 * contact is asked which (escalation goes on meanwhile: a guess must not silence an emergency).
 */
@CommandHandler(AcknowledgeByReplyCommand)
export class AcknowledgeByReplyHandler implements ICommandHandler<AcknowledgeByReplyCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly alerts: AlertRepository,
    private readonly keys: DataKeys,
    private readonly blind: BlindIndex,
    private readonly idempotent: IdempotentConsumer,
    private readonly replies: ReplyQueue,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ messageId, inbound }: AcknowledgeByReplyCommand): Promise<{ handled: boolean }> {
    if (await this.idempotent.seen(CONSUMER, messageId)) return { handled: true };
    const address = await this.keys.open(inbound.fromSealed);
    const hash = this.blind.hash(inbound.channel, address);
    const contacts = await this.alerts.contactsByHash(this.dataSource.manager, inbound.channel, hash);
    if (!contacts.length) return { handled: false };
    const reply = parseAlertReply(inbound.text);
    const ids = contacts.map((c) => c.id);
    const open = await this.alerts.openAlertsFor(this.dataSource.manager, ids, false);
    if (!open.length && !reply.keyword) return { handled: false };

    await this.idempotent.once(CONSUMER, messageId, async (m) => {
      const locked = await this.alerts.openAlertsFor(m, ids, true);
      const chosen =
        reply.caseNumber !== null
          ? locked.filter((a) => a.caseNumber === reply.caseNumber)
          : locked.length === 1
            ? locked
            : [];
      for (const a of chosen) {
        const contact = contacts.find((c) => c.id === a.contactId)!;
        await this.alerts.acknowledge(m, a.caseId);
        await this.audit.record(m, {
          chainId: `inbox-case:${a.caseId}`,
          type: 'alerts.case_alert_acknowledged',
          actor: {
            kind: 'system',
            officerId: contact.createdBy,
            role: null,
            jurisdictionPath: contact.jurisdictionPath,
          },
          jurisdictionPath: a.jurisdictionPath,
          subject: { tipId: a.caseId, caseNumber: a.caseNumber, pseudonym: a.pseudonym },
          body: {
            via: 'reply',
            alertContactId: contact.id,
            channel: contact.channel,
            addressMask: contact.addressMask,
          },
        });
      }
      const text = ackReplyText(
        chosen.map((a) => a.caseNumber),
        locked.map((a) => a.caseNumber),
        reply.caseNumber,
      );
      await this.replies.enqueue(
        m,
        `alert-ack:${messageId}`,
        { channel: inbound.channel, toSealed: contacts[0].sealed, pseudonym: null },
        'alert-ack',
        text,
        contacts[0].jurisdictionPath,
      );
    });
    return { handled: true };
  }
}
