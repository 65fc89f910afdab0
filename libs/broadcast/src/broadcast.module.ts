import { Global, Module } from '@nestjs/common';
import { CITIZEN_REPLIES, PUBLIC_TEXT_CHECK } from '@jansetu/membership';
import { ControlBroadcastHandler } from './commands/control-broadcast/control-broadcast.handler';
import { CreateBroadcastHandler } from './commands/create-broadcast/create-broadcast.handler';
import { DecideBroadcastHandler } from './commands/decide-broadcast/decide-broadcast.handler';
import { DeliverySender } from './commands/dispatch-broadcast/delivery-sender';
import { EscalateOverdueReviewsHandler } from './commands/escalate-reviews/escalate-reviews.handler';
import {
  AddContentRuleHandler,
  RetireContentRuleHandler,
} from './commands/manage-content-rules/manage-content-rules.handler';
import { ReviewEmergencyHandler } from './commands/review-emergency/review-emergency.handler';
import { DispatchBroadcastHandler } from './commands/dispatch-broadcast/dispatch-broadcast.handler';
import { RecordDeliveryStatusHandler } from './commands/record-delivery-status/record-delivery-status.handler';
import { SendReplyHandler } from './commands/send-reply/send-reply.handler';
import { ReleaseHeldRepliesHandler } from './commands/release-held-replies/release-held-replies.handler';
import { StartDueBroadcastsHandler } from './commands/start-due-broadcasts/start-due-broadcasts.handler';
import { CitizenDeliveriesEventHandlers } from './event-handlers/citizen-deliveries.event-handlers';
import { MoveBroadcastPathsOnJurisdictionMoved } from './event-handlers/move-paths-on-jurisdiction-moved.event-handler';
import { AudienceRepository } from './persistence/audience.repository';
import { BroadcastRepository } from './persistence/broadcast.repository';
import { ContentRuleRepository } from './persistence/content-rule.repository';
import { DeliveryRepository } from './persistence/delivery.repository';
import { DispatchQueue } from './persistence/dispatch-queue';
import { ReceiptRepository } from './persistence/receipt.repository';
import { HeldReplyRepository } from './persistence/held-replies.repository';
import { ReceiptRetries } from './commands/record-delivery-status/receipt-retries';
import { ReplyQueue } from './persistence/reply-queue';
import { GetBroadcastHandler } from './queries/get-broadcast/get-broadcast.handler';
import { FindSentBroadcastsHandler } from './queries/find-sent-broadcasts/find-sent-broadcasts.handler';
import { SummariseBroadcastsHandler } from './queries/summarise-broadcasts/summarise-broadcasts.handler';
import { ListBroadcastQueueHandler, ListBroadcastsHandler } from './queries/list-broadcasts/list-broadcasts.handler';
import {
  CheckPublicTextHandler,
  ListContentRulesHandler,
  PublicTextChecker,
} from './queries/list-content-rules/list-content-rules.handler';
import { PreviewBroadcastHandler } from './queries/preview-broadcast/preview-broadcast.handler';
import { PurgeFinishedDeliveriesHandler } from './commands/purge-finished-deliveries/purge-finished-deliveries.handler';

export const BroadcastCommandHandlers = [
  CreateBroadcastHandler,
  DecideBroadcastHandler,
  ControlBroadcastHandler,
  StartDueBroadcastsHandler,
  DispatchBroadcastHandler,
  SendReplyHandler,
  ReleaseHeldRepliesHandler,
  RecordDeliveryStatusHandler,
  ReviewEmergencyHandler,
  EscalateOverdueReviewsHandler,
  AddContentRuleHandler,
  RetireContentRuleHandler,
  PurgeFinishedDeliveriesHandler,
];
export const BroadcastQueryHandlers = [
  GetBroadcastHandler,
  FindSentBroadcastsHandler,
  PreviewBroadcastHandler,
  ListBroadcastQueueHandler,
  ListBroadcastsHandler,
  ListContentRulesHandler,
  CheckPublicTextHandler,
  SummariseBroadcastsHandler,
];

/** The repositories: the only code that reads or writes broadcast's tables. */
export const BroadcastRepositories = [
  BroadcastRepository,
  DeliveryRepository,
  ReceiptRepository,
  HeldReplyRepository,
  AudienceRepository,
  ContentRuleRepository,
];

/** Global so that membership's CITIZEN_REPLIES and PUBLIC_TEXT_CHECK ports reach the ReplyQueue without membership importing broadcast. */
@Global()
@Module({
  providers: [
    DispatchQueue,
    ReplyQueue,
    { provide: CITIZEN_REPLIES, useExisting: ReplyQueue },
    PublicTextChecker,
    { provide: PUBLIC_TEXT_CHECK, useExisting: PublicTextChecker },
    DeliverySender,
    ReceiptRetries,
    ...BroadcastRepositories,
    ...BroadcastCommandHandlers,
    ...BroadcastQueryHandlers,
    ...CitizenDeliveriesEventHandlers,
    MoveBroadcastPathsOnJurisdictionMoved,
  ],
  exports: [ReplyQueue, CITIZEN_REPLIES, PublicTextChecker, PUBLIC_TEXT_CHECK],
})
export class BroadcastModule {}
