import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { TerminusModule } from '@nestjs/terminus';
import { AuditModule } from '@jansetu/audit';
import { BroadcastModule } from '@jansetu/broadcast';
import { ChannelsModule } from '@jansetu/channels';
import { WorkersModule } from '@jansetu/dispatcher';
import { IdentityHttpModule } from '@jansetu/identity';
import { InboxModule } from '@jansetu/inbox';
import { JurisdictionModule } from '@jansetu/jurisdiction';
import { MembershipModule } from '@jansetu/membership';
import { AlertsModule } from '@jansetu/alerts';
import { RumoursModule } from '@jansetu/rumours';
import { AppConfig, PlatformModule } from '@jansetu/platform';
import { BroadcastsController } from './admin/broadcasts.controller';
import { ContentRulesController } from './admin/content-rules.controller';
import { GroupsController } from './admin/groups.controller';
import { JurisdictionsController } from './admin/jurisdictions.controller';
import { OfficersController } from './admin/officers.controller';
import { AuditController } from './audit/audit.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { AuthController } from './auth/auth.controller';
import { MeController } from './auth/me.controller';
import { InboxController } from './inbox/inbox.controller';
import { AlertContactsController, OpenAlertsController } from './alerts/alert-contacts.controller';
import { RumoursController } from './rumours/rumours.controller';
import { UrgentCaseFeed } from './inbox/urgent-case-feed';
import { HealthController } from './ops/health.controller';
import { MetricsController } from './ops/metrics.controller';
import { CONSOLE_DIR, consoleHeaders } from './console/console-static';
import { SampleJurisdictions } from './sample-jurisdictions';
import { ProviderWebhooksController } from './webhooks/provider-webhooks.controller';
import { SimulatorController } from './webhooks/simulator.controller';
import { WebhookIntake } from './webhooks/webhook-intake';

@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        PlatformModule.forRoot(config, databaseUrl),
        ChannelsModule.forRoot(config),
        AuditModule,
        IdentityHttpModule,
        JurisdictionModule,
        MembershipModule,
        BroadcastModule,
        InboxModule,
        RumoursModule,
        AlertsModule,
        TerminusModule,
        // The officers' console (apps/console, built by `npm run build`), same origin as the API it calls.
        ServeStaticModule.forRoot({
          rootPath: CONSOLE_DIR,
          serveRoot: '/console',
          serveStaticOptions: { setHeaders: consoleHeaders, index: 'index.html' },
        }),
        // Embedded mode: the dispatcher's work runs in this same process.
        ...(config.RUN_WORKERS ? [WorkersModule] : []),
      ],
      controllers: [
        AuthController,
        MeController,
        OfficersController,
        JurisdictionsController,
        GroupsController,
        BroadcastsController,
        ContentRulesController,
        AuditController,
        InboxController,
        RumoursController,
        DashboardController,
        AlertContactsController,
        OpenAlertsController,
        HealthController,
        MetricsController,
        ProviderWebhooksController,
        ...(config.CHANNEL_SIMULATOR ? [SimulatorController] : []),
      ],
      providers: [WebhookIntake, UrgentCaseFeed, ...(config.SEED_SAMPLE_JURISDICTIONS ? [SampleJurisdictions] : [])],
    };
  }
}
