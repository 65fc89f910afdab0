import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { BroadcastModule } from '@jansetu/broadcast';
import { IdentityModule, OfficerPrincipal } from '@jansetu/identity';
import { ImportJurisdictionsCommand, JurisdictionModule } from '@jansetu/jurisdiction';
import { ChannelName } from '@jansetu/channels';
import {
  CitizenMessageHandled,
  CreateGroupCommand,
  GroupCreated,
  HandleCitizenMessageCommand,
  MembershipModule,
} from '@jansetu/membership';
import { AppConfig, FieldCipher } from '@jansetu/platform';
import { randomUUID } from 'node:crypto';
import { contextModule } from '../context-module';

/** The membership context as the gateway and the dispatcher wire it, on a fresh migrated database. */
export interface MembershipTestContext {
  moduleRef: INestApplicationContext;
  commands: CommandBus;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * Builds the real modules (platform, channels, audit, identity, jurisdiction, membership, broadcast) on a fresh database and imports
 * `tree` (jurisdiction rows as ImportJurisdictionsCommand takes them). `settings` add to the test configuration.
 */
export async function membershipTestContext(
  runPrefix: string,
  label: string,
  tree: unknown[],
  settings: Record<string, string> = {},
): Promise<MembershipTestContext> {
  // Broadcast sends membership's replies (CITIZEN_REPLIES) and reacts to its events.
  const ctx = await contextModule(
    runPrefix,
    label,
    [IdentityModule, JurisdictionModule, MembershipModule, BroadcastModule],
    {
      LOG_LEVEL: 'warn',
      ...settings,
    },
  );
  if (tree.length) await ctx.commands.execute(new ImportJurisdictionsCommand(tree));
  return {
    moduleRef: ctx.app,
    commands: ctx.commands,
    dataSource: ctx.dataSource,
    config: ctx.config,
    close: ctx.close,
  };
}

export interface NewGroupOptions {
  jurisdictionCode: string;
  name?: string;
  language?: 'hi' | 'en';
}

/** A citizen group created as an officer would create it, through CreateGroupCommand (audited, with a join code). */
export async function newGroup(
  from: INestApplicationContext | CommandBus,
  officer: OfficerPrincipal,
  { jurisdictionCode, name = `जनसेतु ${jurisdictionCode}`, language = 'hi' }: NewGroupOptions,
): Promise<GroupCreated> {
  const commands = from instanceof CommandBus ? from : from.get(CommandBus);
  return commands.execute(new CreateGroupCommand(officer, jurisdictionCode, name, language));
}

/**
 * A citizen who sent `JOIN <code>` on `channel` from `address`, handled as the dispatcher handles it (membership's
 * command, then the other contexts' reactions). Returns how membership took it ('join', or 'duplicate').
 */
export async function newCitizen(
  app: INestApplicationContext,
  channel: ChannelName,
  address: string,
  joinCode: string,
  receivedAt = new Date(),
): Promise<CitizenMessageHandled> {
  return app.get(CommandBus).execute(
    new HandleCitizenMessageCommand(randomUUID(), {
      channel,
      fromSealed: app.get(FieldCipher).encrypt(address),
      text: `JOIN ${joinCode}`,
      providerMessageId: `ref-${randomUUID()}`,
      receivedAt: receivedAt.toISOString(),
    }),
  );
}
