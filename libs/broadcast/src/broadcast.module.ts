import { Global, Module } from '@nestjs/common';
import { CITIZEN_REPLIES } from '@jansetu/membership';
import { ControlBroadcastHandler } from './commands/control-broadcast/control-broadcast.handler';
import { CreateBroadcastHandler } from './commands/create-broadcast/create-broadcast.handler';
import { DecideBroadcastHandler } from './commands/decide-broadcast/decide-broadcast.handler';
import { DispatchBroadcastHandler } from './commands/dispatch-broadcast/dispatch-broadcast.handler';
import { RecordDeliveryStatusHandler } from './commands/record-delivery-status/record-delivery-status.handler';
import { SendReplyHandler } from './commands/send-reply/send-reply.handler';
import { StartDueBroadcastsHandler } from './commands/start-due-broadcasts/start-due-broadcasts.handler';
import { DispatchQueue } from './domain/dispatch-queue';
import { ReplyQueue } from './domain/reply-queue';
import { CitizenDeliveriesEventHandlers } from './event-handlers/citizen-deliveries.event-handlers';
import { CitizenDeliveriesRepository } from './persistence/citizen-deliveries.repository';
import { GetBroadcastHandler } from './queries/get-broadcast/get-broadcast.handler';
import { PreviewBroadcastHandler } from './queries/preview-broadcast/preview-broadcast.handler';

export const BroadcastCommandHandlers = [
  CreateBroadcastHandler,
  DecideBroadcastHandler,
  ControlBroadcastHandler,
  StartDueBroadcastsHandler,
  DispatchBroadcastHandler,
  SendReplyHandler,
  RecordDeliveryStatusHandler,
];
export const BroadcastQueryHandlers = [GetBroadcastHandler, PreviewBroadcastHandler];

/** Global so that membership's CITIZEN_REPLIES port reaches the ReplyQueue without membership importing broadcast. */
@Global()
@Module({
  providers: [
    DispatchQueue,
    ReplyQueue,
    { provide: CITIZEN_REPLIES, useExisting: ReplyQueue },
    CitizenDeliveriesRepository,
    ...BroadcastCommandHandlers,
    ...BroadcastQueryHandlers,
    ...CitizenDeliveriesEventHandlers,
  ],
  exports: [ReplyQueue, CITIZEN_REPLIES],
})
export class BroadcastModule {}
