import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditRecorder } from '@jansetu/audit';
import { BroadcastModule } from '@jansetu/broadcast';
import { ChannelName } from '@jansetu/channels';
import { OfficerPrincipal } from '@jansetu/identity';
import { InboxModule } from '@jansetu/inbox';
import { ImportJurisdictionsCommand, JurisdictionModule } from '@jansetu/jurisdiction';
import { AppConfig, BlindIndex, FieldCipher } from '@jansetu/platform';
import { ContextModule, contextModule, Unseal, unsealer } from '@jansetu/testing';
import { HandleCitizenMessageCommand } from './commands/handle-citizen-message/handle-citizen-message.command';
import { HandleCitizenMessageHandler } from './commands/handle-citizen-message/handle-citizen-message.handler';
import { MembershipModule } from './membership.module';
import { CitizenRepository } from './persistence/citizen.repository';

/**
 * What the membership integration specs share: a migrated database holding `tree`, the real modules wired as the
 * dispatcher wires them (broadcast and inbox react to membership's events), and a citizen's phone to send from.
 * Test code only (excluded from the build).
 */
export interface CitizenHarness {
  module: ContextModule;
  dataSource: DataSource;
  config: AppConfig;
  cipher: FieldCipher;
  /** Opens what the gateway sealed (data keys or the master key). */
  unseal: Unseal;
  blind: BlindIndex;
  audit: AuditRecorder;
  contacts: CitizenRepository;
  handler: HandleCitizenMessageHandler;
  send(
    channel: ChannelName,
    from: string,
    text: string,
    messageId?: string,
  ): ReturnType<HandleCitizenMessageHandler['execute']>;
  /** A state-wide HQ admin stored in the database. */
  hq(): Promise<OfficerPrincipal>;
}

/** `inbox: false` leaves the inbox out: citizens' messages are then raised as events and filed nowhere. */
export async function citizenHarness(
  runPrefix: string,
  label: string,
  tree: unknown[],
  { inbox = true }: { inbox?: boolean } = {},
): Promise<CitizenHarness> {
  const module = await contextModule(runPrefix, label, [
    JurisdictionModule,
    MembershipModule,
    BroadcastModule,
    ...(inbox ? [InboxModule] : []),
  ]);
  const { dataSource, config, app } = module;
  const cipher = app.get(FieldCipher);
  const handler = app.get(HandleCitizenMessageHandler);
  await module.commands.execute(new ImportJurisdictionsCommand(tree));
  return {
    module,
    dataSource,
    config,
    cipher,
    unseal: unsealer(app),
    blind: app.get(BlindIndex),
    audit: app.get(AuditRecorder),
    contacts: app.get(CitizenRepository),
    handler,
    // As the dispatcher runs it: the command, then the other contexts' reactions to its events.
    send: async (channel, from, text, messageId = randomUUID()) => {
      const handled = await handler.execute(
        new HandleCitizenMessageCommand(messageId, {
          channel,
          fromSealed: cipher.encrypt(from),
          text,
          providerMessageId: `ref-${randomUUID()}`,
          receivedAt: new Date().toISOString(),
        }),
      );
      await module.deliverEvents();
      return handled;
    },
    hq: async () => {
      const [officer] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO officer (username, display_name, password_hash, role) VALUES ('hq', 'HQ', 'x', 'hq_admin') RETURNING id`,
      );
      return { id: officer.id, username: 'hq', role: 'hq_admin', jurisdictionNodeId: null, jurisdictionPath: null };
    },
  };
}
