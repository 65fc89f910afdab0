import { randomUUID } from 'node:crypto';
import { ChannelName } from '@jansetu/channels';
import { CreateOfficerCommand, OfficerPrincipal, Role } from '@jansetu/identity';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { FieldCipher } from '@jansetu/platform';
import { MembershipTestContext } from '@jansetu/testing';
import { DataSource } from 'typeorm';
import { HandleCitizenMessageCommand } from './commands/handle-citizen-message/handle-citizen-message.command';

/**
 * What the group handler specs share: a small jurisdiction tree, officers created through the identity context, and
 * citizens writing in through the membership command. Test code only (excluded from the build).
 */
export const GROUP_TREE = [
  { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
  { code: 'SAM', parentCode: 'BR', level: 'district', nameEn: 'Samastipur', nameHi: 'समस्तीपुर' },
  { code: 'SAM-SADAR', parentCode: 'SAM', level: 'subdivision', nameEn: 'Samastipur Sadar', nameHi: 'समस्तीपुर सदर' },
  { code: 'SAM-MUFASSIL', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Mufassil', nameHi: 'मुफस्सिल' },
  { code: 'SAM-TOWN', parentCode: 'SAM-SADAR', level: 'station', nameEn: 'Town', nameHi: 'नगर' },
  { code: 'PAT', parentCode: 'BR', level: 'district', nameEn: 'Patna', nameHi: 'पटना' },
  { code: 'PAT-SADAR', parentCode: 'PAT', level: 'subdivision', nameEn: 'Patna Sadar', nameHi: 'पटना सदर' },
  { code: 'PAT-KOTWALI', parentCode: 'PAT-SADAR', level: 'station', nameEn: 'Kotwali', nameHi: 'कोतवाली' },
];

/** An officer row made through CreateOfficerCommand, and the principal a controller would pass for them. */
export async function officerIn(
  ctx: MembershipTestContext,
  username: string,
  role: Role,
  jurisdictionCode: string | null,
): Promise<OfficerPrincipal> {
  const { id } = await ctx.commands.execute(
    new CreateOfficerCommand(username, 'a-long-test-password', role, jurisdictionCode, username),
  );
  const node = jurisdictionCode
    ? await ctx.moduleRef.get(JurisdictionLookup).byCode(ctx.dataSource.manager, jurisdictionCode)
    : null;
  return { id, username, role, jurisdictionNodeId: node?.id ?? null, jurisdictionPath: node?.path ?? null };
}

/** A citizen's message as the dispatcher hands it to membership (sealed address, fresh message id). */
export function citizenSays(ctx: MembershipTestContext, channel: ChannelName, from: string, text: string) {
  return ctx.commands.execute(
    new HandleCitizenMessageCommand(randomUUID(), {
      channel,
      fromSealed: ctx.moduleRef.get(FieldCipher).encrypt(from),
      text,
      providerMessageId: `ref-${randomUUID()}`,
      receivedAt: new Date().toISOString(),
    }),
  );
}

/** The audit events of a group's chain, oldest first, as they sit in the outbox. */
export async function groupAuditTrail(dataSource: DataSource, groupId: string) {
  return dataSource.query<{ type: string; actor: Record<string, unknown>; body: Record<string, unknown> }[]>(
    `SELECT type, payload -> 'payload' -> 'actor' AS actor, payload -> 'payload' -> 'body' AS body
       FROM outbox_message WHERE key = $1 ORDER BY seq`,
    [`group:${groupId}`],
  );
}
