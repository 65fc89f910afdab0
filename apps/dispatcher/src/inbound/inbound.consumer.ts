import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AcknowledgeByReplyCommand } from '@jansetu/alerts';
import { InboundWireMessage } from '@jansetu/channels';
import { HandleCitizenMessageCommand } from '@jansetu/membership';
import { BusMessage, DataKeys, MESSAGE_BUS, MessageBus, Metrics, ShreddedError, Topics } from '@jansetu/platform';

/**
 * jansetu.inbound.v1 → alerts (an alert contact's reply acknowledges the alert), else membership, which handles the keywords (join, stop, help, erase) and raises anything else as
 * CitizenMessageReceived for the inbox (FileCitizenMessageSaga).
 */
@Injectable()
export class InboundConsumer implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
    private readonly metrics: Metrics,
    private readonly keys: DataKeys,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('inbound', Topics.inbound, (m) => this.handle(m));
  }

  async handle(message: BusMessage): Promise<void> {
    const end = this.metrics.consumed.startTimer({ consumer: 'inbound' });
    const { textSealed, ...rest } = message.payload as InboundWireMessage & { text?: string };
    // Messages queued before data keys carried their text in clear.
    let text = rest.text;
    try {
      if (textSealed !== undefined) text = await this.keys.open(textSealed);
      await this.keys.open(rest.fromSealed);
    } catch (error) {
      // The sender erased themselves after this message was queued: nothing of it can be read any more, by design.
      if (error instanceof ShreddedError) return void end();
      throw error;
    }
    // An officer answering an alert is not a citizen writing in: it acknowledges the alert and stops there.
    const inbound = { ...rest, text: text ?? '' };
    const { handled } = await this.commands.execute(new AcknowledgeByReplyCommand(message.id, inbound));
    if (!handled) await this.commands.execute(new HandleCitizenMessageCommand(message.id, inbound));
    end();
  }
}
