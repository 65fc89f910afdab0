import { Injectable } from '@nestjs/common';
import { JurisdictionAudit, JurisdictionImportDiff, JurisdictionImporter } from '@jansetu/jurisdiction';
import { EntityManager } from 'typeorm';
import { AuditRecorder, officerActor, SYSTEM_ACTOR } from '../domain/audit-recorder';

/** The one chain every change of the tree goes on: who moved which village under which station, and when. */
export const JURISDICTION_CHAIN = 'jurisdiction:tree';

/** The jurisdiction context's audit port, recorded through the recorder in the import's own transaction. */
@Injectable()
export class JurisdictionAuditAdapter implements JurisdictionAudit {
  constructor(private readonly recorder: AuditRecorder) {}

  async recordImport(
    m: EntityManager,
    importer: JurisdictionImporter | null,
    diff: JurisdictionImportDiff,
  ): Promise<void> {
    await this.recorder.record(m, {
      chainId: JURISDICTION_CHAIN,
      type: 'jurisdiction.imported',
      actor: importer ? officerActor(importer) : SYSTEM_ACTOR,
      jurisdictionPath: null,
      subject: importer ? { officerId: importer.id } : {},
      body: { ...diff },
    });
  }
}
