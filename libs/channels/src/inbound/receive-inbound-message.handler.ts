import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BlindIndex, DataKeys, Metrics, OutboxBatcher, Topics } from '@jansetu/platform';
import { InboundWireMessage } from '../channel-adapter.port';
import { providerMessageRef } from '../provider-message-ref';
import { ReceiveInboundMessageCommand } from './receive-inbound-message.command';

/**
 * Dedupes on the provider's message id and queues the message on jansetu.inbound.v1 through the outbox, so the
 * webhook answers fast and a crash after the answer loses nothing. Address and text travel sealed under the
 * sender's data key, found by the sender's blind index and created on first contact: the webhook does not know the
 * citizen yet, and ERASE (from a member or a stranger alike) destroys that key and with it every copy.
 */
@CommandHandler(ReceiveInboundMessageCommand)
export class ReceiveInboundMessageHandler implements ICommandHandler<ReceiveInboundMessageCommand> {
  constructor(
    private readonly outbox: OutboxBatcher,
    private readonly keys: DataKeys,
    private readonly blindIndex: BlindIndex,
    private readonly metrics: Metrics,
  ) {}

  async execute(cmd: ReceiveInboundMessageCommand): Promise<{ accepted: boolean }> {
    // Provider ids can carry the sender's number (a WhatsApp wamid encodes it): only a keyed hash is kept.
    const providerRef = providerMessageRef(this.blindIndex, cmd.providerMessageId);
    const key = await this.keys.forSender(cmd.channel, cmd.from);
    const payload: InboundWireMessage = {
      channel: cmd.channel,
      fromSealed: this.keys.seal(key, cmd.from),
      textSealed: this.keys.seal(key, cmd.text),
      providerMessageId: providerRef,
      receivedAt: new Date().toISOString(),
      ...(cmd.line ? { line: cmd.line } : {}),
      // Provider media references can be fetched by anyone with the provider's credentials: sealed like the text.
      ...(cmd.media && (cmd.media.mediaIds.length || cmd.media.location)
        ? { mediaSealed: this.keys.seal(key, JSON.stringify(cmd.media)) }
        : {}),
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
