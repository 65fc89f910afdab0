import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { FieldCipher } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { ReencryptContactsCommand, ReencryptionResult } from './reencrypt-contacts.command';

@CommandHandler(ReencryptContactsCommand)
export class ReencryptContactsHandler implements ICommandHandler<ReencryptContactsCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  async execute(cmd: ReencryptContactsCommand): Promise<ReencryptionResult> {
    const current = `${cmd.currentKeyId}:`;
    let reencrypted = 0;
    // Keyset pagination over the primary key: each batch reads forward, so the whole table is read once.
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.dataSource.query<{ id: string; address_ciphertext: string }[]>(
        `SELECT id, address_ciphertext FROM contact_point WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, cmd.batchSize],
      );
      if (!batch.length) break;
      after = batch[batch.length - 1].id;
      const stale = batch.filter((r) => !r.address_ciphertext.startsWith(current));
      if (!stale.length) continue;
      const sealed = stale.map((r) => this.cipher.encrypt(this.cipher.decrypt(r.address_ciphertext)));
      // Compare-and-set: a row changed meanwhile (a new address, a concurrent run) is left as it is now.
      const [{ n }] = await this.dataSource.query<{ n: number }[]>(
        `WITH updated AS (
           UPDATE contact_point cp SET address_ciphertext = u.sealed
             FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, old, sealed)
            WHERE cp.id = u.id AND cp.address_ciphertext = u.old
           RETURNING 1)
         SELECT count(*)::int AS n FROM updated`,
        [stale.map((r) => r.id), stale.map((r) => r.address_ciphertext), sealed],
      );
      reencrypted += n;
    }
    const [{ remaining }] = await this.dataSource.query<{ remaining: number }[]>(
      `SELECT count(*)::int AS remaining FROM contact_point WHERE address_ciphertext NOT LIKE $1 || '%'`,
      [current],
    );
    return { reencrypted, remaining };
  }
}
