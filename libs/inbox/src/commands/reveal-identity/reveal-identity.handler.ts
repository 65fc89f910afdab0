import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataKeys, FieldCipher, ShreddedError, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { caseSender } from '../../domain/case-sender';
import { caseVisibleTo } from '../../domain/case-view';
import { revealReason } from '../../domain/reveal-policy';
import { SENDER_LINK_CIPHER } from '../../domain/sender-link';
import { CaseRepository } from '../../persistence/case.repository';
import { DirectoryRepository } from '../../persistence/directory.repository';
import { IdentityRevealed, RevealIdentityCommand } from './reveal-identity.command';

const ERASED_SENDER = 'the sender erased their contact data / नागरिक ने अपना संपर्क मिटा दिया है';

/** Checked here as well as on the route, so no other caller of the command can skip the rule. */
@CommandHandler(RevealIdentityCommand)
export class RevealIdentityHandler implements ICommandHandler<RevealIdentityCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly directory: DirectoryRepository,
    private readonly keys: DataKeys,
    @Inject(SENDER_LINK_CIPHER) private readonly linkCipher: FieldCipher,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, caseId, reason }: RevealIdentityCommand): Promise<IdentityRevealed> {
    const why = revealReason(officer.role, reason);
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId));
      const contact = row.contact_point_id ? await this.directory.contactPoint(m, row.contact_point_id) : undefined;
      const sender = caseSender(row, contact, this.linkCipher);
      const channel = sender.kind === 'contact' ? sender.channel : sender.link.channel;
      const sealed = sender.kind === 'contact' ? sender.addressSealed : sender.link.address;
      // Older links hold the address in clear inside; newer ones sealed under the sender's key (gone after ERASE).
      const address =
        sender.kind === 'contact' || this.keys.isEnveloped(sealed)
          ? await this.keys.open(sealed, m).catch((e: unknown) => {
              if (e instanceof ShreddedError) throw new ValidationError(ERASED_SENDER);
              throw e;
            })
          : sealed;
      // Audited before the address leaves: the event commits with the act or the address is never returned.
      await this.audit.record(m, {
        chainId: `inbox-case:${row.id}`,
        type: 'inbox.identity_revealed',
        actor: officerActor(officer),
        jurisdictionPath: row.jurisdiction_path,
        subject: { tipId: row.id, caseNumber: Number(row.case_number), pseudonym: row.pseudonym },
        body: { reason: why, channel },
      });
      return { caseId: row.id, caseNumber: Number(row.case_number), pseudonym: row.pseudonym, channel, address };
    });
  }
}
