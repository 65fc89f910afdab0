import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { AuditRecorder, officerActor } from '../../domain/audit-recorder';
import { SETTINGS_CHAIN } from '../update-audit-settings/update-audit-settings.handler';
import { PlaceLegalHoldCommand } from './place-legal-hold.command';

@CommandHandler(PlaceLegalHoldCommand)
export class PlaceLegalHoldHandler implements ICommandHandler<PlaceLegalHoldCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ target: t, reason, officer }: PlaceLegalHoldCommand): Promise<{ id: string }> {
    const named = [t.jurisdictionCode, t.broadcastId, t.chainId, t.pseudonym].filter((v) => v !== undefined);
    if (named.length > 1) {
      throw new ValidationError('a hold names at most one of jurisdictionCode, broadcastId, chainId, pseudonym');
    }
    if (!reason.trim()) throw new ValidationError('a legal hold needs a reason / कारण आवश्यक है');
    let path: string | null = null;
    if (t.jurisdictionCode) {
      const [node] = await this.dataSource.query<{ path: string }[]>(
        `SELECT path FROM jurisdiction_node WHERE code = $1`,
        [t.jurisdictionCode],
      );
      if (!node) throw new ValidationError(`unknown jurisdiction ${t.jurisdictionCode} / अज्ञात क्षेत्राधिकार`);
      path = node.path;
    }
    const chainId = t.broadcastId ? `broadcast:${t.broadcastId}` : (t.chainId ?? null);
    return this.dataSource.transaction(async (m) => {
      const [{ id }] = await m.query<{ id: string }[]>(
        `INSERT INTO audit_legal_hold (jurisdiction_path, chain_id, pseudonym, reason, placed_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [path, chainId, t.pseudonym ?? null, reason, officer.id],
      );
      await this.audit.record(m, {
        chainId: SETTINGS_CHAIN,
        type: 'audit.legal_hold_placed',
        actor: officerActor(officer),
        jurisdictionPath: path,
        subject: { holdId: id, ...(chainId ? { chainId } : {}), ...(t.pseudonym ? { pseudonym: t.pseudonym } : {}) },
        body: { reason, jurisdictionCode: t.jurisdictionCode ?? null, all: named.length === 0 },
      });
      return { id };
    });
  }
}
