import { Command } from '@nestjs/cqrs';
import { ChannelName, InboundMedia } from '../channel-adapter.port';

/** A webhook accepted a citizen's message; `accepted` is false for a provider's retry of one already taken. */
export class ReceiveInboundMessageCommand extends Command<{ accepted: boolean }> {
  constructor(
    readonly channel: ChannelName,
    readonly from: string,
    readonly text: string,
    readonly providerMessageId: string,
    /** The named line (WhatsApp number) it was written to; absent for the provider's default one. */
    readonly line?: string,
    /** Attachments and a shared location, when the message had any. */
    readonly media?: InboundMedia,
  ) {
    super();
  }
}
