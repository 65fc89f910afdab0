import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@jansetu/audit';
import { BroadcastModule } from '@jansetu/broadcast';
import { ChannelsModule } from '@jansetu/channels';
import { IdentityModule } from '@jansetu/identity';
import { InboxModule } from '@jansetu/inbox';
import { MembershipModule } from '@jansetu/membership';
import { AlertsModule } from '@jansetu/alerts';
import { RumoursModule } from '@jansetu/rumours';
import { AuditCheckpointsJob } from './audit-checkpoints/audit-checkpoints.job';
import { AppConfig, OutboxRelayModule, PlatformModule, TransportRetentionModule } from '@jansetu/platform';
import { AuditProjectionConsumer } from './audit-projection/audit-projection.consumer';
import { DispatchConsumer } from './dispatch/dispatch.consumer';
import { DomainEventsConsumer } from './domain-events/domain-events.consumer';
import { InboundConsumer } from './inbound/inbound.consumer';
import { AlertEscalationJob } from './scheduler/alert-escalation.job';
import { HeldRepliesJob } from './scheduler/held-replies.job';
import { ReviewEscalationJob } from './scheduler/review-escalation.job';
import { RetentionJob } from './retention/retention.job';
import { ScheduledBroadcastsJob } from './scheduler/scheduled-broadcasts.job';
import { StatusConsumer } from './status/status.consumer';

/** The background work: outbox relay and the consumers. The embedded gateway imports it to run in one process. */
@Module({
  imports: [
    OutboxRelayModule,
    TransportRetentionModule,
    MembershipModule,
    BroadcastModule,
    InboxModule,
    RumoursModule,
    AlertsModule,
    IdentityModule,
  ],
  providers: [
    InboundConsumer,
    DomainEventsConsumer,
    DispatchConsumer,
    StatusConsumer,
    AuditProjectionConsumer,
    ScheduledBroadcastsJob,
    AuditCheckpointsJob,
    ReviewEscalationJob,
    AlertEscalationJob,
    HeldRepliesJob,
    RetentionJob,
  ],
})
export class WorkersModule {}

/** The dispatcher process on its own (distributed mode). */
@Module({})
export class DispatcherModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: DispatcherModule,
      imports: [
        PlatformModule.forRoot(config, databaseUrl),
        ChannelsModule.forRoot(config),
        AuditModule,
        WorkersModule,
      ],
    };
  }
}
