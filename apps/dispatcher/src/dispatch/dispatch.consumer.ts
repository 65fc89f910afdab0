import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AutoReply, DispatchBroadcastCommand, DispatchRequest, SendReplyCommand } from '@jansetu/broadcast';
import { BusMessage, MESSAGE_BUS, MessageBus, Metrics, Topics } from '@jansetu/platform';

/** jansetu.dispatch.v1 → sending: a broadcast's pending deliveries, or one automatic reply. */
@Injectable()
export class DispatchConsumer implements OnModuleInit {
  private readonly logger = new Logger(DispatchConsumer.name);

  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    private readonly commands: CommandBus,
    private readonly metrics: Metrics,
  ) {}

  onModuleInit(): void {
    this.bus.subscribe('dispatch', Topics.dispatch, (m) => this.handle(m));
  }

  async handle(message: BusMessage): Promise<void> {
    const end = this.metrics.consumed.startTimer({ consumer: 'dispatch' });
    if (message.type === 'broadcast.dispatch') {
      const { broadcastId, bucket } = message.payload as DispatchRequest;
      const result = await this.commands.execute(new DispatchBroadcastCommand(broadcastId, bucket ?? 0));
      const stopped = result.stoppedBecause ? ` (stopped: ${result.stoppedBecause})` : '';
      this.logger.log(
        `broadcast ${broadcastId} bucket ${bucket}: ${result.sent} sent, ${result.failed} failed${stopped}`,
      );
    } else if (message.type === 'reply.send') {
      await this.commands.execute(new SendReplyCommand(message.id, message.payload as AutoReply));
    } else {
      this.logger.warn(`unknown dispatch message type ${message.type}, skipped`);
    }
    end();
  }
}
