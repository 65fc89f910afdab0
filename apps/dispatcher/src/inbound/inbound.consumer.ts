import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { InboundMessage } from '@jansetu/channels';
import { HandleCitizenMessageCommand } from '@jansetu/membership';
import { BusMessage, MESSAGE_BUS, MessageBus, Metrics, Topics } from '@jansetu/platform';

/**
 * jansetu.inbound.v1 → membership, which handles the keywords (join, stop, help, erase) and raises anything else as
 * CitizenMessageReceived for the inbox (FileCitizenMessageSaga).
 */
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
    await this.commands.execute(new HandleCitizenMessageCommand(message.id, payload));
    end();
  }
}
