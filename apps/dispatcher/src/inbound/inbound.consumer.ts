import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InboundMessage } from '@jansetu/channels';
import { HandleCitizenMessageCommand } from '@jansetu/membership';
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
    await this.commands.execute(new HandleCitizenMessageCommand(message.id, message.payload as InboundMessage));
    end();
  }
}
