import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FieldCipher } from '@jansetu/platform';
import { MemberDirectoryRepository } from '../../persistence/member-directory.repository';
import { ReencryptContactsCommand, ReencryptionResult } from './reencrypt-contacts.command';

@CommandHandler(ReencryptContactsCommand)
export class ReencryptContactsHandler implements ICommandHandler<ReencryptContactsCommand> {
  constructor(
    private readonly members: MemberDirectoryRepository,
    private readonly cipher: FieldCipher,
  ) {}

  async execute(cmd: ReencryptContactsCommand): Promise<ReencryptionResult> {
    const current = `${cmd.currentKeyId}:`;
    let reencrypted = 0;
    // Keyset pagination over the primary key: each batch reads forward, so the whole table is read once.
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.members.sealedAddressesAfter(after, cmd.batchSize);
      if (!batch.length) break;
      after = batch[batch.length - 1].id;
      const stale = batch.filter((r) => !r.addressCiphertext.startsWith(current));
      if (!stale.length) continue;
      reencrypted += await this.members.reseal(
        stale.map((r) => ({
          id: r.id,
          old: r.addressCiphertext,
          sealed: this.cipher.encrypt(this.cipher.decrypt(r.addressCiphertext)),
        })),
      );
    }
    return { reencrypted, remaining: await this.members.countSealedOtherwiseThan(current) };
  }
}
