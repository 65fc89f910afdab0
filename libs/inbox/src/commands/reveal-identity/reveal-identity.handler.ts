import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { Role } from '@jansetu/identity';
import { FieldCipher, ForbiddenError, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { caseSender } from '../../domain/case-sender';
import { caseForOfficer } from '../../domain/case-view';
import { SENDER_LINK_CIPHER } from '../../domain/sender-link';
import { IdentityRevealed, RevealIdentityCommand } from './reveal-identity.command';

export const REVEAL_ROLES: Role[] = ['district_admin', 'hq_admin'];
export const REVEAL_REASON_MIN = 10;

/** Checked here as well as on the route, so no other caller of the command can skip the rule. */
@CommandHandler(RevealIdentityCommand)
export class RevealIdentityHandler implements ICommandHandler<RevealIdentityCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    @Inject(SENDER_LINK_CIPHER) private readonly linkCipher: FieldCipher,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ officer, caseId, reason }: RevealIdentityCommand): Promise<IdentityRevealed> {
    if (!REVEAL_ROLES.includes(officer.role)) {
      throw new ForbiddenError(
        'only a district or HQ admin may reveal an identity / पहचान केवल जिला/मुख्यालय एडमिन खोल सकते हैं',
      );
    }
    const why = reason?.trim() ?? '';
    if (why.length < REVEAL_REASON_MIN) {
      throw new ValidationError(`a written reason of ${REVEAL_REASON_MIN}+ characters is required / कारण लिखें`);
    }
    return this.dataSource.transaction(async (m) => {
      const row = await caseForOfficer(m, officer, caseId);
      const sender = await caseSender(m, row, this.linkCipher);
      const channel = sender.kind === 'contact' ? sender.channel : sender.link.channel;
      const address = sender.kind === 'contact' ? this.cipher.decrypt(sender.addressSealed) : sender.link.address;
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
