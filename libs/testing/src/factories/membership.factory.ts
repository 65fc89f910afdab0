import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { AuditModule } from '@jansetu/audit';
import { IdentityModule, OfficerPrincipal } from '@jansetu/identity';
import { ImportJurisdictionsCommand, JurisdictionModule } from '@jansetu/jurisdiction';
import { CreateGroupCommand, GroupCreated, MembershipModule } from '@jansetu/membership';
import { AppConfig, PlatformModule } from '@jansetu/platform';
import { testConfig } from '../database';
import { createDatabase } from '../services';

/** The membership context as the gateway and the dispatcher wire it, on a fresh migrated database. */
export interface MembershipTestContext {
  moduleRef: TestingModule;
  commands: CommandBus;
  dataSource: DataSource;
  config: AppConfig;
  close(): Promise<void>;
}

/**
 * Builds the real modules (platform, audit, identity, jurisdiction, membership) on a fresh database and imports
 * `tree` (jurisdiction rows as ImportJurisdictionsCommand takes them). `settings` add to the test configuration.
 */
export async function membershipTestContext(
  runPrefix: string,
  label: string,
  tree: unknown[],
  settings: Record<string, string> = {},
): Promise<MembershipTestContext> {
  const url = await createDatabase(runPrefix, label);
  const config = testConfig(url, { LOG_LEVEL: 'warn', ...settings });
  const moduleRef = await Test.createTestingModule({
    imports: [PlatformModule.forRoot(config, url), AuditModule, IdentityModule, JurisdictionModule, MembershipModule],
  }).compile();
  await moduleRef.init();
  const commands = moduleRef.get(CommandBus);
  if (tree.length) await commands.execute(new ImportJurisdictionsCommand(tree));
  return { moduleRef, commands, dataSource: moduleRef.get(DataSource), config, close: () => moduleRef.close() };
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
