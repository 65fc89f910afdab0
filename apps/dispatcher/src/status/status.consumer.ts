import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordDeliveryStatusCommand } from '@jansetu/broadcast';
import { DeliveryState, StatusMessage } from '@jansetu/channels';
import { BusMessage, MESSAGE_BUS, MessageBus, Metrics, Topics } from '@jansetu/platform';

/** jansetu.status.v1 → delivery states. Applying a receipt twice changes nothing, so no dedupe table is needed. */
@Injectable()
export class StatusConsumer implements OnModuleInit {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('status', Topics.status, (m) => this.handle(m));
  }

  async handle(message: BusMessage): Promise<void> {
    const end = this.metrics.consumed.startTimer({ consumer: 'status' });
    const s = message.payload as StatusMessage;
    await this.commands.execute(
      new RecordDeliveryStatusCommand(
        s.channel ?? '',
        s.providerMessageId,
        s.state as DeliveryState,
        s.failure,
        s.errorCode,
      ),
    );
    end();
  }
}
