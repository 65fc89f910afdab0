import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { DataKeys, FieldCipher, ForbiddenError, ShreddedError, ValidationError } from '@jansetu/platform';
import { DataSource, EntityManager } from 'typeorm';
import { caseSender } from '../../domain/case-sender';
import { caseVisibleTo } from '../../domain/case-view';
import { revealReason } from '../../domain/reveal-policy';
import { SENDER_LINK_CIPHER } from '../../domain/sender-link';
import { CaseRepository } from '../../persistence/case.repository';
import { DirectoryRepository } from '../../persistence/directory.repository';
import { RevealRepository } from '../../persistence/reveal.repository';
import { SenderLink } from '../../domain/sender-link';
import { IdentityRevealed, RevealIdentityCommand } from './reveal-identity.command';

const ERASED_SENDER = 'the sender erased their contact data / नागरिक ने अपना संपर्क मिटा दिया है';

/**
 * The view of a revealed identity: only the officer whose request a second officer approved, within the view
 * window; every view audited (inbox.identity_revealed) and counted in the reveal report. Checked here as well as
 * on the route, so no other caller of the command can skip the rule.
 */
@CommandHandler(RevealIdentityCommand)
export class RevealIdentityHandler implements ICommandHandler<RevealIdentityCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly directory: DirectoryRepository,
    private readonly keys: DataKeys,
    @Inject(SENDER_LINK_CIPHER) private readonly linkCipher: FieldCipher,
    private readonly audit: AuditRecorder,
    private readonly reveals: RevealRepository,
  ) {}

  async execute({ officer, caseId, reason }: RevealIdentityCommand): Promise<IdentityRevealed> {
    revealReason(officer.role, reason);
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId));
      // An erased sender is nobody's to reveal, approved or not (the case view already shows it unreachable).
      if (!row.contact_point_id && !row.sender_sealed && !row.reveal_sealed)
        caseSender(row, undefined, this.linkCipher);
      const approved = await this.reveals.viewable(m, row.id, officer.id);
      if (!approved) {
        throw new ForbiddenError(
          'a reveal needs your request approved by a second, senior officer / पहचान के लिए आपके अनुरोध पर वरिष्ठ अधिकारी की स्वीकृति चाहिए',
        );
      }
      let channel: string;
      let address: string;
      if (row.anonymous) {
        if (!approved.revealed_sealed) {
          throw new ValidationError('the sender erased their data / नागरिक ने अपना डेटा मिटा दिया है');
        }
        const link = JSON.parse(this.linkCipher.decrypt(approved.revealed_sealed)) as SenderLink;
        channel = link.channel;
        address = await this.openAddress(link.address, m);
      } else {
        const contact = row.contact_point_id ? await this.directory.contactPoint(m, row.contact_point_id) : undefined;
        const sender = caseSender(row, contact, this.linkCipher);
        channel = sender.kind === 'contact' ? sender.channel : sender.link.channel;
        address = await this.openAddress(sender.kind === 'contact' ? sender.addressSealed : sender.link.address, m);
      }
      await this.reveals.recordView(m, approved.id, officer.id);
      const why = approved.reason;
      // Audited before the address leaves: the event commits with the act or the address is never returned.
      await this.audit.record(m, {
        chainId: `inbox-case:${row.id}`,
        type: 'inbox.identity_revealed',
        actor: officerActor(officer),
        jurisdictionPath: row.jurisdiction_path,
        subject: { tipId: row.id, caseNumber: Number(row.case_number), pseudonym: row.pseudonym },
        body: { reason: why, channel, revealRequestId: approved.id, approvedBy: approved.decided_by },
      });
      return { caseId: row.id, caseNumber: Number(row.case_number), pseudonym: row.pseudonym, channel, address };
    });
  }

  /** Older links hold the address in clear; newer ones sealed under the sender's data key (gone after ERASE). */
  private async openAddress(sealed: string, m: EntityManager): Promise<string> {
    if (!this.keys.isEnveloped(sealed) && !sealed.includes(':')) return sealed;
    return this.keys.open(sealed, m).catch((e: unknown) => {
      if (e instanceof ShreddedError) throw new ValidationError(ERASED_SENDER);
      throw e;
    });
  }
}
