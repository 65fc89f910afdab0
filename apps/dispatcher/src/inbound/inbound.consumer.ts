import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InboundMessage } from '@jansetu/channels';
import { HandleCitizenMessageCommand } from '@jansetu/membership';
import { FileCitizenMessageCommand } from '@jansetu/inbox';
import { BusMessage, MESSAGE_BUS, MessageBus, Metrics, Topics } from '@jansetu/platform';

/** jansetu.inbound.v1 → the citizen's command (join, stop, help) or, later, the tip inbox. */
@Injectable()
export class InboundConsumer implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('inbound', Topics.inbound, (m) => this.handle(m));
  }

  async handle(message: BusMessage): Promise<void> {
    const end = this.metrics.consumed.startTimer({ consumer: 'inbound' });
    const payload = message.payload as InboundMessage;
    const result = await this.commands.execute(new HandleCitizenMessageCommand(message.id, payload));
    // Not a membership command: a tip, a concern or ERASE for the inbox, deduped there on the same message id.
    if (result.handled === 'message') await this.commands.execute(new FileCitizenMessageCommand(message.id, payload));
    end();
  }
}
