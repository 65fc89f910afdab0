import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AuditRecorder, SYSTEM_ACTOR } from '@jansetu/audit';
import { DataSource } from 'typeorm';
import labelled from '../../data/labelled-messages.json';
import { LabelledMessage, MessageClassifier } from '../../domain/classifier';
import { scoreOn, worseOn } from '../../domain/retrain-gate';
import { ClassifierVersionRepository } from '../../persistence/classifier-version.repository';
import { ClassifierRetrained, RetrainClassifierCommand } from './retrain-classifier.command';

@CommandHandler(RetrainClassifierCommand)
export class RetrainClassifierHandler implements ICommandHandler<RetrainClassifierCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly versions: ClassifierVersionRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async execute({ frozen, accept }: RetrainClassifierCommand): Promise<ClassifierRetrained> {
    const base = labelled as LabelledMessage[];
    const learned = await this.versions.runningCorrections();
    const all = await this.versions.corrections();
    const known = new Set(learned.map((c) => c.id));
    const running = scoreOn(new MessageClassifier([...base, ...learned.map((c) => c.message)]), frozen);
    const candidate = scoreOn(new MessageClassifier([...base, ...all.map((c) => c.message)]), frozen);
    const worse = worseOn(running, candidate);
    const newCorrections = all.filter((c) => !known.has(c.id)).length;
    const result = { corrections: all.length, newCorrections, running, candidate, worse, version: null };
    if (!accept || worse.length || !newCorrections) return result;
    return this.dataSource.transaction(async (m) => {
      const version = await this.versions.record(
        m,
        all.map((c) => c.id),
        candidate,
        running,
      );
      await this.audit.record(m, {
        chainId: 'classifier',
        type: 'inbox.classifier_retrained',
        actor: SYSTEM_ACTOR,
        jurisdictionPath: null,
        subject: { version },
        // Aggregates only: which corrections, never their texts.
        body: { corrections: all.length, newCorrections, score: candidate, replacedScore: running },
      });
      return { ...result, version };
    });
  }
}
