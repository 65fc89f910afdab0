import { Module } from '@nestjs/common';
import { ControlBroadcastHandler } from './commands/control-broadcast/control-broadcast.handler';
import { CreateBroadcastHandler } from './commands/create-broadcast/create-broadcast.handler';
import { DecideBroadcastHandler } from './commands/decide-broadcast/decide-broadcast.handler';
import { DispatchBroadcastHandler } from './commands/dispatch-broadcast/dispatch-broadcast.handler';
import { RecordDeliveryStatusHandler } from './commands/record-delivery-status/record-delivery-status.handler';
import { SendReplyHandler } from './commands/send-reply/send-reply.handler';
import { StartDueBroadcastsHandler } from './commands/start-due-broadcasts/start-due-broadcasts.handler';
import { DispatchQueue } from './domain/dispatch-queue';
import { ReplyQueue } from './domain/reply-queue';
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

@Module({
  providers: [DispatchQueue, ReplyQueue, ...BroadcastCommandHandlers, ...BroadcastQueryHandlers],
  exports: [ReplyQueue],
})
export class BroadcastModule {}
