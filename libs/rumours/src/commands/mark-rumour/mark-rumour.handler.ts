import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { AuditRecorder, officerActor } from '@jansetu/audit';
import { CheckPublicTextQuery } from '@jansetu/broadcast';
import { assertInReach } from '@jansetu/identity';
import { JurisdictionLookup } from '@jansetu/jurisdiction';
import { DataKeys, NotFoundError, signatureOf, ValidationError } from '@jansetu/platform';
import { DataSource } from 'typeorm';
import { ClusterRepository } from '../../persistence/cluster.repository';
import { RumourRepository, RumourRow } from '../../persistence/rumour.repository';
import { openNewest } from '../../domain/samples';
import { MarkRumourCommand } from './mark-rumour.command';

@CommandHandler(MarkRumourCommand)
export class MarkRumourHandler implements ICommandHandler<MarkRumourCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rumours: RumourRepository,
    private readonly clusters: ClusterRepository,
    private readonly jurisdictions: JurisdictionLookup,
    private readonly queries: QueryBus,
    private readonly keys: DataKeys,
    private readonly audit: AuditRecorder,
  ) {}

  async execute(cmd: MarkRumourCommand): Promise<RumourRow> {
    const { officer, rumour } = cmd;
    if (!rumour.rebuttal.hi?.trim()) throw new ValidationError('a Hindi rebuttal is required / हिंदी खंडन आवश्यक है');
    // The rebuttal goes to citizens like a broadcast: the same content rules.
    for (const text of [rumour.rebuttal.hi, rumour.rebuttal.en ?? '']) {
      const { violation } = await this.queries.execute(new CheckPublicTextQuery(text));
      if (violation) throw new ValidationError(violation);
    }
    return this.dataSource.transaction(async (m) => {
      let path = officer.jurisdictionPath;
      if (rumour.jurisdictionCode) {
        const node = await this.jurisdictions.byCode(m, rumour.jurisdictionCode);
        assertInReach(officer, node.path, `jurisdiction ${rumour.jurisdictionCode}`);
        path = node.path;
      }
      let sample = rumour.sample?.trim() ?? '';
      let signature = sample ? signatureOf(sample) : [];
      if (rumour.clusterId) {
        // A cluster with no report in the officer's area reads as absent.
        const cluster = await this.clusters.find(m, rumour.clusterId);
        const reach = cluster && (await this.clusters.reachable(m, cluster.id, officer.jurisdictionPath));
        if (!cluster || !reach) throw new NotFoundError(`cluster ${rumour.clusterId}`);
        signature = cluster.signature;
        sample ||= (await openNewest(this.keys, reach.texts, 500, m)) ?? '';
      }
      if (!signature.length) {
        throw new ValidationError(
          'a sample of the rumour (letters or digits) or a cluster is required / अफवाह का नमूना आवश्यक है',
        );
      }
      const row = await this.rumours.insert(m, {
        jurisdictionPath: path,
        sample: sample.slice(0, 2000),
        signature,
        rebuttal: {
          hi: rumour.rebuttal.hi.trim(),
          ...(rumour.rebuttal.en?.trim() ? { en: rumour.rebuttal.en.trim() } : {}),
        },
        clusterId: rumour.clusterId,
        createdBy: officer.id,
      });
      await this.audit.record(m, {
        chainId: `rumour:${row.id}`,
        type: 'rumour.marked',
        actor: officerActor(officer),
        jurisdictionPath: path,
        subject: { rumourId: row.id, clusterId: rumour.clusterId },
        body: { rebuttal: row.rebuttal, sample: row.sample },
      });
      return row;
    });
  }
}
