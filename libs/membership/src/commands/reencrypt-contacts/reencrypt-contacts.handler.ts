import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataKeys, FieldCipher } from '@jansetu/platform';
import { MemberDirectoryRepository } from '../../persistence/member-directory.repository';
import { ReencryptContactsCommand, ReencryptionResult } from './reencrypt-contacts.command';

@CommandHandler(ReencryptContactsCommand)
export class ReencryptContactsHandler implements ICommandHandler<ReencryptContactsCommand> {
  constructor(
    private readonly members: MemberDirectoryRepository,
    private readonly cipher: FieldCipher,
    private readonly keys: DataKeys,
  ) {}

  async execute(cmd: ReencryptContactsCommand): Promise<ReencryptionResult> {
    const current = `${cmd.currentKeyId}:`;
    // Data keys are re-wrapped by the new master key; what they sealed (addresses, queued messages) never changes.
    let reencrypted = 0;
    for (let n = -1; n !== 0; reencrypted += n) n = await this.keys.rewrap(cmd.currentKeyId, cmd.batchSize);
    // Keyset pagination over the primary key: each batch reads forward, so the whole table is read once.
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.members.sealedAddressesAfter(after, cmd.batchSize);
      if (!batch.length) break;
      after = batch[batch.length - 1].id;
      // Addresses under a data key move with their key; older ones, sealed by the master key itself, are re-sealed.
      const stale = batch.filter(
        (r) => !r.addressCiphertext.startsWith(current) && !this.keys.isEnveloped(r.addressCiphertext),
      );
      if (!stale.length) continue;
      reencrypted += await this.members.reseal(
        stale.map((r) => ({
          id: r.id,
          old: r.addressCiphertext,
          sealed: this.cipher.encrypt(this.cipher.decrypt(r.addressCiphertext)),
        })),
      );
    }
    const remaining =
      (await this.members.countSealedOtherwiseThan(current)) +
      (await this.keys.countWrappedOtherwiseThan(cmd.currentKeyId));
    return { reencrypted, remaining };
  }
}
