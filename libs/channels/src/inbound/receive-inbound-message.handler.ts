import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BlindIndex, FieldCipher, Metrics, OutboxBatcher, Topics } from '@jansetu/platform';
import { InboundMessage } from '../channel-adapter.port';
import { providerMessageRef } from '../provider-message-ref';
import { ReceiveInboundMessageCommand } from './receive-inbound-message.command';

/**
 * Dedupes on the provider's message id and queues the message on jansetu.inbound.v1 through the outbox, so the
 * webhook answers fast and a crash after the answer loses nothing. The sender address travels sealed.
 */
@CommandHandler(ReceiveInboundMessageCommand)
export class ReceiveInboundMessageHandler implements ICommandHandler<ReceiveInboundMessageCommand> {
  constructor(
    private readonly outbox: OutboxBatcher,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly metrics: Metrics,
  ) {}

  async execute(cmd: ReceiveInboundMessageCommand): Promise<{ accepted: boolean }> {
    // Provider ids can carry the sender's number (a WhatsApp wamid encodes it): only a keyed hash is kept.
    const providerRef = providerMessageRef(this.blindIndex, cmd.providerMessageId);
    const payload: InboundMessage = {
      channel: cmd.channel,
      fromSealed: this.cipher.encrypt(cmd.from),
      text: cmd.text,
      providerMessageId: providerRef,
      receivedAt: new Date().toISOString(),
    };
    // The receipt and the outbox row commit in one statement (coalesced with the other webhooks of this turn of
    // the event loop), and a replay writes neither.
    const accepted = await this.outbox.write(
      // Keyed by the provider id, not the sender: the key is visible to anyone reading the topic.
      { topic: Topics.inbound, key: `${cmd.channel}:${providerRef}`, type: 'inbound.received', payload },
      { channel: cmd.channel, ref: providerRef },
    );
    if (accepted) this.metrics.inboundReceived.inc({ channel: cmd.channel });
    return { accepted };
  }
}
