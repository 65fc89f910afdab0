import { Module } from '@nestjs/common';
import { CreateBroadcastHandler } from './commands/create-broadcast/create-broadcast.handler';
import { DispatchBroadcastHandler } from './commands/dispatch-broadcast/dispatch-broadcast.handler';
import { SendReplyHandler } from './commands/send-reply/send-reply.handler';
import { RecordDeliveryStatusHandler } from './commands/record-delivery-status/record-delivery-status.handler';
import { GetBroadcastHandler } from './queries/get-broadcast/get-broadcast.handler';

@Module({
  providers: [
    CreateBroadcastHandler,
    DispatchBroadcastHandler,
    SendReplyHandler,
    RecordDeliveryStatusHandler,
    GetBroadcastHandler,
  ],
})
export class BroadcastModule {}
