import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditRecorder } from '@jansetu/audit';
import { ReplyQueue } from '@jansetu/broadcast';
import { ChannelName } from '@jansetu/channels';
import { OfficerPrincipal } from '@jansetu/identity';
import { ImportJurisdictionsCommand, ImportJurisdictionsHandler } from '@jansetu/jurisdiction';
import { AppConfig, BlindIndex, FieldCipher, IdempotentConsumer, Outbox } from '@jansetu/platform';
import { migratedDataSource } from '@jansetu/testing';
import { HandleCitizenMessageCommand } from './commands/handle-citizen-message/handle-citizen-message.command';
import { HandleCitizenMessageHandler } from './commands/handle-citizen-message/handle-citizen-message.handler';
import { ContactDirectory } from './domain/contact-directory';

/**
 * What the membership integration specs share: a migrated database holding `tree`, the citizen-message handler
 * wired as the dispatcher wires it, and a citizen's phone to send from. Test code only (excluded from the build).
 */
export interface CitizenHarness {
  dataSource: DataSource;
  config: AppConfig;
  cipher: FieldCipher;
  blind: BlindIndex;
  audit: AuditRecorder;
  contacts: ContactDirectory;
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

export async function citizenHarness(runPrefix: string, label: string, tree: unknown[]): Promise<CitizenHarness> {
  const { dataSource, config } = await migratedDataSource(runPrefix, label);
  const cipher = new FieldCipher(config.ENCRYPTION_KEY_ID, { [config.ENCRYPTION_KEY_ID]: config.ENCRYPTION_KEY });
  const blind = new BlindIndex(config.BLIND_INDEX_KEY);
  const outbox = new Outbox();
  const audit = new AuditRecorder(outbox);
  const contacts = new ContactDirectory(cipher, blind);
  const handler = new HandleCitizenMessageHandler(
    dataSource,
    new IdempotentConsumer(dataSource),
    cipher,
    blind,
    contacts,
    new ReplyQueue(outbox),
    audit,
  );
  await new ImportJurisdictionsHandler(dataSource).execute(new ImportJurisdictionsCommand(tree));
  return {
    dataSource,
    config,
    cipher,
    blind,
    audit,
    contacts,
    handler,
    send: (channel, from, text, messageId = randomUUID()) =>
      handler.execute(
        new HandleCitizenMessageCommand(messageId, {
          channel,
          fromSealed: cipher.encrypt(from),
          text,
          providerMessageId: `ref-${randomUUID()}`,
          receivedAt: new Date().toISOString(),
        }),
      ),
    hq: async () => {
      const [officer] = await dataSource.query<{ id: string }[]>(
        `INSERT INTO officer (username, display_name, password_hash, role) VALUES ('hq', 'HQ', 'x', 'hq_admin') RETURNING id`,
      );
      return { id: officer.id, username: 'hq', role: 'hq_admin', jurisdictionNodeId: null, jurisdictionPath: null };
    },
  };
}
