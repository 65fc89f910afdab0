import { Command } from '@nestjs/cqrs';
import { LabelledMessage } from '../../domain/classifier';
import { FrozenScore } from '../../domain/retrain-gate';

export interface ClassifierRetrained {
  /** Officers' labelled corrections the candidate learned from (their texts still readable). */
  corrections: number;
  /** Of those, the ones the running model has not learned yet. */
  newCorrections: number;
  running: FrozenScore;
  candidate: FrozenScore;
  /** The promises the candidate would break (none: it may replace the running model). */
  worse: string[];
  /** The version recorded (accepted and asked to accept), else null. */
  version: number | null;
}

/**
 * Trains a candidate classifier on the labelled set plus the officers' corrections and scores it and the running
 * one on the frozen evaluation set; with `accept`, records it as the model the next start loads, only when it is
 * no worse on any promise (emergency recall, tips filtered, noise reaching officers, accuracy).
 */
export class RetrainClassifierCommand extends Command<ClassifierRetrained> {
  constructor(
    readonly frozen: LabelledMessage[],
    readonly accept: boolean,
  ) {
    super();
  }
}
