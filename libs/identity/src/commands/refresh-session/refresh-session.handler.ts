import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, SYSTEM_ACTOR } from '@jansetu/audit';
import { DomainError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { decideRefresh, parseRefreshToken, secretMatches } from '../../domain/refresh-token';
import { OfficerRepository } from '../../persistence/officer.repository';
import { SessionRepository } from '../../persistence/session.repository';
import { SessionCheck } from '../../sessions/session-check';
import { SessionTokens, SessionTokensIssued } from '../../sessions/session-tokens';
import { RefreshSessionCommand } from './refresh-session.command';

const refused = () =>
  new DomainError('invalid_refresh_token', 'session ended; sign in again / सत्र समाप्त, फिर से लॉगिन करें', 401);

@CommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly officers: OfficerRepository,
    private readonly sessions: SessionRepository,
    private readonly tokens: SessionTokens,
    private readonly check: SessionCheck,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: RefreshSessionCommand): Promise<SessionTokensIssued> {
    const presented = parseRefreshToken(cmd.refreshToken);
    if (!presented) throw refused();
    type Outcome = { kind: 'issued'; issued: SessionTokensIssued } | { kind: 'reused'; officerId: string } | null;
    const outcome = await this.dataSource.transaction(async (m): Promise<Outcome> => {
      const session = await this.sessions.lock(m, presented.sessionId);
      if (!session || !secretMatches(session.tokenHash, presented.secret)) return null;
      const officer = await this.officers.findById(m, session.officerId);
      if (!officer) return null;
      const decision = decideRefresh({ ...session, officerActive: officer.active }, new Date());
      if (decision === 'reuse_detected') {
        // A spent token came back: someone kept a copy. End the whole family, the thief's and the officer's.
        await this.sessions.revokeFamily(m, session.familyId, 'reuse_detected');
        await this.audit.record(m, {
          chainId: `officer:${officer.id}`,
          type: 'officer.session_reuse_detected',
          actor: SYSTEM_ACTOR,
          jurisdictionPath: officer.jurisdictionPath,
          subject: { officerId: officer.id, username: officer.username },
          body: { sessionFamily: session.familyId },
        });
        return { kind: 'reused', officerId: officer.id };
      }
      if (decision !== 'rotate') return null;
      await this.sessions.markRotated(m, session.id);
      return { kind: 'issued', issued: await this.tokens.issue(m, officer, session.familyId) };
    });
    if (outcome?.kind === 'reused') this.check.invalidate(outcome.officerId);
    if (outcome?.kind !== 'issued') throw refused();
    return outcome.issued;
  }
}
