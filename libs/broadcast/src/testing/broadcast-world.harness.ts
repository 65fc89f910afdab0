import { INestApplicationContext } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ChannelName } from '@jansetu/channels';
import { CreateOfficerCommand, IdentityModule, OfficerPrincipal, Role } from '@jansetu/identity';
import { ImportJurisdictionsCommand, JurisdictionModule } from '@jansetu/jurisdiction';
import { CreateGroupCommand, GroupCreated, HandleCitizenMessageCommand, MembershipModule } from '@jansetu/membership';
import { AppConfig, FieldCipher } from '@jansetu/platform';
import { ContextModule, contextModule, signIn } from '@jansetu/testing';
import { AutoReply } from '../domain/auto-reply';
import { BroadcastModule } from '../broadcast.module';

/** Bihar in miniature: two districts, a subdivision each, three stations. */
export const SAMPLE_TREE = [
  { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
  { code: 'PAT', parentCode: 'BR', level: 'district', nameEn: 'Patna', nameHi: 'पटना' },
  { code: 'PAT-SADAR', parentCode: 'PAT', level: 'subdivision', nameEn: 'Patna Sadar', nameHi: 'पटना सदर' },
  { code: 'KOTWALI', parentCode: 'PAT-SADAR', level: 'station', nameEn: 'Kotwali', nameHi: 'कोतवाली' },
  { code: 'GANDHI-MAIDAN', parentCode: 'PAT-SADAR', level: 'station', nameEn: 'Gandhi Maidan', nameHi: 'गांधी मैदान' },
  { code: 'GAYA', parentCode: 'BR', level: 'district', nameEn: 'Gaya', nameHi: 'गया' },
  { code: 'GAYA-SADAR', parentCode: 'GAYA', level: 'subdivision', nameEn: 'Gaya Sadar', nameHi: 'गया सदर' },
  { code: 'GAYA-TOWN', parentCode: 'GAYA-SADAR', level: 'station', nameEn: 'Gaya Town', nameHi: 'गया नगर' },
];

/** A citizen as the join left them: their pseudonym and the contact point their join confirmation went to. */
export interface JoinedCitizen {
  channel: ChannelName;
  address: string;
  pseudonym: string;
  contactPointId: string;
}

/**
 * A broadcast context wired by Nest as the apps wire it (platform, channels, audit, identity, jurisdiction,
 * membership, broadcast) on a fresh, migrated PostgreSQL database, and a world built through each context's own
 * commands: officers, groups, citizens who joined by keyword. Test code only.
 */
export class BroadcastWorld {
  private constructor(
    private readonly ctx: ContextModule,
    readonly config: AppConfig,
  ) {}

  get moduleRef(): INestApplicationContext {
    return this.ctx.app;
  }

  /** Runs the other contexts' reactions to the events committed so far, as the dispatcher does. */
  deliverEvents(): Promise<number> {
    return this.ctx.deliverEvents();
  }

  close(): Promise<void> {
    return this.ctx.close();
  }

  static async create(
    runPrefix: string,
    label: string,
    settings: Record<string, string> = {},
    tree: unknown[] = SAMPLE_TREE,
  ): Promise<BroadcastWorld> {
    const ctx = await contextModule(
      runPrefix,
      label,
      [IdentityModule, JurisdictionModule, MembershipModule, BroadcastModule],
      // Specs create many broadcasts from one officer to the same citizens; the rate limit and the daily cap have
      // their own specs, which set them small.
      {
        LOG_LEVEL: 'warn',
        CHANNEL_SIMULATOR: 'true',
        BROADCAST_RATE_LIMIT: '1000',
        CITIZEN_DAILY_MESSAGE_CAP: '1000',
        ...settings,
      },
    );
    const world = new BroadcastWorld(ctx, ctx.config);
    await world.commands.execute(new ImportJurisdictionsCommand(tree));
    return world;
  }

  get dataSource(): DataSource {
    return this.moduleRef.get(DataSource);
  }

  get commands(): CommandBus {
    return this.moduleRef.get(CommandBus);
  }

  get queries(): QueryBus {
    return this.moduleRef.get(QueryBus);
  }

  get cipher(): FieldCipher {
    return this.moduleRef.get(FieldCipher);
  }

  /**
   * An officer created by CreateOfficerCommand, as the gateway sees them after login (the token's claims).
   * `code` is the jurisdiction; null for state-wide roles.
   */
  async newOfficer(
    role: Role,
    code: string | null,
    username = `${role}.${code ?? 'state'}.${randomUUID().slice(0, 6)}`,
  ) {
    const password = `pw-${randomUUID()}`;
    await this.commands.execute(new CreateOfficerCommand(username, password, role, code, username));
    // Through the sign-in of the console (the second factor enrolled where the role requires it).
    const { accessToken } = await signIn(this.moduleRef, username, password);
    const claims = await this.moduleRef
      .get(JwtService)
      .verifyAsync<{ sub: string; usr: string; role: Role; node: string | null; path: string | null }>(accessToken);
    const officer: OfficerPrincipal = {
      id: claims.sub,
      username: claims.usr,
      role: claims.role,
      jurisdictionNodeId: claims.node,
      jurisdictionPath: claims.path,
    };
    return officer;
  }

  async newGroup(officer: OfficerPrincipal, code: string, name = `जनसेतु ${code}`): Promise<GroupCreated> {
    return this.commands.execute(new CreateGroupCommand(officer, code, name, 'hi'));
  }

  /** A citizen's message on `channel` from `address`, received at `receivedAt` (the provider's timestamp). */
  async say(channel: ChannelName, address: string, text: string, receivedAt = new Date()): Promise<void> {
    await this.commands.execute(
      new HandleCitizenMessageCommand(randomUUID(), {
        channel,
        fromSealed: this.cipher.encrypt(address),
        text,
        providerMessageId: `ref-${randomUUID()}`,
        receivedAt: receivedAt.toISOString(),
      }),
    );
  }

  /** A citizen who joins by writing JOIN <code>; identified by the join confirmation membership queued for them. */
  async newCitizen(channel: ChannelName, address: string, joinCode: string): Promise<JoinedCitizen> {
    await this.say(channel, address, `JOIN ${joinCode}`);
    const reply = await this.lastReply();
    if (reply.reason !== 'join-confirmation' && reply.reason !== 'already-member') {
      throw new Error(`${address} did not join ${joinCode}: ${reply.reason}`);
    }
    return { channel, address, pseudonym: reply.pseudonym!, contactPointId: reply.contactPointId! };
  }

  /** The last automatic reply queued on the dispatch topic. */
  async lastReply(): Promise<AutoReply> {
    const [row] = await this.dataSource.query<{ payload: { payload: AutoReply } }[]>(
      `SELECT payload FROM outbox_message WHERE type = 'reply.send' ORDER BY seq DESC LIMIT 1`,
    );
    return row.payload.payload;
  }

  /** Audit events of a chain, oldest first, as they sit in the outbox. */
  async auditTrail(
    chainId: string,
  ): Promise<{ type: string; actor: Record<string, unknown>; body: Record<string, unknown> }[]> {
    const rows = await this.dataSource.query<
      { event: { type: string; actor: Record<string, unknown>; body: Record<string, unknown> } }[]
    >(
      `SELECT payload -> 'payload' AS event FROM outbox_message
        WHERE payload -> 'payload' ->> 'chainId' = $1 ORDER BY seq`,
      [chainId],
    );
    return rows.map((r) => r.event);
  }
}
