import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { FieldCipher } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { CaseRow, caseVisibleTo } from '../../domain/case-view';
import { SENDER_LINK_CIPHER, SenderLink } from '../../domain/sender-link';
import { CaseRepository } from '../../persistence/case.repository';
import { MuteRepository } from '../../persistence/mute.repository';
import { MuteSenderCommand } from './mute-sender.command';

/**
 * A named case mutes its sender_key (per inbox); an anonymous case mutes the ANON key kept in its sealed reply
 * route, so the mute reaches the sender's later ANON messages at that inbox and never their named ones.
 */
function muteKeyOf(row: CaseRow, linkCipher: FieldCipher): string {
  if (!row.anonymous || !row.sender_sealed) return row.sender_key;
  return (JSON.parse(linkCipher.decrypt(row.sender_sealed)) as SenderLink).muteKey ?? row.sender_key;
}

@CommandHandler(MuteSenderCommand)
export class MuteSenderHandler implements ICommandHandler<MuteSenderCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CaseRepository,
    private readonly mutes: MuteRepository,
    private readonly audit: AuditRecorder,
    @Inject(SENDER_LINK_CIPHER) private readonly linkCipher: FieldCipher,
  ) {}

  async execute({ officer, caseId, reason }: MuteSenderCommand): Promise<{ id: string; muted: true }> {
    return this.dataSource.transaction(async (m) => {
      const row = caseVisibleTo(officer, await this.cases.findRow(m, caseId));
      const added = await this.mutes.mute(m, {
        senderKey: muteKeyOf(row, this.linkCipher),
        nodeId: row.node_id,
        mutedBy: officer.id,
        reason,
      });
      // Muting twice is audited once.
      if (added) {
        await this.audit.record(m, {
          chainId: `inbox-case:${row.id}`,
          type: 'inbox.sender_muted',
          actor: officerActor(officer),
          jurisdictionPath: row.jurisdiction_path,
          subject: { tipId: row.id, caseNumber: Number(row.case_number), pseudonym: row.pseudonym },
          body: { reason },
        });
      }
      return { id: row.id, muted: true as const };
    });
  }
}
