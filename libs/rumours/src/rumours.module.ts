import { Module } from '@nestjs/common';
import { ReplyQueue } from '@jansetu/broadcast';
import { JurisdictionLookupModule } from '@jansetu/jurisdiction';
import { CheckMessageHandler } from './commands/check-message/check-message.handler';
import { CloseRumourHandler } from './commands/close-rumour/close-rumour.handler';
import { MarkRumourHandler } from './commands/mark-rumour/mark-rumour.handler';
import { CheckFiledCaseSaga } from './event-handlers/check-filed-case.saga';
import { CheckVerificationRequestSaga } from './event-handlers/check-verification-request.saga';
import { MoveRumourPathsOnJurisdictionMoved } from './event-handlers/move-paths-on-jurisdiction-moved.event-handler';
import { ClusterRepository } from './persistence/cluster.repository';
import { RumourRepository } from './persistence/rumour.repository';
import { ListClustersHandler } from './queries/list-clusters/list-clusters.handler';
import { ListRumoursHandler } from './queries/list-rumours/list-rumours.handler';

export const RumoursHandlers = [
  CheckMessageHandler,
  MarkRumourHandler,
  CloseRumourHandler,
  ListRumoursHandler,
  ListClustersHandler,
];

/** Rumour verification and early warning. Membership and the inbox never import it: it reacts to their events. */
@Module({
  imports: [JurisdictionLookupModule],
  providers: [
    ReplyQueue,
    RumourRepository,
    ClusterRepository,
    ...RumoursHandlers,
    CheckVerificationRequestSaga,
    CheckFiledCaseSaga,
    MoveRumourPathsOnJurisdictionMoved,
  ],
})
export class RumoursModule {}
